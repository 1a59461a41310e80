import type { ConfigPlatform, EntryRole, InspectEntry, InspectResponse, Problem } from '@/lib/api/inspect';
import type { PushManifestRequest, PushRequest } from '@/lib/api/push';
import { MediaType, type IndexMediaType } from '@/lib/oci/media-types';
import { digestReference, tagReference, type RepositoryLocation } from '@/lib/client/links';
import { formatReference, tryParseReference } from '@/lib/oci/reference';
import type { Annotations, Platform } from '@/lib/oci/schemas';

/*
 * The pending edit of a list, as the editor holds it: the desired entries in order, each with the platform fields
 * as typed. It turns into the push API's "desired list" request; the server builds, checks and hashes the bytes.
 * An entry the user did not touch is sent as its source alone, so the server keeps its descriptor byte for byte.
 */

/** The platform inputs of one entry, as typed (empty string: not set). `osFeatures` is comma-separated. */
export type PlatformFields = { os: string; architecture: string; variant: string; osVersion: string; osFeatures: string };

export type AnnotationPair = { key: string; value: string };

export type DraftEntry = {
  /** Stable across reorders, for React and for the actions. */
  key: string;
  /** Reference pinned by digest (`registry/repo@sha256:…`): what the push request names. */
  source: string;
  digest: string;
  mediaType: string;
  size: number;
  role: EntryRole;
  /** For attestations: the digest of the image they describe (they travel with it). */
  subject?: string;
  /** The descriptor as listed in the list being edited; null for an entry added in this edit. */
  original: { platform: Platform | null; annotations: Annotations } | null;
  platform: PlatformFields;
  annotations: AnnotationPair[];
  /** What the image's own config says (null: not an image, or not readable). */
  config: ConfigPlatform | null;
  /** Problems inspect found in the list as loaded; they may no longer hold once the entry is edited. */
  problems: Problem[];
  /** For added entries: the reference the user typed, shown as where the entry came from. */
  addedFrom?: string;
};

/** `keep` leaves the media type of the list being edited; the others convert (the dry run says what is dropped). */
export type MediaTypeChoice = 'keep' | IndexMediaType;

export type Draft = {
  /** The list the edit started from; null for a new list (`/create`). */
  base: { reference: string; digest: string; mediaType: string; kind: 'index' | 'manifest' } | null;
  /** `registry/repo:tag` to push to. */
  target: string;
  mediaType: MediaTypeChoice;
  originalAnnotations: Annotations;
  annotations: AnnotationPair[];
  entries: DraftEntry[];
  allowMismatch: boolean;
  /** Next number for entry keys; keys are never reused within a draft. */
  nextKey: number;
};

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

/** The platform an image config declares, as a descriptor platform. */
export function configPlatform(config: ConfigPlatform): Platform {
  return {
    architecture: config.architecture,
    os: config.os,
    ...(config['os.version'] ? { 'os.version': config['os.version'] } : {}),
    ...(config['os.features']?.length ? { 'os.features': config['os.features'] } : {}),
    ...(config.variant ? { variant: config.variant } : {}),
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

function isSameValue(a: unknown, b: unknown): boolean {
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

/** The media type the pushed list will have, when the draft says (null: decided by the server from the children). */
export function resultingMediaType(draft: Draft): string | null {
  if (draft.mediaType !== 'keep') return draft.mediaType;
  if (draft.base?.kind === 'index') return draft.base.mediaType;
  return null;
}

/** Annotations exist only in OCI indexes; a Docker list has nowhere to put them. */
export function canAnnotate(draft: Draft): boolean {
  return resultingMediaType(draft) !== MediaType.dockerManifestList;
}

/** One entry of the push request: the source alone when nothing was touched, so its descriptor is kept exactly. */
export function toManifestRequest(entry: DraftEntry, isAnnotatable: boolean): PushManifestRequest {
  const request: PushManifestRequest = { source: entry.source };
  if (isPlatformChanged(entry)) {
    const platform = fieldsToPlatform(entry.platform, entry.original?.platform);
    if (platform) request.platform = platform;
  }
  if (isAnnotatable && isAnnotationsChanged(entry)) request.annotations = pairsToAnnotations(entry.annotations);
  return request;
}

/** The push API request for the draft (the caller adds `dryRun`). */
export function toPushRequest(draft: Draft): PushRequest {
  const isAnnotatable = canAnnotate(draft);
  const request: PushRequest = {
    target: draft.target.trim(),
    base: baseFor(draft),
    manifests: draft.entries.map((entry) => toManifestRequest(entry, isAnnotatable)),
  };
  if (draft.mediaType !== 'keep') request.mediaType = draft.mediaType;
  const annotations = pairsToAnnotations(draft.annotations);
  if (isAnnotatable && !isSameValue(annotations, draft.originalAnnotations)) request.annotations = annotations;
  if (draft.allowMismatch) request.allowMismatch = true;
  return request;
}

/**
 * The digest the push must find the target at: the loaded list's when pushing back to its own tag, none for another
 * tag (a tag that exists after all comes back as a 409 saying where it points, and the user decides).
 */
export function baseFor(draft: Draft): string | null {
  if (!draft.base) return null;
  return sameTag(draft.target, draft.base.reference) ? draft.base.digest : null;
}

/** The canonical `registry/repo:tag` a typed target means (Docker Hub defaults, `latest`), or the text as typed. */
export function canonicalTarget(target: string): string {
  const parsed = tryParseReference(target);
  return parsed.ok ? formatReference(parsed.reference) : target.trim();
}

function sameTag(a: string, b: string): boolean {
  return canonicalTarget(a) === canonicalTarget(b);
}

function entryFromInspect(
  entry: InspectEntry,
  location: RepositoryLocation,
  key: string,
  isOriginal: boolean,
  addedFrom?: string,
  isFromIndex = false,
): DraftEntry {
  return {
    key,
    // `registry/repo@digest`: how an entry of a list in that repository is named as a push source.
    source: digestReference(location, entry.digest),
    digest: entry.digest,
    mediaType: entry.mediaType,
    size: entry.size,
    role: entry.role,
    ...(entry.subject ? { subject: entry.subject } : {}),
    original: isOriginal ? { platform: entry.platform, annotations: entry.annotations } : null,
    // New entries start empty: the server reads the platform from the config, as `docker manifest create` does.
    platform: isOriginal ? platformToFields(entry.platform) : EMPTY_PLATFORM,
    // An index's descriptor annotations come along (an attestation is only one through them); a lone image has none.
    annotations: isOriginal || isFromIndex ? annotationsToPairs(entry.annotations) : [],
    config: entry.config,
    problems: entry.problems,
    ...(addedFrom ? { addedFrom } : {}),
  };
}

/** The draft of an edit of the list (or single manifest) an inspect answer describes. */
export function draftFromInspect(inspect: InspectResponse): Draft {
  const baseTag = inspect.tag ? tagReference(inspect, inspect.tag) : null;
  const isIndex = inspect.kind === 'index';
  const entries = inspect.entries.map((entry, i) => entryFromInspect(entry, inspect, `e${i}`, isIndex));
  return {
    base: baseTag ? { reference: baseTag, digest: inspect.digest, mediaType: inspect.mediaType, kind: inspect.kind } : null,
    target: baseTag ?? '',
    // A single manifest becomes a list: pick the list type that matches the image (Docker image, Docker list).
    mediaType: isIndex ? 'keep' : inspect.mediaType === MediaType.dockerManifest ? MediaType.dockerManifestList : MediaType.ociIndex,
    originalAnnotations: isIndex ? (inspect.annotations ?? {}) : {},
    annotations: isIndex ? annotationsToPairs(inspect.annotations) : [],
    entries,
    allowMismatch: false,
    nextKey: entries.length,
  };
}

/** An empty draft for a new list at `target` (`/create`). */
export function emptyDraft(target = ''): Draft {
  return { base: null, target, mediaType: 'keep', originalAnnotations: {}, annotations: [], entries: [], allowMismatch: false, nextKey: 0 };
}

/**
 * The entries a source contributes: a single image is one entry, an index gives each of its entries (attestations
 * included, so they travel with their images).
 */
export function entriesFromSource(inspect: InspectResponse, addedFrom: string, firstKey: number): DraftEntry[] {
  if (inspect.kind === 'manifest') {
    const [image] = inspect.entries;
    if (!image) return [];
    return [entryFromInspect({ ...image, digest: inspect.digest }, inspect, `a${firstKey}`, false, addedFrom)];
  }
  return inspect.entries.map((entry, i) => entryFromInspect(entry, inspect, `a${firstKey + i}`, false, addedFrom, true));
}

/** True for the entries shown as rows; attestations are shown under the image they describe, when it is listed. */
export function isRow(entry: DraftEntry, entries: readonly DraftEntry[]): boolean {
  if (entry.role !== 'attestation' || !entry.subject) return true;
  return !entries.some((other) => other.digest === entry.subject && other.role !== 'attestation');
}

/** The attestations that describe an entry's image. */
export function attestationsOf(entry: DraftEntry, entries: readonly DraftEntry[]): DraftEntry[] {
  if (entry.role === 'attestation') return [];
  return entries.filter((other) => other.role === 'attestation' && other.subject === entry.digest);
}

export type DraftAction =
  | { type: 'setPlatformField'; key: string; field: keyof PlatformFields; value: string }
  | { type: 'setPlatform'; key: string; platform: Platform }
  | { type: 'setEntryAnnotations'; key: string; annotations: AnnotationPair[] }
  | { type: 'move'; key: string; direction: -1 | 1 }
  | { type: 'remove'; key: string }
  | { type: 'add'; inspect: InspectResponse; addedFrom: string }
  | { type: 'setIndexAnnotations'; annotations: AnnotationPair[] }
  | { type: 'setTarget'; target: string }
  | { type: 'setMediaType'; mediaType: MediaTypeChoice }
  | { type: 'setAllowMismatch'; allowMismatch: boolean }
  | { type: 'reset'; draft: Draft };

/**
 * The fields an edit starts from: as typed, or, for an entry whose platform is still read from its config, the
 * config's values, so typing a variant alone works like `docker manifest annotate --variant v8`.
 */
function startingFields(entry: DraftEntry): PlatformFields {
  const isEmpty = Object.values(entry.platform).every((value) => value === '');
  return isEmpty && entry.config ? platformToFields(configPlatform(entry.config)) : entry.platform;
}

function updateEntry(draft: Draft, key: string, update: (entry: DraftEntry) => DraftEntry): Draft {
  return { ...draft, entries: draft.entries.map((entry) => (entry.key === key ? update(entry) : entry)) };
}

/**
 * Swaps a row with the next row up or down. Rows skip attestations folded under an image, which stay in place:
 * a list nobody reorders keeps its exact order.
 */
function move(draft: Draft, key: string, direction: -1 | 1): Draft {
  const rows = draft.entries.flatMap((entry, index) => (isRow(entry, draft.entries) ? [index] : []));
  const at = rows.findIndex((index) => draft.entries[index]!.key === key);
  const other = rows[at + direction];
  if (at === -1 || other === undefined) return draft;
  const entries = [...draft.entries];
  const from = rows[at]!;
  [entries[from], entries[other]] = [entries[other]!, entries[from]!];
  return { ...draft, entries };
}

/** Removing an image removes the attestations that describe it: they would point at nothing. */
function remove(draft: Draft, key: string): Draft {
  const removed = draft.entries.find((entry) => entry.key === key);
  if (!removed) return draft;
  const goesWith = new Set([removed.key, ...attestationsOf(removed, draft.entries).map((entry) => entry.key)]);
  return { ...draft, entries: draft.entries.filter((entry) => !goesWith.has(entry.key)) };
}

/** The editor's reducer: every change to a draft goes through here. */
export function draftReducer(draft: Draft, action: DraftAction): Draft {
  switch (action.type) {
    case 'setPlatformField':
      return updateEntry(draft, action.key, (entry) => ({ ...entry, platform: { ...startingFields(entry), [action.field]: action.value } }));
    case 'setPlatform':
      return updateEntry(draft, action.key, (entry) => ({ ...entry, platform: platformToFields(action.platform) }));
    case 'setEntryAnnotations':
      return updateEntry(draft, action.key, (entry) => ({ ...entry, annotations: action.annotations }));
    case 'move':
      return move(draft, action.key, action.direction);
    case 'remove':
      return remove(draft, action.key);
    case 'add': {
      const added = entriesFromSource(action.inspect, action.addedFrom, draft.nextKey);
      return { ...draft, entries: [...draft.entries, ...added], nextKey: draft.nextKey + added.length };
    }
    case 'setIndexAnnotations':
      return { ...draft, annotations: action.annotations };
    case 'setTarget':
      return { ...draft, target: action.target };
    case 'setMediaType':
      return { ...draft, mediaType: action.mediaType };
    case 'setAllowMismatch':
      return { ...draft, allowMismatch: action.allowMismatch };
    case 'reset':
      return action.draft;
  }
}
