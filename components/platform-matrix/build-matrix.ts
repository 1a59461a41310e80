import type { InspectEntry } from '@/lib/api/inspect';
import { canonicalPlatform, comparePlatforms, normalizePlatform } from '@/lib/oci/platform';
import type { Platform } from '@/lib/oci/schemas';
import type { EntryGroup } from '@/components/entry-table/group-entries';

/*
 * The platform matrix: one row per OS, one column per architecture/variant as a runtime reads them: an alias
 * (`x86_64`, `aarch64`) joins its canonical column (`amd64`, `arm64/v8`) and its cell says how the list writes it.
 * Several entries can share a cell: Windows builds, or duplicates the problems list reports.
 */

export type MatrixColumn = { key: string; label: string };
export type MatrixRow = { os: string; cells: Map<string, EntryGroup[]> };
export type PlatformMatrix = {
  columns: MatrixColumn[];
  rows: MatrixRow[];
  /** Entries the matrix cannot place (no platform anywhere, nested indexes without one, orphan attestations). */
  unplaced: EntryGroup[];
};

function archVariant(platform: Platform): string {
  return platform.variant ? `${platform.architecture}/${platform.variant}` : platform.architecture;
}

/** The column a platform belongs to: its architecture and variant as a runtime normalises them (arm64 = arm64/v8). */
export function columnKey(platform: Platform): string {
  return archVariant(normalizePlatform(platform));
}

/** The OS row a platform belongs to (`Linux` joins `linux`). */
export function rowKey(platform: Platform): string {
  return canonicalPlatform(platform).os;
}

/** The alias an entry is written with (`x86_64`), or null when the list writes the canonical name. */
export function writtenAlias(platform: Platform): string | null {
  const written = archVariant(platform);
  return written === archVariant(canonicalPlatform(platform)) ? null : written;
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
    // Labelled with the canonical spelling; arm64 takes docker's `arm64/v8` when the list writes it so.
    const label = archVariant(canonicalPlatform(platform));
    const existing = columns.find((column) => column.key === key);
    if (!existing) columns.push({ key, label });
    else if (label.length > existing.label.length) existing.label = label;
  }
  for (const { group, platform } of sorted) {
    const os = rowKey(platform);
    const row = rowsByOs.get(os) ?? { os, cells: new Map<string, EntryGroup[]>() };
    rowsByOs.set(os, row);
    const key = columnKey(platform);
    row.cells.set(key, [...(row.cells.get(key) ?? []), group]);
  }
  return { columns, rows: [...rowsByOs.values()], unplaced };
}
