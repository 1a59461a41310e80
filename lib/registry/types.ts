import 'server-only';
import type { ReferrersSource } from '@/lib/oci/referrers';
import type { Descriptor } from '@/lib/oci/schemas';

/*
 * The public surface of the server-only registry client. Everything outside lib/registry talks to registries
 * through this interface only; manifests travel as the exact bytes the registry sent (digests are over bytes).
 */

/** A manifest as the registry sent it: exact bytes, the media type from the body (checked against Content-Type). */
export type ManifestResponse = {
  bytes: Uint8Array;
  mediaType: string;
  /** sha256 of `bytes` (verified against the digest asked for, and against Docker-Content-Digest when sent). */
  digest: string;
  size: number;
};

export type ManifestHead = { digest: string; mediaType: string; size: number };

/** A blob being read as a stream (for copies between registries); `size` when the registry sent Content-Length. */
export type BlobStream = {
  stream: ReadableStream<Uint8Array>;
  size?: number;
  /** Set once the stream has ended with bytes that do not hash to the digest opened (openBlob checks as they pass). */
  mismatch?: () => Error | undefined;
};


/** The manifests whose `subject` is a digest; `filtersApplied` when the registry filtered by artifactType itself. */
export type ReferrersResult = { source: ReferrersSource; filtersApplied: boolean; manifests: Descriptor[] };

/** Requests a client has sent: to the registry (by method) and to its token server; slots in use and waited for now. */
export type RegistryRequestStats = {
  requests: number;
  byMethod: Record<string, number>;
  tokenRequests: number;
  slots?: { requests: number; transfers: number; waiting: number };
};

/** How services reach registries: a client per registry, acting with the asking person's access (lib/auth/access). */
export type ClientFor = (registry: string) => RegistryClient;

export type RegistryClient = {
  /** The registry as written in references (`docker.io`, `localhost:5000`). */
  readonly registry: string;
  /** GET a manifest by tag or digest with all four Accept types; cached by digest. */
  getManifest(repository: string, reference: string, opts?: { signal?: AbortSignal }): Promise<ManifestResponse>;
  /** HEAD a manifest; null when the registry says it is unknown. Falls back to GET when no digest header. */
  headManifest(repository: string, reference: string, opts?: { signal?: AbortSignal }): Promise<ManifestHead | null>;
  /** GET a blob, verified against its digest; cached by digest (bounded). */
  getBlob(repository: string, digest: string, opts?: { signal?: AbortSignal; maxBytes?: number }): Promise<Uint8Array>;
  /** True when the repository has the blob (HEAD). */
  hasBlob(repository: string, digest: string): Promise<boolean>;
  /** Cross-repo mount on the same registry: 'exists', 'mounted' (201), or 'not-mounted' (202: upload cancelled, the caller copies). */
  mountBlob(repository: string, digest: string, fromRepository: string): Promise<'mounted' | 'exists' | 'not-mounted'>;
  /** GET a blob as a stream, without buffering or caching it (the receiving registry checks the digest); `signal` closes it. */
  openBlob(repository: string, digest: string, opts?: { signal?: AbortSignal }): Promise<BlobStream>;
  /** Upload a streamed blob (POST then PUT ?digest=); the registry verifies the digest. */
  uploadBlobStream(repository: string, digest: string, blob: BlobStream): Promise<void>;
  /** Monolithic upload of a blob whose digest is known (POST then PUT ?digest=). */
  uploadBlob(repository: string, digest: string, bytes: Uint8Array): Promise<void>;
  /** PUT manifest bytes with Content-Type = mediaType; returns the registry's Docker-Content-Digest (checked). */
  putManifest(repository: string, reference: string, bytes: Uint8Array, mediaType: string): Promise<{ digest: string }>;
  /** DELETE a manifest by digest. */
  deleteManifest(repository: string, digest: string): Promise<void>;
  /** Every tag of a repository, following Link pagination, sorted by Archway. */
  listTags(repository: string): Promise<string[]>;
  /** Referrers of a manifest by digest: the referrers API (Link pages), else the tag-schema index, else none. */
  listReferrers(repository: string, digest: string, opts?: { artifactType?: string }): Promise<ReferrersResult>;
  /** Every repository (the catalog), following Link pagination. */
  catalog(): Promise<string[]>;
  /** One page of the catalog: up to `n` repositories after `last`, and the `last` of the next page (null: no more). */
  catalogPage(options: { n: number; last?: string | null }): Promise<{ repositories: string[]; next: string | null }>;
  /** Who this client acts as at the registry: the user name of its credentials, null when anonymous. */
  account(): Promise<string | null>;
  /** Throws a RegistryError unless the registry accepts this client's credentials (Basic or the token flow). */
  verifySignIn(): Promise<void>;
  /** Requests sent so far by this client (the benchmark reads it). */
  stats(): RegistryRequestStats;
};
