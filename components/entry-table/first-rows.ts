import type { EntryGroup } from './group-entries';

/**
 * Rows the entries table draws before "Show all": a 48-platform list shows whole, while the 500-entry window of a
 * long list does not make the page megabytes of table (the matrix, the filter and the problems still cover every
 * entry of the window).
 */
export const FIRST_ROWS = 100;

/** The first `limit` groups, and on to the selected entry's when that comes later (so a deep link shows its row). */
export function firstRows(groups: readonly EntryGroup[], limit: number, selectedDigest: string | null): readonly EntryGroup[] {
  const selected = selectedDigest === null ? -1 : groups.findIndex((group) => group.entry.digest === selectedDigest);
  return groups.length <= limit ? groups : groups.slice(0, Math.max(limit, selected + 1));
}
