import 'server-only';
import type { HistoryEntry } from '@/lib/api/push';
import { auditStore } from '@/lib/audit/log';
import { settlePending } from '@/lib/audit/settle';
import { getRegistryClient } from '@/lib/registry/client';
import { parseTarget, tagDigest } from './target-tag';

/** The pushes recorded for a tag, newest first; pending ones nobody is working on are settled first. */
export async function readHistory(reference: string): Promise<HistoryEntry[]> {
  const target = parseTarget(reference).reference;
  await settleRecordedPushes(target);
  return auditStore().history(target);
}

/** Settles pending records by reading their tags: one target's, or all of them (at start-up). */
export function settleRecordedPushes(target?: string): Promise<number> {
  return settlePending({
    target,
    readTag: (reference) => {
      const parsed = parseTarget(reference);
      return tagDigest(getRegistryClient(parsed.registry), parsed);
    },
  });
}
