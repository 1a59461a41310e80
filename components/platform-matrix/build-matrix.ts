import type { InspectEntry } from '@/lib/api/inspect';
import { comparePlatforms } from '@/lib/oci/platform';
import type { Platform } from '@/lib/oci/schemas';
import type { EntryGroup } from '@/components/entry-table/group-entries';

/*
 * The platform matrix: one row per OS, one column per architecture/variant, as the list writes them (a
 * non-canonical `x86_64` gets its own column, where it stands out). Several entries can share a cell: Windows
 * builds, or duplicates the problems list reports.
 */

export type MatrixColumn = { key: string; label: string };
export type MatrixRow = { os: string; cells: Map<string, EntryGroup[]> };
export type PlatformMatrix = {
  columns: MatrixColumn[];
  rows: MatrixRow[];
  /** Entries the matrix cannot place: no platform (or an orphan attestation); listed beside it. */
  unplaced: EntryGroup[];
};

function columnKey(platform: Platform): string {
  return platform.variant ? `${platform.architecture}/${platform.variant}` : platform.architecture;
}

function isPlaceable(entry: InspectEntry): entry is InspectEntry & { platform: Platform } {
  return entry.platform !== null && entry.role !== 'attestation';
}

/** Lays the grouped entries out by OS and architecture, in the order runtimes and people expect. */
export function buildMatrix(groups: readonly EntryGroup[]): PlatformMatrix {
  const placed = groups.filter((group) => isPlaceable(group.entry));
  const unplaced = groups.filter((group) => !isPlaceable(group.entry));
  const byPlatform = (a: EntryGroup, b: EntryGroup) => comparePlatforms(a.entry.platform!, b.entry.platform!) || a.position - b.position;
  const sorted = [...placed].sort(byPlatform);

  const columns: MatrixColumn[] = [];
  const rowsByOs = new Map<string, MatrixRow>();
  const columnOrder = [...placed].sort((a, b) => comparePlatforms({ ...a.entry.platform!, os: '' }, { ...b.entry.platform!, os: '' }));
  for (const group of columnOrder) {
    const key = columnKey(group.entry.platform!);
    if (!columns.some((column) => column.key === key)) columns.push({ key, label: key });
  }
  for (const group of sorted) {
    const platform = group.entry.platform!;
    const row = rowsByOs.get(platform.os) ?? { os: platform.os, cells: new Map<string, EntryGroup[]>() };
    rowsByOs.set(platform.os, row);
    const key = columnKey(platform);
    row.cells.set(key, [...(row.cells.get(key) ?? []), group]);
  }
  return { columns, rows: [...rowsByOs.values()], unplaced };
}
