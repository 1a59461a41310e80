import { MediaType } from './media-types';
import type { IndexMediaType } from './media-types';
import { attestationSubject, isAttestation } from './attestation';
import { formatPlatform } from './platform';
import { sha256Digest, shortDigest } from './digest';
import type { Annotations, Descriptor, ImageIndex, Platform } from './schemas';

/*
 * Pure edits of an index, as the push flow (issue 3) applies them. Every function returns new objects and
 * leaves what it does not touch as it was, unknown fields and key order included, so that serialising the
 * result changes only the edited descriptors.
 */

/** An edit that cannot be made as asked; the message says what to do instead. */
export class IndexEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexEditError';
  }
}

/** Drops empty optional fields (`variant: ""`, `os.features: []`) that forms send for "none". */
function cleanPlatform(platform: Platform): Platform {
  const out: Platform = { ...platform };
  if (!out.variant) delete out.variant;
  if (!out['os.version']) delete out['os.version'];
  if (!out['os.features']?.length) delete out['os.features'];
  if (!out.features?.length) delete out.features;
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The descriptor with `platform` set (null removes it); the same object when nothing changes. */
export function setPlatform(desc: Descriptor, platform: Platform | null): Descriptor {
  if (platform === null) {
    if (desc.platform === undefined) return desc;
    const { platform: _removed, ...rest } = desc;
    return rest as Descriptor;
  }
  const next = cleanPlatform(platform);
  if (sameJson(desc.platform, next)) return desc;
  return { ...desc, platform: next };
}

function requirePlatform(desc: Descriptor): Platform {
  if (!desc.platform) {
    throw new IndexEditError(`${shortDigest(desc.digest)} has no platform: set os and architecture before os.features.`);
  }
  return desc.platform;
}

/** Adds os.features (like `docker manifest annotate --os-features`), without duplicates. */
export function addOsFeatures(desc: Descriptor, features: readonly string[]): Descriptor {
  const platform = requirePlatform(desc);
  const current = platform['os.features'] ?? [];
  const merged = [...current, ...features.filter((f, i) => f !== '' && !current.includes(f) && features.indexOf(f) === i)];
  return setPlatform(desc, { ...platform, 'os.features': merged });
}

/** Removes os.features; the field goes away when none is left. */
export function removeOsFeatures(desc: Descriptor, features: readonly string[]): Descriptor {
  const platform = requirePlatform(desc);
  const kept = (platform['os.features'] ?? []).filter((f) => !features.includes(f));
  return setPlatform(desc, { ...platform, 'os.features': kept });
}

/** Removes the entries with these digests and the attestations that describe them. */
export function removeEntries(manifests: readonly Descriptor[], digests: Iterable<string>): Descriptor[] {
  const removed = new Set(digests);
  return manifests.filter((desc) => {
    if (removed.has(desc.digest)) return false;
    const subject = attestationSubject(desc);
    return subject === undefined || !removed.has(subject);
  });
}

/** Moves the entry at `from` to position `to` (positions in the result); others keep their order. */
export function moveEntry(manifests: readonly Descriptor[], from: number, to: number): Descriptor[] {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < 0 || from >= manifests.length || to >= manifests.length) {
    throw new IndexEditError(`Cannot move entry ${from + 1} to position ${to + 1}: the list has ${manifests.length} entries.`);
  }
  const out = [...manifests];
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved!);
  return out;
}

/** Inserts a descriptor at `at` (default: the end); a digest already listed is refused. */
export function addEntry(manifests: readonly Descriptor[], desc: Descriptor, at: number = manifests.length): Descriptor[] {
  if (manifests.some((m) => m.digest === desc.digest)) {
    throw new IndexEditError(`${shortDigest(desc.digest)} is already in the list: edit that entry instead.`);
  }
  const out = [...manifests];
  out.splice(Math.max(0, Math.min(at, out.length)), 0, desc);
  return out;
}

/** A new descriptor with the keys in the order buildx and the docker CLI write them. */
export function makeDescriptor(fields: {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Annotations;
  platform?: Platform;
}): Descriptor {
  const desc: Descriptor = { mediaType: fields.mediaType, digest: fields.digest, size: fields.size };
  if (fields.annotations && Object.keys(fields.annotations).length > 0) desc.annotations = fields.annotations;
  if (fields.platform) desc.platform = cleanPlatform(fields.platform);
  return desc;
}

const OCI_ONLY_INDEX_FIELDS = ['annotations', 'artifactType', 'subject'] as const;
const OCI_ONLY_DESCRIPTOR_FIELDS = ['annotations', 'urls', 'artifactType', 'data'] as const;

function describeEntry(desc: Descriptor): string {
  return desc.platform ? `${shortDigest(desc.digest)} (${formatPlatform(desc.platform)})` : shortDigest(desc.digest);
}

function withoutKeys<T extends object>(value: T, keys: readonly string[]): { value: T; removed: string[] } {
  const removed = keys.filter((key) => Object.hasOwn(value, key));
  if (removed.length === 0) return { value, removed };
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of removed) delete copy[key];
  return { value: copy as T, removed };
}

function toOci(index: ImageIndex): { index: ImageIndex; dropped: string[] } {
  const dropped: string[] = [];
  const manifests = index.manifests.map((desc) => {
    if (!desc.platform || !Object.hasOwn(desc.platform, 'features')) return desc;
    dropped.push(`platform.features of ${describeEntry(desc)} (reserved in OCI)`);
    const { features: _features, ...platform } = desc.platform;
    return { ...desc, platform: platform as Platform };
  });
  return { index: { ...index, mediaType: MediaType.ociIndex, manifests }, dropped };
}

function toDocker(index: ImageIndex): { index: ImageIndex; dropped: string[] } {
  const top = withoutKeys(index, OCI_ONLY_INDEX_FIELDS);
  const dropped = top.removed.map((field) => `${field} of the index`);
  const manifests = index.manifests.map((desc) => {
    const { value, removed } = withoutKeys(desc, OCI_ONLY_DESCRIPTOR_FIELDS);
    for (const field of removed) {
      const why = field === 'annotations' && isAttestation(desc) ? ' (it will no longer be recognised as an attestation)' : '';
      dropped.push(`${field} of ${describeEntry(desc)}${why}`);
    }
    return value;
  });
  const converted = { ...top.value, mediaType: MediaType.dockerManifestList, manifests } as ImageIndex;
  return { index: converted, dropped };
}

/**
 * Converts between a Docker list and an OCI index, naming every field the target cannot carry:
 * Docker→OCI drops platform.features; OCI→Docker drops annotations, urls, artifactType, subject and data.
 */
export function convertIndexMediaType(index: ImageIndex, to: IndexMediaType): { index: ImageIndex; dropped: string[] } {
  const from = index.mediaType ?? MediaType.ociIndex;
  if (from === to) return { index, dropped: [] };
  return to === MediaType.ociIndex ? toOci(index) : toDocker(index);
}

export type SerializedIndex = { bytes: Uint8Array; digest: string; size: number };

/**
 * Serialises an index ONCE into the bytes to push, with their digest and size. The format is JSON with a
 * 2-space indent and no trailing newline, like Go's json.MarshalIndent used by buildx and containerd: readable
 * in the raw view, and deterministic, so a dry run and the real push produce the same digest.
 */
export function serializeIndex(index: ImageIndex): SerializedIndex {
  const bytes = new TextEncoder().encode(JSON.stringify(index, null, 2));
  return { bytes, digest: sha256Digest(bytes), size: bytes.length };
}

export type BuildIndexInput = {
  mediaType: IndexMediaType;
  /** The list being edited; its unknown top-level fields and key order are kept. */
  base?: ImageIndex | null;
  /** Index annotations (OCI only): undefined keeps the base's, null or {} removes them. */
  annotations?: Annotations | null;
  manifests: readonly Descriptor[];
};

function checkDockerCompatible(index: ImageIndex): void {
  const topLevel = OCI_ONLY_INDEX_FIELDS.filter((field) => Object.hasOwn(index, field));
  const entries = index.manifests.filter((desc) => OCI_ONLY_DESCRIPTOR_FIELDS.some((field) => Object.hasOwn(desc, field)));
  if (topLevel.length === 0 && entries.length === 0) return;
  const what = [
    ...topLevel.map((field) => `index ${field}`),
    ...entries.map((desc) => `${OCI_ONLY_DESCRIPTOR_FIELDS.filter((f) => Object.hasOwn(desc, f)).join('/')} on ${describeEntry(desc)}`),
  ];
  throw new IndexEditError(
    `A Docker manifest list cannot carry ${what.join(', ')}: choose the OCI index media type, or convert with convertIndexMediaType (it names what is dropped).`,
  );
}

/** Assembles the index to push: the base's unknown top-level fields kept, schemaVersion 2 and the chosen mediaType set. */
export function buildIndex(input: BuildIndexInput): ImageIndex {
  const base: Record<string, unknown> = input.base ? { ...input.base } : {};
  // The base's keys keep their positions; on a new list (or a base without mediaType) these two lead.
  const out: Record<string, unknown> = Object.hasOwn(base, 'mediaType') ? base : { schemaVersion: 2, mediaType: input.mediaType, ...base };
  out.schemaVersion = 2;
  out.mediaType = input.mediaType;
  out.manifests = [...input.manifests];
  if (input.annotations === null || (input.annotations && Object.keys(input.annotations).length === 0)) {
    delete out.annotations;
  } else if (input.annotations) {
    out.annotations = input.annotations;
  }
  const index = out as ImageIndex;
  if (input.mediaType === MediaType.dockerManifestList) checkDockerCompatible(index);
  return index;
}
