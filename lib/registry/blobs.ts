import 'server-only';
import { isDigest } from '@/lib/oci/reference';
import { repositoryScope } from './auth';
import { assertDigest, locate, registryError, type ClientContext } from './context';
import type { RequestSpec } from './session';
import { watchTransfer } from './transfer-watch';
import { verifyingDigest } from './verified-stream';
import { contentLength, readLimited } from './transport';
import type { BlobStream, RegistryClient } from './types';

/*
 * Blobs: config blobs read whole (verified, cached by digest), layers streamed between registries, cross-repo
 * mounts, and uploads. A blob GET may redirect to storage on another host; the session drops Authorization there.
 */

/** Config blobs are small; anything larger than this is refused unless the caller raises the limit. */
export const DEFAULT_MAX_BLOB_BYTES = 16 * 1024 * 1024;

function blobOperation(method: string, path: string, digest: string): string {
  return `${method} blob ${path}@${digest}`;
}

/** Sends one read of a blob (GET or HEAD); storage behind a redirect is followed without the registry's Authorization. */
async function sendBlobRead<T>(
  ctx: ClientContext,
  method: 'GET' | 'HEAD',
  repository: string,
  digest: string,
  read: (response: Response, operation: string) => Promise<T>,
  extra: Pick<RequestSpec, 'signal' | 'transfer'> = {},
): Promise<T> {
  const { path } = locate(ctx, repository);
  const operation = blobOperation(method, path, digest);
  requireDigest(ctx, operation, digest);
  return ctx.session.send(
    { method, target: `/v2/${path}/blobs/${digest}`, scopes: [repositoryScope(path, 'pull')], operation, followRedirects: true, ...extra },
    (response) => read(response, operation),
  );
}

function requireDigest(ctx: ClientContext, operation: string, digest: string): void {
  if (!isDigest(digest)) throw registryError(ctx, operation, 'usage', `${digest} is not a digest`);
}

/** GET a whole blob, verified against its digest and cached (bounded) once seen in this repository. */
export async function getBlob(
  ctx: ClientContext,
  repository: string,
  digest: string,
  opts: { signal?: AbortSignal; maxBytes?: number } = {},
): Promise<Uint8Array> {
  const { location } = locate(ctx, repository);
  const cached = ctx.cache.get(location, digest);
  if (cached) return cached.bytes;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BLOB_BYTES;
  const fetchOnce = () =>
    sendBlobRead(ctx, 'GET', repository, digest, async (response, operation) => {
      if (response.status !== 200) return ctx.session.fail(response, operation);
      const bytes = await readLimited(response, maxBytes, { registry: ctx.registry, operation });
      assertDigest(ctx, operation, bytes, digest, 'the digest asked for');
      ctx.cache.set(location, digest, { bytes });
      return bytes;
    });
  return ctx.inflight.run(`GET ${location}/blobs/${digest}/${maxBytes}`, fetchOnce, opts.signal);
}

/**
 * Opens a blob as a stream (for copies); the receiving registry verifies the digest when the upload ends.
 * Aborting `signal` later closes the stream and its connection. The download is a transfer: a transfer slot while
 * it starts, and a watch (total deadline, minimum rate) for as long as it streams.
 */
export async function openBlob(ctx: ClientContext, repository: string, digest: string, opts: { signal?: AbortSignal } = {}): Promise<BlobStream> {
  const watch = watchTransfer(ctx.transferLimits, { registry: ctx.registry, operation: blobOperation('GET', locate(ctx, repository).path, digest) });
  // A caller that gives up (a copy whose upload failed) closes the connection, which a stream nobody reads never
  // notices: the watch ends with it instead of running to its deadline.
  opts.signal?.addEventListener('abort', () => watch.stop(), { once: true });
  try {
    return await sendBlobRead(
      ctx,
      'GET',
      repository,
      digest,
      async (response, operation) => {
        if (response.status !== 200 || !response.body) return ctx.session.fail(response, operation);
        const size = contentLength(response.headers);
        const verified = verifyingDigest(watch.count(response.body, { endsTransfer: true }), digest, (actual) =>
          registryError(ctx, operation, 'digest-mismatch', `the bytes it sent hash to ${actual}, not to the digest asked for; its copy of this blob is damaged, and nothing was stored`),
        );
        return { stream: verified.stream, mismatch: verified.mismatch, ...(size === undefined ? {} : { size }) };
      },
      { transfer: watch, ...(opts.signal ? { signal: opts.signal } : {}) },
    );
  } catch (err) {
    watch.stop();
    throw err;
  }
}

/** HEAD a blob: true when the repository has it. */
export async function hasBlob(ctx: ClientContext, repository: string, digest: string): Promise<boolean> {
  return sendBlobRead(ctx, 'HEAD', repository, digest, async (response, operation) => {
    await response.body?.cancel();
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    return ctx.session.fail(response, operation);
  });
}

/** Ends an upload session the registry opened when it declined a mount (202), so it does not linger. */
async function cancelUpload(ctx: ClientContext, path: string, uploadUrl: string): Promise<void> {
  const operation = `DELETE upload ${path}`;
  try {
    await ctx.session.send(
      { method: 'DELETE', target: uploadUrl, scopes: [repositoryScope(path, 'pull,push')], operation },
      async (response) => {
        await response.body?.cancel();
      },
    );
  } catch {
    // The registry purges abandoned uploads itself; a failed cancel must not fail the mount's caller.
  }
}

/**
 * Cross-repo mount on the same registry: 'exists' when the target already has the blob, 'mounted' on 201, and
 * 'not-mounted' on 202 (the registry started an upload instead; it is cancelled and the caller copies).
 * The token asks for push on the target and pull on the source, which is what a mount needs.
 */
export async function mountBlob(
  ctx: ClientContext,
  repository: string,
  digest: string,
  fromRepository: string,
): Promise<'mounted' | 'exists' | 'not-mounted'> {
  if (await hasBlob(ctx, repository, digest)) return 'exists';
  const { path } = locate(ctx, repository);
  const { path: fromPath } = locate(ctx, fromRepository);
  const operation = `mount blob ${digest} from ${fromPath} into ${path}`;
  const query = new URLSearchParams({ mount: digest, from: fromPath });
  const answer = await ctx.session.send(
    {
      method: 'POST',
      target: `/v2/${path}/blobs/uploads/?${query.toString()}`,
      scopes: [repositoryScope(path, 'pull,push'), repositoryScope(fromPath, 'pull')],
      operation,
    },
    async (response, url) => {
      if (response.status === 201) {
        await response.body?.cancel();
        return { result: 'mounted' as const };
      }
      if (response.status !== 202) return ctx.session.fail(response, operation);
      await response.body?.cancel();
      const location = response.headers.get('location');
      return { result: 'not-mounted' as const, upload: location ? new URL(location, url).toString() : undefined };
    },
  );
  // Cancelled after the POST's request slot is released: waiting for a second slot while holding one deadlocks.
  if (answer.result === 'not-mounted' && answer.upload) await cancelUpload(ctx, path, answer.upload);
  return answer.result;
}

/** Starts an upload session; resolves the absolute URL to PUT the bytes to (Location may be relative). */
function startUpload(ctx: ClientContext, path: string, operation: string): Promise<string> {
  return ctx.session.send(
    { method: 'POST', target: `/v2/${path}/blobs/uploads/`, scopes: [repositoryScope(path, 'pull,push')], operation },
    async (response, url) => {
      await response.body?.cancel();
      if (response.status !== 202) return ctx.session.fail(response, operation);
      const location = response.headers.get('location');
      if (!location) throw registryError(ctx, operation, 'invalid-response', 'the upload answer has no Location');
      return new URL(location, url).toString();
    },
  );
}

/** The upload URL with `digest=` appended as is (re-encoding the registry's own state parameter could break it). */
function withDigest(uploadUrl: string, digest: string): string {
  return `${uploadUrl}${uploadUrl.includes('?') ? '&' : '?'}digest=${encodeURIComponent(digest)}`;
}

async function finishUpload(
  ctx: ClientContext,
  path: string,
  operation: string,
  uploadUrl: string,
  digest: string,
  body: Uint8Array | ReadableStream<Uint8Array>,
  size: number | undefined,
): Promise<void> {
  // A streamed body is a transfer (its own slot pool, a total deadline and a minimum rate); bytes in hand are not.
  const watch = body instanceof ReadableStream ? watchTransfer(ctx.transferLimits, { registry: ctx.registry, operation }) : undefined;
  try {
    await ctx.session.send(
      {
        method: 'PUT',
        target: withDigest(uploadUrl, digest),
        scopes: [repositoryScope(path, 'pull,push')],
        operation,
        headers: { 'content-type': 'application/octet-stream', ...(size === undefined ? {} : { 'content-length': String(size) }) },
        body: watch && body instanceof ReadableStream ? watch.count(body, { registry: 'receives' }) : body,
        ...(watch ? { transfer: watch } : {}),
      },
      async (response) => {
        if (response.status !== 201 && response.status !== 204) return ctx.session.fail(response, operation);
        await response.body?.cancel();
        const stored = response.headers.get('docker-content-digest')?.trim();
        if (stored && stored !== digest) {
          throw registryError(ctx, operation, 'digest-mismatch', `the registry stored ${stored} instead of ${digest}`);
        }
      },
    );
  } finally {
    watch?.stop();
  }
}

/** Monolithic upload of a blob whose digest is known: POST for a session, then PUT Location?digest=. */
export async function uploadBlob(ctx: ClientContext, repository: string, digest: string, bytes: Uint8Array): Promise<void> {
  const { path } = locate(ctx, repository);
  const operation = blobOperation('upload', path, digest);
  assertDigest(ctx, operation, bytes, digest, 'the digest to upload it as', 'usage');
  const uploadUrl = await startUpload(ctx, path, operation);
  await finishUpload(ctx, path, operation, uploadUrl, digest, bytes, bytes.byteLength);
}

/** Upload from a stream (a copy from another registry); the registry checks the digest when the PUT ends. */
export async function uploadBlobStream(ctx: ClientContext, repository: string, digest: string, blob: BlobStream): Promise<void> {
  const { path } = locate(ctx, repository);
  const operation = blobOperation('upload', path, digest);
  requireDigest(ctx, operation, digest);
  const uploadUrl = await startUpload(ctx, path, operation).catch(async (err: unknown) => {
    // A stream that has already failed rejects its cancel with its own error: the upload's error is the one to tell.
    await blob.stream.cancel(err).catch(() => undefined);
    throw err;
  });
  await finishUpload(ctx, path, operation, uploadUrl, digest, blob.stream, blob.size);
}

/** Streams a blob from one registry (or repository) to another without holding it in memory. */
export async function copyBlob(from: RegistryClient, fromRepository: string, to: RegistryClient, toRepository: string, digest: string): Promise<void> {
  const source = new AbortController();
  const blob = await from.openBlob(fromRepository, digest, { signal: source.signal });
  try {
    await to.uploadBlobStream(toRepository, digest, blob);
  } catch (err) {
    // Damaged source bytes may be refused by the receiving registry (DIGEST_INVALID, a 400 naming the target)
    // before the stream's own check ends it: the source's mismatch is the cause either way.
    const cause = blob.mismatch?.() ?? err;
    // The upload owns the stream (locked), so it cannot be cancelled; aborting the download closes it, which
    // would otherwise keep flowing to the end of the layer after the copy has failed.
    source.abort(cause);
    throw cause;
  }
}
