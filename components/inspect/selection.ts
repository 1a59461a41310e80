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

/**
 * The selection to put in the URL for each entry of one list: its platform when that finds it again, else its
 * digest. The first entry of each platform is found once, so a page of a long list links its rows in linear time.
 */
export function selectionIndex(entries: readonly InspectEntry[]): (entry: InspectEntry) => EntrySelection {
  const firstByKey = new Map<string, InspectEntry>();
  for (const candidate of platformCandidates(entries)) {
    const key = platformKey(candidate.platform!);
    if (!firstByKey.has(key)) firstByKey.set(key, candidate);
  }
  return (entry) => {
    if (entry.platform && entry.role !== 'attestation') {
      const platform = formatPlatform(entry.platform);
      const key = platformKeyOf(platform);
      if (key !== null && firstByKey.get(key) === entry) return { platform };
    }
    return { digest: entry.digest };
  };
}

/** The selection to put in the URL for one entry (selectionIndex for many). */
export function selectionFor(entries: readonly InspectEntry[], entry: InspectEntry): EntrySelection {
  return selectionIndex(entries)(entry);
}
