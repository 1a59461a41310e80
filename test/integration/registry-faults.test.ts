import { toAppError } from '@/lib/api/error-mapping';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sha256Digest } from '@/lib/oci/digest';
import { MediaType } from '@/lib/oci/media-types';
import { copyBlob } from '@/lib/registry/blobs';
import { ContentCache } from '@/lib/registry/cache';
import { createRegistryClient, type RegistryClientOptions } from '@/lib/registry/client';
import type { RegistryClient } from '@/lib/registry/types';
import { pushImage } from '@/scripts/lib/image-builder';
import { freePort, startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { startFaultServer, sendRegistryError, type FaultHandler, type FaultServer } from '@/test/support/fault-server';
import { makeImage } from '@/test/support/images';
import { startPagingProxy, type PagingProxy } from '@/test/support/paging-proxy';
import { registryRejection } from '@/test/support/registry-error';

// What the client does when a registry is down, slow, broken or lying; each fault comes from a small Node server.

const image = makeImage({ os: 'linux', architecture: 'amd64' }, 'faults');
const manifest = image.manifest;

const servers: FaultServer[] = [];

async function faultServer(handler: FaultHandler, opts?: { challenge?: string }): Promise<FaultServer> {
  const server = await startFaultServer(handler, opts);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

function client(host: string, options: RegistryClientOptions = {}): RegistryClient {
  return createRegistryClient(host, { cache: new ContentCache(1024 * 1024), credentials: null, ...options });
}

function sendManifest(res: ServerResponse, bytes: Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': MediaType.dockerManifest, 'content-length': String(bytes.byteLength), ...headers });
  res.end(bytes);
}

describe('a registry that is not there or fails', () => {
  it('says the registry cannot be reached (502) when the connection is refused', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const err = await registryRejection(client(host).getManifest('app', 'latest'));
    expect(err.kind).toBe('network');
    expect(err.message).toContain(`cannot reach ${host}: is it running?`);
    // Loopback is tried over plain HTTP anyway: the insecure list would be the wrong advice.
    expect(err.message).not.toContain('ARCHWAY_INSECURE_REGISTRIES');
    expect(toAppError(err)).toMatchObject({ code: 'REGISTRY_ERROR', status: 502 });
  });

  it('maps a 500 to REGISTRY_ERROR with the registry error code, and never repeats a body that is not the spec’s errors', async () => {
    let isJson = true;
    const server = await faultServer((_req, res) => {
      if (isJson) return sendRegistryError(res, 500, 'UNKNOWN', 'storage backend exploded');
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html><body>upstream unavailable</body></html>');
    });
    const first = await registryRejection(client(server.host).getManifest('app', 'latest'));
    expect(first).toMatchObject({ status: 500, codes: ['UNKNOWN'] });
    expect(first.message).toContain('storage backend exploded');
    expect(toAppError(first).code).toBe('REGISTRY_ERROR');
    isJson = false;
    const second = await registryRejection(client(server.host).getManifest('app', 'latest'));
    expect(second.status).toBe(503);
    expect(second.message).toContain('failed with 503');
    expect(second.message).not.toContain('upstream unavailable');
  });

  it('reads only the start of an error body, so an endless one is neither buffered nor waited for', async () => {
    const server = await faultServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = 'storage backend exploded '.repeat(1_000);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const err = await registryRejection(client(server.host, { timeoutMs: 2_000 }).getManifest('app', 'latest'));
    expect(err).toMatchObject({ kind: 'server-error', status: 500 });
    expect(err.message).toContain('failed with 500');
    expect(err.message).not.toContain('storage backend exploded');
  });

  it('times out a slow registry with TIMEOUT (504), whether headers or body are slow', async () => {
    let stallBody = false;
    const server = await faultServer((_req, res) => {
      if (!stallBody) return void setTimeout(() => sendManifest(res, manifest.bytes), 2_000);
      res.writeHead(200, { 'content-type': MediaType.dockerManifest });
      res.write('{"schemaVersion":');
    });
    const c = client(server.host, { timeoutMs: 300 });
    const slowHeaders = await registryRejection(c.getManifest('app', 'latest'));
    expect(slowHeaders.kind).toBe('timeout');
    expect(toAppError(slowHeaders)).toMatchObject({ code: 'TIMEOUT', status: 504 });
    stallBody = true;
    expect((await registryRejection(c.getManifest('app', 'latest'))).kind).toBe('timeout');
  });

  it('stops waiting when the caller aborts, without calling it a timeout', async () => {
    const server = await faultServer((_req, res) => void setTimeout(() => sendManifest(res, manifest.bytes), 1_000));
    const controller = new AbortController();
    const pending = client(server.host).getManifest('app', 'latest', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user went away')), 50);
    await expect(pending).rejects.toThrow('user went away');
  });

  it('reports 429 as TOO_MANY_REQUESTS with the Retry-After seconds', async () => {
    const server = await faultServer((_req, res) =>
      sendRegistryError(res, 429, 'TOOMANYREQUESTS', 'pull rate limit reached', { 'retry-after': '30' }),
    );
    const err = await registryRejection(client(server.host).getManifest('library/alpine', 'latest'));
    expect(err.retryAfterSeconds).toBe(30);
    const appError = toAppError(err);
    expect(appError).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
    expect(appError.details).toMatchObject({ retryAfterSeconds: 30, registryCodes: ['TOOMANYREQUESTS'] });
  });
});

describe('a registry that sends bad data', () => {
  it('rejects a manifest that is not JSON', async () => {
    const server = await faultServer((_req, res) => sendManifest(res, Buffer.from('{"schemaVersion": 2, oops')));
    const err = await registryRejection(client(server.host).getManifest('app', 'latest'));
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toContain('not valid JSON');
    expect(toAppError(err).code).toBe('REGISTRY_ERROR');
  });

  it('rejects bytes that do not hash to the digest asked for, and a lying Docker-Content-Digest', async () => {
    const other = Buffer.from(Buffer.from(manifest.bytes).toString().replace('"schemaVersion": 2', '"schemaVersion":2'));
    const server = await faultServer((req, res) =>
      req.url?.endsWith('/latest') ? sendManifest(res, manifest.bytes, { 'docker-content-digest': sha256Digest(other) }) : sendManifest(res, other),
    );
    const byDigest = await registryRejection(client(server.host).getManifest('app', manifest.digest));
    expect(byDigest.kind).toBe('digest-mismatch');
    expect(byDigest.message).toContain(`not to ${manifest.digest}`);
    expect(toAppError(byDigest).code).toBe('REGISTRY_ERROR');
    const byTag = await registryRejection(client(server.host).getManifest('app', 'latest'));
    expect(byTag.kind).toBe('digest-mismatch');
    expect(byTag.message).toContain('Docker-Content-Digest');
  });

  it('rejects a Content-Type that disagrees with the body mediaType', async () => {
    const server = await faultServer((_req, res) => sendManifest(res, manifest.bytes, { 'content-type': `${MediaType.ociManifest}; charset=utf-8` }));
    const err = await registryRejection(client(server.host).getManifest('app', 'latest'));
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toContain(`Content-Type is ${MediaType.ociManifest}`);
  });

  it('ignores Content-Type parameters when they agree', async () => {
    const server = await faultServer((_req, res) => sendManifest(res, manifest.bytes, { 'content-type': `${MediaType.dockerManifest}; charset=utf-8` }));
    expect((await client(server.host).getManifest('app', 'latest')).digest).toBe(manifest.digest);
  });

  it('refuses a manifest over 4 MiB without buffering it', async () => {
    const server = await faultServer((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.dockerManifest });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 5; i++) res.write(chunk);
      res.end('{}');
    });
    const err = await registryRejection(client(server.host).getManifest('app', 'latest'));
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toMatch(/larger than the 4194304 bytes/);
  });

  it('falls back to GET and hashes when HEAD has no Docker-Content-Digest', async () => {
    const server = await faultServer((req, res) => {
      if (req.method === 'HEAD') {
        res.writeHead(200, { 'content-type': MediaType.dockerManifest, 'content-length': String(manifest.size) });
        res.end();
        return;
      }
      sendManifest(res, manifest.bytes);
    });
    const head = await client(server.host).headManifest('app', 'latest');
    expect(head).toEqual({ digest: manifest.digest, mediaType: MediaType.dockerManifest, size: manifest.size });
    expect(server.apiRequests().map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('follows a blob redirect to another host without the registry credentials', async () => {
    const storage = await faultServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(image.config.bytes);
    });
    const registry = await faultServer(
      (req, res) => {
        if (!req.headers.authorization) return sendRegistryError(res, 401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': 'Basic realm="faults"' });
        res.writeHead(307, { location: `${storage.url}/bucket/${image.config.digest}?signature=abc` });
        res.end();
      },
      { challenge: 'Basic realm="faults"' },
    );
    const c = client(registry.host, { credentials: { kind: 'basic', username: 'u', password: 'p' } });
    const bytes = await c.getBlob('app', image.config.digest);
    expect(Buffer.from(bytes).equals(Buffer.from(image.config.bytes))).toBe(true);
    expect(registry.apiRequests()[0]?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(storage.requests).toHaveLength(1);
    expect(storage.requests[0]?.headers.authorization).toBeUndefined();
  });

  /** A source that keeps sending a 256 MiB blob, 64 KiB every 5 ms, for as long as anyone reads; says when it closed. */
  async function endlessSource(): Promise<{ host: string; closed(): boolean }> {
    let closed = false;
    const server = await faultServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(256 * 1024 * 1024) });
      const timer = setInterval(() => res.write(Buffer.alloc(64 * 1024)), 5);
      res.on('close', () => {
        clearInterval(timer);
        closed = true;
      });
    });
    return { host: server.host, closed: () => closed };
  }

  /** A receiving registry that opens an upload (202 with its Location) and hands the PUT to `put`. */
  function uploadTarget(put: FaultHandler): Promise<FaultServer> {
    return faultServer((req, res) => {
      if (req.method !== 'POST') return put(req, res);
      res.writeHead(202, { location: '/v2/app/blobs/uploads/u1' });
      res.end();
    });
  }

  it('stops reading the source when a streamed copy fails, instead of draining it to the end', async () => {
    const source = await endlessSource();
    const target = await uploadTarget((_req, res) => sendRegistryError(res, 400, 'DIGEST_INVALID', 'the upload does not match its digest'));
    const copy = copyBlob(client(source.host), 'app', client(target.host), 'app', image.layer.digest);
    expect((await registryRejection(copy)).codes).toEqual(['DIGEST_INVALID']);
    await vi.waitFor(() => expect(source.closed()).toBe(true), { timeout: 10_000 });
  });

  it('names the receiving registry, not the source, when the receiving one stops taking a copy’s bytes', async () => {
    const source = await endlessSource();
    // It takes the upload's bytes for 1 s, then reads no more: its socket's buffers fill, and neither side moves a
    // byte after that.
    const target = await uploadTarget((req) => {
      req.resume();
      setTimeout(() => req.pause(), 1000);
    });
    // Both sides watch with a 1 s window. The source's download, started first, may see its empty window first, but
    // its failure cannot reach an upload that is not asking for bytes: the upload's own watch names the receiver.
    const env = { ...process.env, ARCHWAY_TRANSFER_RATE_WINDOW_MS: '1000', ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC: '100' };
    const copy = copyBlob(client(source.host, { env }), 'app', client(target.host, { env }), 'app', image.layer.digest);
    const err = await registryRejection(copy);
    expect(err).toMatchObject({ registry: target.host, kind: 'timeout', operation: expect.stringContaining('upload blob') });
    expect(err.message).toContain('ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC');
    await vi.waitFor(() => expect(source.closed()).toBe(true), { timeout: 10_000 });
  });

  it('does not blame the source for the time the receiving registry takes to open its upload', async () => {
    const whole = Buffer.alloc(1024 * 1024, 3);
    const digest = sha256Digest(whole);
    const source = await faultServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(whole.length) });
      res.end(whole);
    });
    // Two and a half 1 s windows before the upload opens: the download waits, unread, all that time. Before, its
    // watch counted that as the source moving nothing and failed the copy as "<source>: … stalled or too slow".
    const target = await faultServer((req, res) => {
      if (req.method === 'POST') {
        setTimeout(() => {
          res.writeHead(202, { location: '/v2/app/blobs/uploads/u1' });
          res.end();
        }, 2500);
        return;
      }
      const received: Buffer[] = [];
      req.on('data', (chunk: Buffer) => received.push(chunk));
      req.on('end', () => {
        res.writeHead(201, { 'docker-content-digest': sha256Digest(Buffer.concat(received)) });
        res.end();
      });
    });
    const env = { ...process.env, ARCHWAY_TRANSFER_RATE_WINDOW_MS: '1000', ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC: '100' };
    await copyBlob(client(source.host, { env }), 'app', client(target.host, { env }), 'app', digest);
  });

  it('lets a streamed copy run longer than the per-request timeout while bytes keep flowing (a transfer has its own deadline and minimum rate)', async () => {
    const chunks = Array.from({ length: 20 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const digest = sha256Digest(Buffer.concat(chunks));
    const source = await faultServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(chunks.length * 64 * 1024) });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(chunks[sent++]);
        if (sent === chunks.length) {
          clearInterval(timer);
          res.end();
        }
      }, 100);
    });
    const target = await uploadTarget(async (req, res) => {
      const received: Buffer[] = [];
      for await (const chunk of req) received.push(chunk as Buffer);
      res.writeHead(201, { 'docker-content-digest': sha256Digest(Buffer.concat(received)) });
      res.end();
    });
    // 2 s of streaming against a 1 s timeout: a chunk every 100 ms is never idle that long (ten times the gap, so a
    // busy machine's late timers do not matter), yet the whole copy takes twice the timeout.
    await copyBlob(client(source.host, { timeoutMs: 1_000 }), 'app', client(target.host, { timeoutMs: 1_000 }), 'app', digest);
  });

  it('maps a disabled catalog to NOT_FOUND', async () => {
    const server = await faultServer((_req, res) => sendRegistryError(res, 404, 'UNSUPPORTED', 'catalog is disabled'));
    const err = await registryRejection(client(server.host).catalog());
    expect(toAppError(err).code).toBe('NOT_FOUND');
    expect(err.codes).toEqual(['UNSUPPORTED']);
  });
});

describe('tags pagination through a paging proxy in front of a real registry', () => {
  let registry: RunningRegistry;
  let proxy: PagingProxy;
  const tags = ['v1', 'v2', 'v10', 'latest', 'alpine', 'edge', '3.19', '3.20'];

  beforeAll(async () => {
    registry = await startRegistry();
    const c = client(registry.host);
    await pushImage(c, 'team/paged', image);
    for (const tag of tags) await c.putManifest('team/paged', tag, manifest.bytes, manifest.mediaType);
    // Page 0 is one short (2 of 3) and still links on: a short page is not the end.
    proxy = await startPagingProxy({ upstream: registry.url, pageSize: 3, shortPages: [0] });
  });

  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  it('follows relative Links past a short page and sorts what it collected', async () => {
    const listed = await client(proxy.host).listTags('team/paged');
    expect(listed).toEqual(['3.19', '3.20', 'alpine', 'edge', 'latest', 'v1', 'v2', 'v10']);
    expect(proxy.pagesServed[0]).toBe('/v2/team/paged/tags/list');
    expect(proxy.pagesServed.length).toBe(3);
    expect(proxy.pagesServed.slice(1).every((page) => page.includes('last=') && page.includes('n=3'))).toBe(true);
  });
});

describe('a source that breaks off in the middle of a copy into a real registry', () => {
  let registry: RunningRegistry;

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('is named as the failure, with the bytes that came, and the target keeps nothing', async () => {
    const whole = Buffer.alloc(1024 * 1024, 7);
    const digest = sha256Digest(whole);
    const source = await faultServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(whole.length) });
      res.write(whole.subarray(0, 100 * 1024));
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const err = await registryRejection(copyBlob(client(source.host), 'app', client(registry.host), 'dst/app', digest));
    // Before, the upload's failure named the target: "<target>: upload blob …: cannot reach <target> (UND_ERR_SOCKET)".
    expect(err).toMatchObject({ registry: source.host, kind: 'network', operation: `GET blob app@${digest}` });
    expect(err.message).toBe(`${source.host}: GET blob app@${digest}: the connection broke after ${100 * 1024} bytes (UND_ERR_SOCKET); nothing was stored, try again`);
    expect(toAppError(err)).toMatchObject({ status: 502, code: 'REGISTRY_ERROR' });
    expect(await client(registry.host).hasBlob('dst/app', digest)).toBe(false);
  });

  it('is named as the failure when its bytes do not hash to the digest, where the receiving registry would say DIGEST_INVALID', async () => {
    const whole = Buffer.alloc(1024 * 1024, 7);
    const digest = sha256Digest(whole);
    const damaged = Buffer.alloc(whole.length, 8);
    const source = await faultServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(damaged.length) });
      res.end(damaged);
    });
    const err = await registryRejection(copyBlob(client(source.host), 'app', client(registry.host), 'dst/app', digest));
    // Before: "<target>: upload blob …: failed with 400: DIGEST_INVALID", a 400 as if the request were wrong.
    expect(err).toMatchObject({ registry: source.host, kind: 'digest-mismatch', operation: `GET blob app@${digest}` });
    expect(err.message).toContain(`the bytes it sent hash to ${sha256Digest(damaged)}, not to the digest asked for`);
    expect(toAppError(err)).toMatchObject({ status: 502, code: 'REGISTRY_ERROR' });
    expect(await client(registry.host).hasBlob('dst/app', digest)).toBe(false);
  });
});
