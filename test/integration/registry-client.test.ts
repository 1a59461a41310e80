import { toAppError } from '@/lib/api/error-mapping';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Digest } from '@/lib/oci/digest';
import { MediaType } from '@/lib/oci/media-types';
import { ContentCache } from '@/lib/registry/cache';
import { copyBlob } from '@/lib/registry/blobs';
import { createRegistryClient } from '@/lib/registry/client';
import { agentFetch, createAgents } from '@/lib/registry/transport';
import type { RegistryClient } from '@/lib/registry/types';
import { pushImage } from '@/scripts/lib/image-builder';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { freeBadPort } from '@/test/support/fetch-bad-ports';
import { registryRejection } from '@/test/support/registry-error';
import { makeImage, makeIndex } from '@/test/support/images';

// The client against real distribution 2.8.2 registries without auth: everything a push, an inspect and a copy do.

const amd64 = { os: 'linux', architecture: 'amd64' };
const arm64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };

let registry: RunningRegistry;
let other: RunningRegistry;
let noDelete: RunningRegistry;

/** A client with its own cold cache, so one test's reads never hide another's requests. */
function client(host: string): RegistryClient {
  return createRegistryClient(host, { cache: new ContentCache(64 * 1024 * 1024) });
}


beforeAll(async () => {
  [registry, other, noDelete] = await Promise.all([startRegistry(), startRegistry(), startRegistry({ deleteEnabled: false })]);
});

afterAll(async () => {
  await Promise.all([registry?.stop(), other?.stop(), noDelete?.stop()]);
});

describe('manifests and blobs on a registry without auth', () => {
  it('pushes an image and a list, and reads them back by tag and digest with the exact bytes', async () => {
    const c = client(registry.host);
    const images = [makeImage(amd64, 'rw'), makeImage(arm64, 'rw')];
    for (const image of images) await pushImage(c, 'team/app', image);
    const index = makeIndex(images);
    const put = await c.putManifest('team/app', 'v1', index.bytes, index.mediaType);
    expect(put.digest).toBe(index.digest);

    const byTag = await c.getManifest('team/app', 'v1');
    expect(Buffer.from(byTag.bytes).equals(Buffer.from(index.bytes))).toBe(true);
    expect(byTag).toMatchObject({ digest: index.digest, mediaType: MediaType.dockerManifestList, size: index.size });

    const child = await c.getManifest('team/app', images[1]!.manifest.digest);
    expect(child.mediaType).toBe(MediaType.dockerManifest);
    expect(Buffer.from(child.bytes).toString()).toBe(Buffer.from(images[1]!.manifest.bytes).toString());

    const config = await c.getBlob('team/app', images[1]!.config.digest);
    expect(JSON.parse(Buffer.from(config).toString())).toMatchObject(arm64);
  });

  it('answers HEAD with the digest, media type and size, and null for an unknown tag', async () => {
    const c = client(registry.host);
    const image = makeImage(amd64, 'head');
    await pushImage(c, 'team/head', image, 'latest');
    expect(await c.headManifest('team/head', 'latest')).toEqual({
      digest: image.manifest.digest,
      mediaType: MediaType.dockerManifest,
      size: image.manifest.size,
    });
    expect(await c.headManifest('team/head', 'missing')).toBeNull();
    expect(await c.hasBlob('team/head', image.layer.digest)).toBe(true);
    expect(await c.hasBlob('team/head', sha256Digest(Buffer.from('never pushed')))).toBe(false);
  });

  it('fetches a digest at most once per process, and parallel callers share one request', async () => {
    const c = client(registry.host);
    const image = makeImage(amd64, 'cache');
    await pushImage(c, 'team/cache', image);
    const reader = client(registry.host);
    const results = await Promise.all(Array.from({ length: 5 }, () => reader.getManifest('team/cache', image.manifest.digest)));
    expect(new Set(results.map((r) => r.digest))).toEqual(new Set([image.manifest.digest]));
    await reader.getManifest('team/cache', image.manifest.digest);
    await reader.getBlob('team/cache', image.config.digest);
    await reader.getBlob('team/cache', image.config.digest);
    // One ping, one manifest GET, one blob GET.
    expect(reader.stats().byMethod).toEqual({ GET: 3 });
  });

  it('does not serve a digest from the cache for a repository that does not have it', async () => {
    const c = client(registry.host);
    const image = makeImage(amd64, 'where');
    await pushImage(c, 'team/has-it', image);
    await c.getManifest('team/has-it', image.manifest.digest);
    const err = await registryRejection(c.getManifest('team/lacks-it', image.manifest.digest));
    expect(err.status).toBe(404);
    expect(toAppError(err).code).toBe('NOT_FOUND');
  });

  it('keeps odd whitespace: the digest of the bytes put is the digest read back', async () => {
    const c = client(registry.host);
    const image = makeImage(amd64, 'spacing');
    await pushImage(c, 'team/spacing', image);
    const index = makeIndex([image], MediaType.ociIndex);
    expect(Buffer.from(index.bytes).toString()).toContain('"schemaVersion" :2,  ');
    const { digest } = await c.putManifest('team/spacing', 'odd', index.bytes, index.mediaType);
    expect(digest).toBe(index.digest);
    expect((await client(registry.host).getManifest('team/spacing', 'odd')).digest).toBe(index.digest);
  });

  it('refuses to put a body whose mediaType disagrees with the Content-Type, before sending it', async () => {
    const c = client(registry.host);
    const index = makeIndex([makeImage(amd64, 'mismatch')]);
    const before = c.stats().requests;
    const err = await registryRejection(c.putManifest('team/mismatch', 'x', index.bytes, MediaType.ociIndex));
    expect(err.kind).toBe('usage');
    expect(toAppError(err).code).toBe('BAD_REQUEST');
    expect(c.stats().requests).toBe(before);
  });

  it('reports MANIFEST_BLOB_UNKNOWN when a list is put before its children', async () => {
    const c = client(registry.host);
    const index = makeIndex([makeImage(amd64, 'orphan')]);
    const err = await registryRejection(c.putManifest('team/orphan', 'x', index.bytes, index.mediaType));
    expect(err.status).toBe(400);
    expect(err.codes).toContain('MANIFEST_BLOB_UNKNOWN');
  });

  it('deletes by digest, leaving tags null (not []) and the manifest unknown', async () => {
    const c = client(registry.host);
    const image = makeImage(amd64, 'delete');
    await pushImage(c, 'team/delete', image, 'only');
    expect(await c.listTags('team/delete')).toEqual(['only']);
    await c.getManifest('team/delete', image.manifest.digest);
    await c.deleteManifest('team/delete', image.manifest.digest);
    expect(await c.listTags('team/delete')).toEqual([]);
    expect(await c.headManifest('team/delete', image.manifest.digest)).toBeNull();
    expect((await registryRejection(c.getManifest('team/delete', image.manifest.digest))).status).toBe(404);
  });

  it('refuses to delete by tag, and explains a registry with deletion disabled', async () => {
    const c = client(noDelete.host);
    const image = makeImage(amd64, 'nodelete');
    await pushImage(c, 'team/keep', image, 'v1');
    expect((await registryRejection(c.deleteManifest('team/keep', 'v1'))).kind).toBe('usage');
    const err = await registryRejection(c.deleteManifest('team/keep', image.manifest.digest));
    expect(err.status).toBe(405);
    expect(err.message).toMatch(/deletion is disabled/i);
    expect(toAppError(err).code).toBe('DENIED');
  });

  it('lists tags sorted naturally and the catalog across its pages', async () => {
    const c = client(registry.host);
    const image = makeImage(amd64, 'tags');
    await pushImage(c, 'team/tags', image);
    for (const tag of ['1.10', 'latest', '1.9', '1.2', 'alpine']) {
      await c.putManifest('team/tags', tag, image.manifest.bytes, image.manifest.mediaType);
    }
    expect(await c.listTags('team/tags')).toEqual(['1.2', '1.9', '1.10', 'alpine', 'latest']);
    // More repositories than distribution's first catalog page (100), so its relative Link is followed.
    const names = Array.from({ length: 105 }, (_, i) => `many/r${String(i).padStart(3, '0')}`);
    for (const name of names) await c.uploadBlob(name, image.layer.digest, image.layer.bytes);
    const getsBefore = c.stats().byMethod.GET ?? 0;
    const repositories = await c.catalog();
    expect(repositories).toEqual(expect.arrayContaining([...names, 'team/tags']));
    expect(repositories).toEqual([...repositories].sort());
    expect((c.stats().byMethod.GET ?? 0) - getsBefore).toBeGreaterThanOrEqual(2);
  });

  it('404s an unknown repository with NAME_UNKNOWN', async () => {
    const err = await registryRejection(client(registry.host).listTags('nobody/here'));
    expect(err.codes).toContain('NAME_UNKNOWN');
    expect(toAppError(err).status).toBe(404);
  });
});

describe('moving blobs', () => {
  it('mounts a blob across repositories, and says when the target already has it', async () => {
    const c = client(registry.host);
    const image = makeImage(amd64, 'mount');
    await pushImage(c, 'src/app', image);
    expect(await c.mountBlob('dst/app', image.layer.digest, 'src/app')).toBe('mounted');
    expect(await c.hasBlob('dst/app', image.layer.digest)).toBe(true);
    expect(await c.mountBlob('dst/app', image.layer.digest, 'src/app')).toBe('exists');
  });

  it('cancels the upload a declined mount started (202) and reports not-mounted', async () => {
    const c = client(registry.host);
    const digest = sha256Digest(Buffer.from('in no repository at all'));
    expect(await c.mountBlob('dst/declined', digest, 'src/app')).toBe('not-mounted');
    expect(c.stats().byMethod.DELETE).toBe(1);
  });

  it('streams a blob from one registry to another and the copy verifies', async () => {
    const from = client(registry.host);
    const to = client(other.host);
    const image = makeImage(arm64, 'copy');
    await pushImage(from, 'src/copy', image);
    await copyBlob(from, 'src/copy', to, 'dst/copy', image.layer.digest);
    await copyBlob(from, 'src/copy', to, 'dst/copy', image.config.digest);
    await to.putManifest('dst/copy', 'v1', image.manifest.bytes, image.manifest.mediaType);
    expect(Buffer.from(await to.getBlob('dst/copy', image.layer.digest)).equals(Buffer.from(image.layer.bytes))).toBe(true);
    expect((await to.getManifest('dst/copy', 'v1')).digest).toBe(image.manifest.digest);
  });

  it('copies a large blob within one registry even when one request at a time is allowed', async () => {
    // As the server runs with ARCHWAY_MAX_CONCURRENCY=1: the download's body holds a connection while the upload runs.
    const c = createRegistryClient(registry.host, {
      cache: new ContentCache(1024),
      maxConcurrency: 1,
      timeoutMs: 3_000,
      fetch: agentFetch(createAgents({ timeoutMs: 3_000 })),
    });
    const bytes = randomBytes(8 * 1024 * 1024);
    const digest = sha256Digest(bytes);
    await c.uploadBlob('src/large', digest, bytes);
    await copyBlob(c, 'src/large', c, 'dst/large', digest);
    expect(await c.hasBlob('dst/large', digest)).toBe(true);
  });

  it('writes to a registry on a port fetch refuses (a "bad port" of the Fetch standard) as to any other', async () => {
    const onBadPort = await startRegistry({ port: await freeBadPort() });
    try {
      // What the writes met while they went through fetch (reads never did: they use undici's request).
      const refused = await fetch(`${onBadPort.url}/v2/`).catch((err: unknown) => err);
      expect(refused).toMatchObject({ cause: { message: 'bad port' } });
      const from = client(registry.host);
      const to = client(onBadPort.host);
      const image = makeImage(amd64, 'bad-port');
      await pushImage(from, 'src/bad-port', image);
      await copyBlob(from, 'src/bad-port', to, 'dst/app', image.layer.digest);
      await to.uploadBlob('dst/app', image.config.digest, image.config.bytes);
      await to.putManifest('dst/app', 'v1', image.manifest.bytes, image.manifest.mediaType);
      expect((await to.getManifest('dst/app', 'v1')).digest).toBe(image.manifest.digest);
      expect(Buffer.from(await to.getBlob('dst/app', image.layer.digest)).equals(Buffer.from(image.layer.bytes))).toBe(true);
    } finally {
      await onBadPort.stop();
    }
  });

  it('refuses to upload bytes under a digest they do not have', async () => {
    const c = client(registry.host);
    const err = await registryRejection(c.uploadBlob('team/bad', sha256Digest(Buffer.from('a')), Buffer.from('b')));
    expect(err.kind).toBe('usage');
    expect(c.stats().requests).toBe(0);
  });
});
