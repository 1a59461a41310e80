import 'server-only';
import { isDigest } from '@/lib/oci/reference';
import { bareMediaType, MANIFEST_ACCEPT } from '@/lib/oci/media-types';
import { repositoryScope } from './auth';
import { assertDigest, locate, registryError, type ClientContext } from './context';
import { HashedBytes } from './hashed-bytes';
import { contentLength, readLimited } from './transport';
import type { ManifestHead, ManifestResponse } from './types';

/*
 * Manifests travel as the exact bytes the registry sent: the digest is over those bytes, so nothing here ever
 * re-serialises one. Every GET and HEAD sends all four Accept types (without the list types distribution answers
 * with the amd64 child; without the OCI types an OCI index is MANIFEST_UNKNOWN), and every answer is checked
 * before it leaves: the digest asked for, Docker-Content-Digest, JSON, and Content-Type against the body.
 */

/** Distribution refuses manifests over 4 MiB (`maxManifestBodySize`); nothing bigger is a manifest. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

const ACCEPT = MANIFEST_ACCEPT.join(', ');

function manifestOperation(method: string, path: string, reference: string): string {
  return `${method} manifest ${path}${isDigest(reference) ? '@' : ':'}${reference}`;
}

/** The body's own mediaType field, when the bytes are a JSON object (else an error). */
function bodyMediaType(ctx: ClientContext, operation: string, bytes: Uint8Array): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    throw registryError(ctx, operation, 'invalid-response', 'the manifest is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw registryError(ctx, operation, 'invalid-response', 'the manifest is not a JSON object');
  }
  const { mediaType } = parsed as { mediaType?: unknown };
  return typeof mediaType === 'string' ? mediaType : undefined;
}

/** Checks a manifest response and returns it with its sha256 digest and the media type of its body. */
function checkManifest(ctx: ClientContext, operation: string, reference: string, bytes: Uint8Array, headers: Headers): ManifestResponse {
  const hashed = new HashedBytes(bytes);
  if (isDigest(reference)) assertDigest(ctx, operation, hashed, reference, 'the digest asked for');
  const announced = headers.get('docker-content-digest');
  if (announced) assertDigest(ctx, operation, hashed, announced.trim(), 'the Docker-Content-Digest header');
  const contentType = bareMediaType(headers.get('content-type'));
  const declared = bodyMediaType(ctx, operation, bytes);
  // An OCI manifest or index may omit mediaType; when present it must agree with how the registry served it.
  if (declared !== undefined && contentType && declared !== contentType) {
    throw registryError(ctx, operation, 'invalid-response', `Content-Type is ${contentType} but the manifest says it is ${declared}`);
  }
  const mediaType = declared ?? contentType;
  if (!mediaType) throw registryError(ctx, operation, 'invalid-response', 'neither Content-Type nor the manifest names a media type');
  return { bytes, mediaType, digest: hashed.digest(), size: bytes.byteLength };
}

/** GET a manifest by tag or digest; by digest it is served from the cache once seen in this repository. */
export async function getManifest(ctx: ClientContext, repository: string, reference: string, opts: { signal?: AbortSignal } = {}): Promise<ManifestResponse> {
  const { path, location } = locate(ctx, repository);
  const cached = isDigest(reference) ? ctx.cache.get(location, reference) : undefined;
  if (cached?.mediaType) {
    return Promise.resolve({ bytes: cached.bytes, mediaType: cached.mediaType, digest: reference, size: cached.bytes.byteLength });
  }
  const operation = manifestOperation('GET', path, reference);
  const fetchOnce = () =>
    ctx.session.send(
      { method: 'GET', target: `/v2/${path}/manifests/${reference}`, scopes: [repositoryScope(path, 'pull')], operation, headers: { accept: ACCEPT } },
      async (response) => {
        if (response.status !== 200) return ctx.session.fail(response, operation);
        const bytes = await readLimited(response, MAX_MANIFEST_BYTES, { registry: ctx.registry, operation });
        const manifest = checkManifest(ctx, operation, reference, bytes, response.headers);
        ctx.cache.set(location, manifest.digest, { bytes, mediaType: manifest.mediaType });
        return manifest;
      },
    );
  return ctx.inflight.run(`GET ${location}/manifests/${reference}`, fetchOnce, opts.signal);
}

/** HEAD a manifest: null when unknown; a registry that omits Docker-Content-Digest gets a GET, hashed here. */
export async function headManifest(ctx: ClientContext, repository: string, reference: string, opts: { signal?: AbortSignal } = {}): Promise<ManifestHead | null> {
  const { path, location } = locate(ctx, repository);
  const operation = manifestOperation('HEAD', path, reference);
  const headOnce = () =>
    ctx.session.send(
      { method: 'HEAD', target: `/v2/${path}/manifests/${reference}`, scopes: [repositoryScope(path, 'pull')], operation, headers: { accept: ACCEPT } },
      async (response): Promise<ManifestHead | null | 'needs-get'> => {
        await response.body?.cancel();
        if (response.status === 404) return null;
        if (response.status !== 200) return ctx.session.fail(response, operation);
        const digest = response.headers.get('docker-content-digest')?.trim();
        const size = contentLength(response.headers);
        const mediaType = bareMediaType(response.headers.get('content-type'));
        if (!digest || size === undefined || !mediaType) return 'needs-get';
        if (isDigest(reference) && digest !== reference) {
          throw registryError(ctx, operation, 'digest-mismatch', `the registry answered for ${digest}, not ${reference}`);
        }
        return { digest, mediaType, size };
      },
    );
  return ctx.inflight.run(
    `HEAD ${location}/manifests/${reference}`,
    async () => {
      const head = await headOnce();
      if (head !== 'needs-get') return head;
      const manifest = await getManifest(ctx, repository, reference);
      return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size };
    },
    opts.signal,
  );
}

/** PUT manifest bytes as they are, Content-Type = mediaType; the registry's digest must be the sha256 of those bytes. */
export async function putManifest(ctx: ClientContext, repository: string, reference: string, bytes: Uint8Array, mediaType: string): Promise<{ digest: string }> {
  const { path, location } = locate(ctx, repository);
  const operation = manifestOperation('PUT', path, reference);
  const hashed = new HashedBytes(bytes);
  const digest = hashed.digest();
  if (isDigest(reference)) assertDigest(ctx, operation, hashed, reference, 'the digest to put it under', 'usage');
  const declared = bodyMediaType(ctx, operation, bytes);
  // Distribution parses by Content-Type: a disagreement would be stored under the wrong schema or refused.
  if (declared !== undefined && declared !== mediaType) {
    throw registryError(ctx, operation, 'usage', `the manifest says it is ${declared} but is being put as ${mediaType}`);
  }
  return ctx.session.send(
    {
      method: 'PUT',
      target: `/v2/${path}/manifests/${reference}`,
      scopes: [repositoryScope(path, 'pull,push')],
      operation,
      headers: { 'content-type': mediaType },
      body: bytes,
    },
    async (response) => {
      if (response.status < 200 || response.status >= 300) return ctx.session.fail(response, operation);
      await response.body?.cancel();
      const stored = response.headers.get('docker-content-digest')?.trim();
      if (stored && stored !== digest) {
        throw registryError(ctx, operation, 'digest-mismatch', `the registry stored ${stored}, but the bytes sent hash to ${digest}`);
      }
      ctx.cache.set(location, digest, { bytes, mediaType });
      return { digest };
    },
  );
}

/** DELETE a manifest by digest (registries delete by digest only; deleting a list removes every tag on it). */
export async function deleteManifest(ctx: ClientContext, repository: string, digest: string): Promise<void> {
  const { path, location } = locate(ctx, repository);
  const operation = manifestOperation('DELETE', path, digest);
  if (!isDigest(digest)) throw registryError(ctx, operation, 'usage', 'registries delete manifests by digest only: resolve the tag first');
  return ctx.session.send(
    { method: 'DELETE', target: `/v2/${path}/manifests/${digest}`, scopes: [repositoryScope(path, 'delete')], operation },
    async (response) => {
      if (response.status === 405) {
        return ctx.session.fail(response, operation, 'Deletion is disabled on this registry (distribution: storage.delete.enabled: true)');
      }
      if (response.status < 200 || response.status >= 300) return ctx.session.fail(response, operation);
      await response.body?.cancel();
      ctx.cache.forget(location, digest);
    },
  );
}
