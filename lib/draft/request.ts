import type { PushManifestRequest, PushRequest } from '@/lib/api/push';
import { MediaType } from '@/lib/oci/media-types';
import { formatReference, tagKeyOf, tryParseReference } from '@/lib/oci/reference';
import { fieldsToPlatform, isAnnotationsChanged, isPlatformChanged, isSameValue, pairsToAnnotations } from './fields';
import type { Draft, DraftEntry } from './types';

/*
 * The push API's "desired list" request a draft stands for. An entry the user did not touch is sent as its source
 * alone, so the server keeps its descriptor byte for byte.
 */

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

/** Whether two typed references name one tag, whatever their spelling (`localhost:5000/app` and `127.0.0.1:5000/app:latest`). */
export function sameTag(a: string, b: string): boolean {
  const [keyA, keyB] = [tagKeyOf(a), tagKeyOf(b)];
  return keyA !== null && keyB !== null ? keyA === keyB : canonicalTarget(a) === canonicalTarget(b);
}
