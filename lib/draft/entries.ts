import type { InspectEntry, InspectResponse } from '@/lib/api/inspect';
import { MediaType } from '@/lib/oci/media-types';
import { digestReference, tagReference, type RepositoryLocation } from '@/lib/present/links';
import { annotationsToPairs, EMPTY_PLATFORM, platformToFields } from './fields';
import type { Draft, DraftEntry } from './types';

/* Drafts and their entries made from inspect answers, and how entries group into rows (attestations under their image). */

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
