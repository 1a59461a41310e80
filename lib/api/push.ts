import { z } from 'zod';
import { ErrorBody } from './errors';
import { requiredParam } from './query';
import { MediaType } from '@/lib/oci/media-types';
import { Annotations, DigestString, Platform } from '@/lib/oci/schemas';

/*
 * The contracts of `POST /api/v1/push`, `GET /api/v1/history` and `POST /api/v1/revert` (issue 3 §1), shared by
 * the route handlers and the browser. Fields may be added, never renamed.
 */

export const IndexMediaTypeSchema = z.enum([MediaType.dockerManifestList, MediaType.ociIndex]);

/** One entry of the desired list: where the child comes from, and optionally its platform and annotations. */
export const PushManifestRequest = z.object({
  /** A reference: same repo by digest, another repo, or another registry. An index contributes its entries. */
  source: z.string().trim().min(1, 'source: pass an image reference'),
  /** Omitted: kept from the list (same digest) or read from the child's config. Given: checked. */
  platform: Platform.optional(),
  /** Omitted: kept from the list. Given: replaces the descriptor's annotations (OCI only). */
  annotations: Annotations.optional(),
});
export type PushManifestRequest = z.infer<typeof PushManifestRequest>;

/** The desired list, not a sequence of commands. */
export const PushRequest = z.object({
  /** `registry/repo:tag`: the tag the list is pushed to. */
  target: z.string().trim().min(1, 'target: pass a tag reference such as localhost:5000/app:1.0'),
  /** The digest the edit started from, null for a new tag. A tag that moved since gives 409. */
  base: DigestString.nullable(),
  /** Omitted: the base's media type, or for a new list OCI unless every child is a Docker manifest. */
  mediaType: IndexMediaTypeSchema.optional(),
  /** Index annotations (OCI only). Omitted: the base's own are kept. */
  annotations: Annotations.optional(),
  manifests: z.array(PushManifestRequest),
  /** Accept a platform that disagrees with the child's image config (real images sometimes carry a wrong one). */
  allowMismatch: z.boolean().optional(),
  /** Plan only: return the digest, the planned steps and the exact bytes, writing nothing. */
  dryRun: z.boolean().optional(),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushStepStatus = z.enum(['planned', 'running', 'done', 'skipped', 'failed']);
export type PushStepStatus = z.infer<typeof PushStepStatus>;

export const PushStepKind = z.enum(['check', 'blob', 'manifest', 'index', 'record']);
export type PushStepKind = z.infer<typeof PushStepKind>;

/** How a blob or child manifest reached the target repository. */
export const TransferAction = z.enum(['mount', 'copy', 'present']);
export type TransferAction = z.infer<typeof TransferAction>;

/**
 * One step of a push. A step is reported several times as it progresses (`running`, then `done` or `failed`);
 * `step` is its stable id, so a UI updates the row in place.
 */
export const PushStep = z.looseObject({
  step: z.string(),
  status: PushStepStatus,
  detail: z.string(),
  kind: PushStepKind.optional(),
  digest: z.string().optional(),
  /** For blobs and child manifests: mounted, copied, or already there. */
  action: TransferAction.optional(),
  /** Bytes moved (copied blobs and manifests). */
  size: z.number().optional(),
});
export type PushStep = z.infer<typeof PushStep>;

export const PushResponse = z.looseObject({
  digest: z.string(),
  /** A list type; a revert to a tag's earlier single image gives that image's type. */
  mediaType: z.string(),
  size: z.number(),
  steps: z.array(PushStep),
  /** The exact JSON pushed (always on dryRun). */
  bytes: z.string().optional(),
  /** The canonical target, e.g. `localhost:5000/demo/app:1.0`. */
  target: z.string(),
  /** Where the tag pointed before (null for a new tag). */
  before: z.string().nullable(),
  dryRun: z.boolean(),
  /** What a media type conversion dropped, one human line each (e.g. Docker `platform.features` on OCI). */
  dropped: z.array(z.string()),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Lines of the `application/x-ndjson` stream: steps as they happen, then one result or one error. */
export const PushStreamEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('step'), step: PushStep }),
  z.object({ type: z.literal('result'), result: PushResponse }),
  z.object({ type: z.literal('error'), error: ErrorBody.shape.error }),
]);
export type PushStreamEvent = z.infer<typeof PushStreamEvent>;

export const NDJSON_MEDIA_TYPE = 'application/x-ndjson';

export const HistoryAction = z.enum(['push', 'revert']);
export type HistoryAction = z.infer<typeof HistoryAction>;

/**
 * A push is recorded as `pending` before the list is written and settled after: `completed` when the tag moved,
 * `failed` when it did not. One left pending by a crash or a lost answer is settled by reading the tag.
 */
export const HistoryState = z.enum(['pending', 'completed', 'failed']);
export type HistoryState = z.infer<typeof HistoryState>;

export const HistoryEntry = z.looseObject({
  id: z.number(),
  /** ISO 8601, UTC. */
  at: z.string(),
  /** The person: a verified identity, else `anonymous`. */
  user: z.string(),
  /** The registry user the push acted as (the person's own sign-in or the shared account); null: anonymous. */
  registryUser: z.string().nullable().optional(),
  target: z.string(),
  /** Digest the tag pointed to before (null: the tag was new). */
  before: z.string().nullable(),
  after: z.string(),
  action: HistoryAction,
  mediaType: z.string(),
  state: HistoryState,
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** `GET /api/v1/history?ref=<tag reference>`. */
export const HistoryQuery = z.object({ ref: requiredParam('ref', 'a tag reference such as localhost:5000/team/app:1.0') });
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** `GET /api/v1/history?ref=<tag reference>`: newest first. */
export const HistoryResponse = z.object({ entries: z.array(HistoryEntry) });
export type HistoryResponse = z.infer<typeof HistoryResponse>;

/** `POST /api/v1/revert`: point `ref` back to `digest` (recorded in the log), if the tag is still at `base`. */
export const RevertRequest = z.object({
  ref: z.string().trim().min(1, 'ref: pass the tag reference to revert'),
  digest: DigestString,
  base: DigestString.nullable(),
});
export type RevertRequest = z.infer<typeof RevertRequest>;

export const RevertResponse = PushResponse.extend({
  /** True when the registry had lost the manifest and the bytes from the log were pushed again. */
  restoredFromLog: z.boolean(),
});
export type RevertResponse = z.infer<typeof RevertResponse>;
