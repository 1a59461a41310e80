import type { Annotations, Platform } from '@/lib/oci/schemas';
import type { AnnotationPair, DraftEntry, PlatformFields } from './types';

/* The editor's inputs (platform fields as typed, annotation rows) to and from descriptor values, and what changed. */

export const EMPTY_PLATFORM: PlatformFields = { os: '', architecture: '', variant: '', osVersion: '', osFeatures: '' };

/** The inputs' values for a platform (null: all empty). */
export function platformToFields(platform: Platform | null | undefined): PlatformFields {
  if (!platform) return EMPTY_PLATFORM;
  return {
    os: platform.os,
    architecture: platform.architecture,
    variant: platform.variant ?? '',
    osVersion: platform['os.version'] ?? '',
    osFeatures: (platform['os.features'] ?? []).join(', '),
  };
}

/** Splits typed os.features on commas or spaces, dropping blanks and repeats (features are a set). */
export function parseFeatures(typed: string): string[] {
  return [...new Set(typed.split(/[\s,]+/).filter(Boolean))];
}

const PLATFORM_FIELD_KEYS = ['os', 'architecture', 'variant', 'os.version', 'os.features'] as const;

/**
 * The platform the fields describe, keeping the unknown fields of `kept` (e.g. Docker's `features`); undefined when
 * both os and architecture are empty, which asks the server to read the platform from the image config.
 */
export function fieldsToPlatform(fields: PlatformFields, kept?: Platform | null): Platform | undefined {
  const os = fields.os.trim();
  const architecture = fields.architecture.trim();
  if (!os && !architecture) return undefined;
  const rest: Record<string, unknown> = { ...(kept ?? {}) };
  for (const key of PLATFORM_FIELD_KEYS) delete rest[key];
  const variant = fields.variant.trim();
  const osVersion = fields.osVersion.trim();
  const features = parseFeatures(fields.osFeatures);
  return {
    ...rest,
    architecture,
    os,
    ...(osVersion ? { 'os.version': osVersion } : {}),
    ...(features.length ? { 'os.features': features } : {}),
    ...(variant ? { variant } : {}),
  } as Platform;
}

/** JSON with sorted keys, so two objects compare equal whatever order their keys came in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** True when two values are the same JSON, whatever order their keys came in. */
export function isSameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** The annotations the pairs describe; blank keys are ignored (a row being typed). */
export function pairsToAnnotations(pairs: readonly AnnotationPair[]): Annotations {
  return Object.fromEntries(pairs.filter((pair) => pair.key.trim()).map((pair) => [pair.key.trim(), pair.value]));
}

/** Editable rows for an annotations map. */
export function annotationsToPairs(annotations: Annotations | undefined): AnnotationPair[] {
  return Object.entries(annotations ?? {}).map(([key, value]) => ({ key, value }));
}

/** Keys typed more than once in an annotations editor (the map can hold each key once). */
export function duplicateKeys(pairs: readonly AnnotationPair[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { key } of pairs) {
    const trimmed = key.trim();
    if (!trimmed) continue;
    if (seen.has(trimmed)) repeated.add(trimmed);
    seen.add(trimmed);
  }
  return [...repeated];
}

/** True when the user changed the entry's platform from what the list holds (always true for new entries with one). */
export function isPlatformChanged(entry: DraftEntry): boolean {
  const platform = fieldsToPlatform(entry.platform, entry.original?.platform);
  if (!entry.original) return platform !== undefined;
  return !isSameValue(platform, entry.original.platform ?? undefined);
}

/** True when the entry's annotations differ from what the list holds (non-empty for a new entry). */
export function isAnnotationsChanged(entry: DraftEntry): boolean {
  const annotations = pairsToAnnotations(entry.annotations);
  if (!entry.original) return Object.keys(annotations).length > 0;
  return !isSameValue(annotations, entry.original.annotations);
}
