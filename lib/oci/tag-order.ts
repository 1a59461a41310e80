/*
 * The order people expect a repository's tags in: versions first, newest first (`1.10.2`, `1.10`, `1.9.8`, …), then
 * every other tag (`latest`, `alpine`, `sha256-…`) in natural order. Registries list tags lexically (`1.10` before
 * `1.9`), which is what nobody wants to scroll through.
 */

/** `1`, `v1.2`, `1.21.3-alpine3.20`, `2024.06.01`: numeric components, then an optional suffix after `-`, `+` or `_`. */
const VERSION = /^v?(\d+(?:\.\d+)*)(?:[-+_](.*))?$/i;

export type TagVersion = { numbers: number[]; suffix: string };

/** The version a tag spells, or null when it is not a version. */
export function tagVersion(tag: string): TagVersion | null {
  const match = VERSION.exec(tag);
  if (!match) return null;
  const numbers = match[1]!.split('.').map(Number);
  // A 64-hex digest-like tag or a huge build number is not a version anyone sorts by.
  if (numbers.some((n) => !Number.isSafeInteger(n))) return null;
  return { numbers, suffix: match[2] ?? '' };
}

const natural = new Intl.Collator('en', { numeric: true });

/** Natural order, then code-unit order where natural order sees no difference (`v5` and `v05`): one order for any input order. */
export function compareNames(a: string, b: string): number {
  return natural.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Newest first by numeric components. A shorter version that is a prefix of a longer one comes first (`1.10` is the
 * moving tag of the newest `1.10.x`); for the same numbers the plain release precedes its suffixed variants
 * (`1.2.3`, then `1.2.3-alpine`, `1.2.3-rc1`), which stay in natural order; `v1.2` and `1.2` are kept apart by name.
 */
export function compareVersions(a: TagVersion, b: TagVersion): number {
  const length = Math.min(a.numbers.length, b.numbers.length);
  for (let i = 0; i < length; i++) {
    const difference = b.numbers[i]! - a.numbers[i]!;
    if (difference !== 0) return difference;
  }
  if (a.numbers.length !== b.numbers.length) return a.numbers.length - b.numbers.length;
  if (a.suffix === '' || b.suffix === '') return (a.suffix === '' ? 0 : 1) - (b.suffix === '' ? 0 : 1);
  return natural.compare(a.suffix, b.suffix);
}

/** The tags in the order people expect: versions newest first, then the rest in natural order; duplicates dropped. */
export function sortTags(tags: Iterable<string>): string[] {
  const versions: { tag: string; version: TagVersion }[] = [];
  const others: string[] = [];
  for (const tag of new Set(tags)) {
    const version = tagVersion(tag);
    if (version) versions.push({ tag, version });
    else others.push(tag);
  }
  versions.sort((x, y) => compareVersions(x.version, y.version) || compareNames(x.tag, y.tag));
  others.sort(compareNames);
  return [...versions.map((v) => v.tag), ...others];
}
