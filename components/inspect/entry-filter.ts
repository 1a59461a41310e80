import type { EntryGroup } from '@/components/entry-table/group-entries';
import { columnKey, placementPlatform, rowKey } from '@/components/platform-matrix/build-matrix';
import { formatPlatform } from '@/lib/oci/platform';
import { entryLabel } from '@/lib/present/entry-label';
import { problemHeadline } from '@/lib/present/problem-headline';

/*
 * One filter for the matrix and the entries table: an OS row, an architecture column, "problems only" and a
 * free-text search over what a row shows (platform as listed and as configured, digest, problems).
 */

export type EntryFilter = { os: string; arch: string; problemsOnly: boolean; search: string };

export const NO_FILTER: EntryFilter = { os: '', arch: '', problemsOnly: false, search: '' };

/** True when the filter lets everything through. */
export function isFilterEmpty(filter: EntryFilter): boolean {
  return !filter.os && !filter.arch && !filter.problemsOnly && !filter.search.trim();
}

function searchableText(group: EntryGroup): string {
  const { entry } = group;
  return [
    entryLabel(entry),
    entry.digest,
    entry.config ? formatPlatform(entry.config) : '',
    ...entry.problems.flatMap((problem) => [problem.message, problemHeadline(problem)]),
  ]
    .join(' ')
    .toLowerCase();
}

/** The groups a filter keeps, positions untouched (entry numbers stay as the list has them). */
export function filterGroups(groups: readonly EntryGroup[], filter: EntryFilter): EntryGroup[] {
  if (isFilterEmpty(filter)) return [...groups];
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  return groups.filter((group) => {
    const platform = placementPlatform(group.entry);
    if (filter.os && (!platform || rowKey(platform) !== filter.os)) return false;
    if (filter.arch && (!platform || columnKey(platform) !== filter.arch)) return false;
    const problemCount = group.entry.problems.length + group.attestations.reduce((n, a) => n + a.problems.length, 0);
    if (filter.problemsOnly && problemCount === 0) return false;
    const text = searchableText(group);
    return words.every((word) => text.includes(word));
  });
}
