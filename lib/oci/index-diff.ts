import type { Descriptor, ImageIndex, Platform } from './schemas';

/*
 * What an edit changes, for the review: entry by entry (added, removed, changed field by field, moved) and the
 * index's own fields. Pure; the edits themselves are edit.ts.
 */

export type FieldChange = { field: string; before: string | null; after: string | null };

export type DiffRow = {
  change: 'added' | 'removed' | 'changed' | 'moved';
  digest: string;
  /** The platform after the edit (before it, for removed entries), for display. */
  platform: Platform | null;
  beforeIndex: number | null;
  afterIndex: number | null;
  /** True when the entry changed place relative to the entries kept on both sides. */
  moved: boolean;
  /** Per-field old→new, for changed entries. */
  fields: FieldChange[];
};

function displayValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field-level differences; nested objects (platform, annotations) are walked, arrays compared whole. */
function diffFields(before: unknown, after: unknown, prefix = '', inMap = false): FieldChange[] {
  // An object that appears or disappears is walked against {}, so each of its keys is named.
  if (isPlainObject(before) && after === undefined) return diffFields(before, {}, prefix, inMap);
  if (before === undefined && isPlainObject(after)) return diffFields({}, after, prefix, inMap);
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => {
      const label = inMap ? `${prefix}["${key}"]` : prefix ? `${prefix}.${key}` : key;
      return diffFields(before[key], after[key], label, key === 'annotations' && !inMap);
    });
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ field: prefix, before: displayValue(before), after: displayValue(after) }];
}

/** Pairs the n-th occurrence of a digest before with its n-th occurrence after (a digest may repeat). */
function occurrenceKeys(manifests: readonly Descriptor[]): string[] {
  const seen = new Map<string, number>();
  return manifests.map((desc) => {
    const n = seen.get(desc.digest) ?? 0;
    seen.set(desc.digest, n + 1);
    return `${desc.digest}#${n}`;
  });
}

/** Keys of the longest common subsequence: the entries that kept their relative order. */
function stableKeys(before: readonly string[], after: readonly string[]): Set<string> {
  const rows = before.length;
  const cols = after.length;
  const table: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      table[i]![j] = before[i] === after[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < rows && j < cols; ) {
    if (before[i] === after[j]) {
      kept.add(before[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

/**
 * Descriptor-level differences between two lists (before may be null for a new tag): added, removed,
 * changed (with per-field old→new) and moved entries, in the order of the new list, removed ones last.
 * Entries that did not change are not listed.
 */
export function diffIndexes(before: ImageIndex | null, after: ImageIndex): DiffRow[] {
  const old = before?.manifests ?? [];
  const oldKeys = occurrenceKeys(old);
  const newKeys = occurrenceKeys(after.manifests);
  const oldByKey = new Map(oldKeys.map((key, i) => [key, i]));
  const newSet = new Set(newKeys);
  const common = (keys: string[], other: Set<string> | Map<string, number>) => keys.filter((key) => other.has(key));
  const kept = stableKeys(common(oldKeys, newSet), common(newKeys, oldByKey));

  const rows: DiffRow[] = [];
  after.manifests.forEach((desc, afterIndex) => {
    const key = newKeys[afterIndex]!;
    const beforeIndex = oldByKey.get(key);
    const base = { digest: desc.digest, platform: desc.platform ?? null, afterIndex };
    if (beforeIndex === undefined) {
      rows.push({ ...base, change: 'added', beforeIndex: null, moved: false, fields: [] });
      return;
    }
    const fields = diffFields(old[beforeIndex], desc);
    const moved = !kept.has(key);
    if (fields.length > 0 || moved) rows.push({ ...base, change: fields.length > 0 ? 'changed' : 'moved', beforeIndex, moved, fields });
  });
  old.forEach((desc, beforeIndex) => {
    if (newSet.has(oldKeys[beforeIndex]!)) return;
    rows.push({ change: 'removed', digest: desc.digest, platform: desc.platform ?? null, beforeIndex, afterIndex: null, moved: false, fields: [] });
  });
  return rows;
}

/** Differences of the index itself (mediaType, annotations, unknown top-level fields), manifests excluded. */
export function diffIndexFields(before: ImageIndex | null, after: ImageIndex): FieldChange[] {
  const { manifests: _before, ...oldTop } = before ?? { manifests: [] };
  const { manifests: _after, ...newTop } = after;
  return diffFields(oldTop, newTop);
}
