import 'server-only';
import { UnsupportedDigestError } from '@/lib/oci/digest';
import type { ContentCache, InFlight } from './cache';
import { wireRepository } from '@/lib/oci/registry-host';
import type { ListLimits, TransferLimits } from './config';
import { HashedBytes } from './hashed-bytes';
import { RegistryError, type RegistryErrorKind } from './errors';
import type { RegistrySession } from './session';

/** What every resource module (manifests, blobs, tags, catalog) works with: one registry's session and caches. */
export type ClientContext = {
  registry: string;
  /**
   * Whose access this client acts with ('' for the server's own credentials). Cached bytes are shared by digest,
   * but whether a repository holds them is remembered per access: one person's read must never answer another's.
   */
  accessKey: string;
  session: RegistrySession;
  cache: ContentCache;
  inflight: InFlight;
  /** Bounds on paged lists (ARCHWAY_MAX_LIST_NAMES, ARCHWAY_MAX_LIST_BYTES). */
  listLimits: ListLimits;
  /** Total deadline and minimum rate of a blob transfer (ARCHWAY_TRANSFER_TIMEOUT_MS and the rate settings). */
  transferLimits: TransferLimits;
};

/** The repository as the registry names it, and the cache location of content found there. */
export function locate(ctx: ClientContext, repository: string): { path: string; location: string } {
  const path = wireRepository(ctx.registry, repository);
  const where = `${ctx.registry}/${path}`;
  return { path, location: ctx.accessKey ? `${ctx.accessKey} ${where}` : where };
}

/** A RegistryError about this registry that no HTTP status explains (bad data, a wrong digest, misuse). */
export function registryError(ctx: ClientContext, operation: string, kind: RegistryErrorKind, message: string, status?: number): RegistryError {
  return new RegistryError({ message: `${ctx.registry}: ${operation}: ${message}`, registry: ctx.registry, operation, kind, status });
}

/**
 * Throws unless the bytes hash to `expected`; `what` says where the digest came from; `usage` when Archway's own
 * bytes are wrong. Pass HashedBytes to check one document against several digests with one hash.
 */
export function assertDigest(
  ctx: ClientContext,
  operation: string,
  content: Uint8Array | HashedBytes,
  expected: string,
  what: string,
  kind: 'digest-mismatch' | 'usage' = 'digest-mismatch',
): void {
  const hashed = content instanceof HashedBytes ? content : new HashedBytes(content);
  let matches: boolean;
  try {
    matches = hashed.matches(expected);
  } catch (err) {
    if (err instanceof UnsupportedDigestError) throw registryError(ctx, operation, 'usage', err.message);
    throw err;
  }
  if (!matches) {
    throw registryError(ctx, operation, kind, `the bytes hash to ${hashed.digest()}, not to ${expected} (${what})`);
  }
}
