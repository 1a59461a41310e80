import 'server-only';
import type { InspectEntry, InspectResponse } from '@/lib/api/inspect';
import { compareLists, type ComparableEntry, type ComparableList, type ListComparison } from '@/lib/oci/compare';
import type { ClientFor } from '@/lib/registry/types';
import { inspectImage } from './inspect-image';

function comparableEntry(entry: InspectEntry): ComparableEntry {
  const { created, ...configPlatform } = entry.config ?? { created: undefined };
  return {
    digest: entry.digest,
    size: entry.size,
    platform: entry.platform,
    configPlatform: entry.config ? (configPlatform as ComparableEntry['configPlatform']) : null,
    created: created ?? null,
    subject: entry.role === 'attestation' ? (entry.subject ?? null) : null,
  };
}

/** An inspect answer reshaped into what lib/oci's comparison reads. */
export function comparableList(result: InspectResponse): ComparableList {
  return {
    reference: result.reference,
    digest: result.digest,
    mediaType: result.mediaType,
    annotations: result.annotations ?? null,
    entries: result.entries.map(comparableEntry),
  };
}

/** Inspects both references (in parallel) and compares them platform by platform. */
export async function compareReferences(a: string, b: string, clientFor?: ClientFor): Promise<ListComparison> {
  const [left, right] = await Promise.all([inspectImage(a, { clientFor }), inspectImage(b, { clientFor })]);
  return compareLists(comparableList(left), comparableList(right));
}
