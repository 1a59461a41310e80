import type { ConfigPlatform, EntryRole, Problem } from '@/lib/api/inspect';
import type { IndexMediaType } from '@/lib/oci/media-types';
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
