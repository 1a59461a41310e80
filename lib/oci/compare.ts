import { canonicalPlatform, comparePlatforms, formatPlatform, platformKey } from './platform';
import type { Annotations, Platform } from './schemas';

/*
 * Two lists side by side (issue 11 §2): which platforms both have, which changed image, which one side lacks.
 * Platforms are matched by identity (platformKey: `x86_64` is `amd64`, arm64 is arm64/v8), never by position or by
 * the text written; when the two lists spell one platform differently the row says so. Attestations are not
 * platforms of their own: each is compared beside the image it describes.
 */

export type CompareStatus = 'same' | 'changed' | 'added' | 'removed';

/** One entry of a list, as much as a comparison needs. */
export type ComparableEntry = {
  digest: string;
  size: number;
  /** The descriptor's platform as written; null when it has none (a single image, an artifact). */
  platform: Platform | null;
  /** The image config's own platform: the identity of an entry whose descriptor names none. */
  configPlatform?: Platform | null;
  /** The image's build time from its config, when known. */
  created?: string | null;
  /** Set on attestations: the digest of the image they describe. */
  subject?: string | null;
};

/** A list (or a single image, as a list of one) and what identifies it. */
export type ComparableList = {
  reference: string;
  digest: string;
  mediaType: string;
  annotations?: Annotations | null;
  entries: readonly ComparableEntry[];
};

export type ComparedSide = { digest: string; size: number; created?: string };

export type AttestationComparison = { status: CompareStatus; a?: ComparedSide; b?: ComparedSide };

export type PlatformComparison = {
  /** The platform in canonical spelling (`linux/amd64`), or `(no platform)` for an entry that names none. */
  platform: string;
  status: CompareStatus;
  a?: ComparedSide;
  b?: ComparedSide;
  /** Present when the lists spell this platform differently (`linux/x86_64` in a, `linux/amd64` in b). */
  written?: { a: string; b: string };
  /** The attestations of this platform's image on each side, paired in order. */
  attestations?: AttestationComparison[];
};

export type AnnotationChanges = {
  added: Annotations;
  removed: Annotations;
  changed: Record<string, { a: string; b: string }>;
};

export type ListComparison = {
  a: { reference: string; digest: string };
  b: { reference: string; digest: string };
  mediaType: { a: string; b: string };
  annotations: AnnotationChanges;
  platforms: PlatformComparison[];
};

/** Platform rows for entries without any platform are keyed by digest: nothing else identifies them. */
const NO_PLATFORM = '(no platform)';

type Slot = { key: string; platform: Platform | null; image: ComparableEntry; attestations: ComparableEntry[] };

function side(entry: ComparableEntry): ComparedSide {
  return { digest: entry.digest, size: entry.size, ...(entry.created ? { created: entry.created } : {}) };
}

function statusOf(a: { digest: string } | undefined, b: { digest: string } | undefined): CompareStatus {
  if (!a) return 'added';
  if (!b) return 'removed';
  return a.digest === b.digest ? 'same' : 'changed';
}

/**
 * The images of a list keyed by platform identity, each with its attestations. The n-th image of one platform is
 * keyed `key#n`, so a list that repeats a platform is compared occurrence by occurrence.
 */
function slotsOf(entries: readonly ComparableEntry[]): Map<string, Slot> {
  const images = entries.filter((entry) => !entry.subject || !entries.some((other) => other.digest === entry.subject && !other.subject));
  const slots = new Map<string, Slot>();
  const occurrences = new Map<string, number>();
  for (const image of images) {
    const platform = image.platform ?? image.configPlatform ?? null;
    const identity = platform ? platformKey(platform) : `${NO_PLATFORM} ${image.digest}`;
    const n = occurrences.get(identity) ?? 0;
    occurrences.set(identity, n + 1);
    const key = `${identity}#${n}`;
    slots.set(key, { key, platform, image, attestations: [] });
  }
  const byImage = new Map([...slots.values()].map((slot) => [slot.image.digest, slot]));
  for (const entry of entries) {
    if (entry.subject) byImage.get(entry.subject)?.attestations.push(entry);
  }
  return slots;
}

function compareAttestations(a: readonly ComparableEntry[], b: readonly ComparableEntry[]): AttestationComparison[] {
  const rows: AttestationComparison[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    rows.push({ status: statusOf(x, y), ...(x ? { a: side(x) } : {}), ...(y ? { b: side(y) } : {}) });
  }
  return rows;
}

function compareSlots(x: Slot | undefined, y: Slot | undefined): PlatformComparison {
  // Named as a list writes it when either side does; a single image's config platform otherwise.
  const platform = x?.image.platform ?? y?.image.platform ?? (x ?? y)!.platform;
  const row: PlatformComparison = {
    platform: platform ? formatPlatform(canonicalPlatform(platform)) : NO_PLATFORM,
    status: statusOf(x?.image, y?.image),
    ...(x ? { a: side(x.image) } : {}),
    ...(y ? { b: side(y.image) } : {}),
  };
  // Only what the lists themselves write counts: a single image's identity comes from its config, not a spelling.
  const [writtenA, writtenB] = [x?.image.platform, y?.image.platform];
  if (writtenA && writtenB && formatPlatform(writtenA) !== formatPlatform(writtenB)) {
    row.written = { a: formatPlatform(writtenA), b: formatPlatform(writtenB) };
  }
  const attestations = compareAttestations(x?.attestations ?? [], y?.attestations ?? []);
  if (attestations.length > 0) row.attestations = attestations;
  return row;
}

/** Added, removed and changed keys of two annotation maps (absent maps count as empty). */
export function compareAnnotations(a: Annotations | null | undefined, b: Annotations | null | undefined): AnnotationChanges {
  const before = a ?? {};
  const after = b ?? {};
  const changes: AnnotationChanges = { added: {}, removed: {}, changed: {} };
  for (const [key, value] of Object.entries(before)) {
    if (!Object.hasOwn(after, key)) changes.removed[key] = value;
    else if (after[key] !== value) changes.changed[key] = { a: value, b: after[key]! };
  }
  for (const [key, value] of Object.entries(after)) if (!Object.hasOwn(before, key)) changes.added[key] = value;
  return changes;
}

function rowOrder(x: { platform: Platform | null; key: string }, y: { platform: Platform | null; key: string }): number {
  if (!x.platform || !y.platform) return (x.platform ? 0 : 1) - (y.platform ? 0 : 1) || x.key.localeCompare(y.key);
  return comparePlatforms(x.platform, y.platform) || x.key.localeCompare(y.key);
}

/** Compares list `a` with list `b`: media types, index annotations, and every platform matched by identity. */
export function compareLists(a: ComparableList, b: ComparableList): ListComparison {
  const slotsA = slotsOf(a.entries);
  const slotsB = slotsOf(b.entries);
  const keys = [...new Set([...slotsA.keys(), ...slotsB.keys()])]
    .map((key) => ({ key, platform: (slotsA.get(key) ?? slotsB.get(key))!.platform }))
    .sort(rowOrder);
  return {
    a: { reference: a.reference, digest: a.digest },
    b: { reference: b.reference, digest: b.digest },
    mediaType: { a: a.mediaType, b: b.mediaType },
    annotations: compareAnnotations(a.annotations, b.annotations),
    platforms: keys.map(({ key }) => compareSlots(slotsA.get(key), slotsB.get(key))),
  };
}
