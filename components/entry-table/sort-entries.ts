import type { InspectEntry, Problem } from '@/lib/api/inspect';
import { comparePlatforms } from '@/lib/oci/platform';
import type { EntryGroup } from './group-entries';

export const SORT_KEYS = ['position', 'platform', 'digest', 'size', 'mediaType', 'created', 'layers', 'problems'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export type SortOrder = { key: SortKey; direction: SortDirection };

/** The list's own order: the order runtimes read it in. */
export const LIST_ORDER: SortOrder = { key: 'position', direction: 'asc' };

const SEVERITY_WEIGHT: Record<Problem['severity'], number> = { error: 10_000, warning: 100, info: 1 };

/** One number that orders entries by how bad their problems are (any error beats any number of warnings). */
export function problemWeight(problems: readonly Problem[]): number {
  return problems.reduce((sum, problem) => sum + SEVERITY_WEIGHT[problem.severity], 0);
}

/** One sortable column: whether an entry has a value there, and how two entries that both have one compare. */
type SortColumn = { has: (entry: InspectEntry) => boolean; compare: (a: InspectEntry, b: InspectEntry) => number };

function column<T>(read: (entry: InspectEntry) => T | null | undefined, compare: (x: T, y: T) => number): SortColumn {
  return { has: (entry) => read(entry) != null, compare: (a, b) => compare(read(a)!, read(b)!) };
}

const numbers = (x: number, y: number) => x - y;
const strings = (x: string, y: string) => x.localeCompare(y);

const COLUMNS: Record<Exclude<SortKey, 'position'>, SortColumn> = {
  platform: column((entry) => entry.platform, comparePlatforms),
  digest: column((entry) => entry.digest, strings),
  size: column((entry) => entry.size, numbers),
  mediaType: column((entry) => entry.mediaType, strings),
  created: column((entry) => entry.config?.created, strings),
  layers: column((entry) => entry.layers?.size, numbers),
  problems: column((entry) => problemWeight(entry.problems), numbers),
};

/** The groups in the requested order; ties keep list order, and entries without the value go last either way. */
export function sortGroups(groups: readonly EntryGroup[], order: SortOrder): EntryGroup[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  if (order.key === 'position') return [...groups].sort((a, b) => sign * (a.position - b.position));
  const { has, compare } = COLUMNS[order.key];
  return [...groups].sort((a, b) => {
    const missing = Number(!has(a.entry)) - Number(!has(b.entry));
    if (missing !== 0 || !has(a.entry)) return missing || a.position - b.position;
    return sign * compare(a.entry, b.entry) || a.position - b.position;
  });
}

/** The order after clicking a column header: same column flips direction, a new column starts ascending. */
export function nextOrder(current: SortOrder, key: SortKey): SortOrder {
  if (current.key !== key) return { key, direction: key === 'problems' ? 'desc' : 'asc' };
  return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}
