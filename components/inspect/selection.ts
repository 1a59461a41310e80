import type { InspectEntry } from '@/lib/api/inspect';
import type { EntrySelection } from '@/lib/present/links';
import { formatPlatform, parsePlatform, platformKey } from '@/lib/oci/platform';
import { allEntries } from '@/components/entry-table/group-entries';

/*
 * Which entry a URL opens. `?platform=linux/arm64/v8` names an entry the way people think of it, compared as a
 * runtime would (so `linux/arm64` finds `linux/arm64/v8`); `?digest=` covers entries no platform names uniquely.
 */

function platformKeyOf(text: string): string | null {
  try {
    return platformKey(parsePlatform(text));
  } catch {
    return null;
  }
}

/** The top-level non-attestation entries that carry a platform, in list order: what `?platform=` searches. */
function platformCandidates(entries: readonly InspectEntry[]): InspectEntry[] {
  return entries.filter((entry) => entry.role !== 'attestation' && entry.platform !== null);
}

/** The entry a selection names, or null when nothing in the list matches. */
export function findSelectedEntry(entries: readonly InspectEntry[], selection: EntrySelection): InspectEntry | null {
  if (selection.digest) return allEntries(entries).find((entry) => entry.digest === selection.digest) ?? null;
  if (!selection.platform) return null;
  const wanted = platformKeyOf(selection.platform);
  if (wanted === null) return null;
  return platformCandidates(entries).find((entry) => platformKey(entry.platform!) === wanted) ?? null;
}

/** The selection to put in the URL for an entry: its platform when that finds it again, else its digest. */
export function selectionFor(entries: readonly InspectEntry[], entry: InspectEntry): EntrySelection {
  if (entry.platform && entry.role !== 'attestation') {
    const platform = formatPlatform(entry.platform);
    if (findSelectedEntry(entries, { platform }) === entry) return { platform };
  }
  return { digest: entry.digest };
}
