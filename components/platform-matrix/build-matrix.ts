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
  /** Entries the matrix cannot place (no platform anywhere, nested indexes without one, orphan attestations). */
  unplaced: EntryGroup[];
};

function columnKey(platform: Platform): string {
  return platform.variant ? `${platform.architecture}/${platform.variant}` : platform.architecture;
}

/**
 * Where an entry goes: its listed platform, or for an image the list gives none (a tag that is one manifest,
 * or a platform-less entry) its config's, which is what a runtime reads in that case.
 */
export function placementPlatform(entry: InspectEntry): Platform | null {
  if (entry.role === 'attestation') return null;
  if (entry.platform) return entry.platform;
  return entry.role === 'image' && entry.config ? entry.config : null;
}

/** Lays the grouped entries out by OS and architecture, in the order runtimes and people expect. */
export function buildMatrix(groups: readonly EntryGroup[]): PlatformMatrix {
  const placed = groups.flatMap((group) => {
    const platform = placementPlatform(group.entry);
    return platform ? [{ group, platform }] : [];
  });
  const unplaced = groups.filter((group) => placementPlatform(group.entry) === null);
  const sorted = [...placed].sort((a, b) => comparePlatforms(a.platform, b.platform) || a.group.position - b.group.position);

  const columns: MatrixColumn[] = [];
  const rowsByOs = new Map<string, MatrixRow>();
  // Spellings a runtime treats alike (arm64, arm64/v8) sit side by side, the shorter first.
  const columnOrder = [...placed].sort(
    (a, b) => comparePlatforms({ ...a.platform, os: '' }, { ...b.platform, os: '' }) || columnKey(a.platform).localeCompare(columnKey(b.platform)),
  );
  for (const { platform } of columnOrder) {
    const key = columnKey(platform);
    if (!columns.some((column) => column.key === key)) columns.push({ key, label: key });
  }
  for (const { group, platform } of sorted) {
    const row = rowsByOs.get(platform.os) ?? { os: platform.os, cells: new Map<string, EntryGroup[]>() };
    rowsByOs.set(platform.os, row);
    const key = columnKey(platform);
    row.cells.set(key, [...(row.cells.get(key) ?? []), group]);
  }
  return { columns, rows: [...rowsByOs.values()], unplaced };
}
