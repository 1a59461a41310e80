import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKind, startCountingProxy, type CountingProxy } from './counting-proxy';

describe('requestKind', () => {
  it('tells pings, manifests and blobs apart, repository names with slashes included', () => {
    expect(requestKind('/v2/')).toBe('ping');
    expect(requestKind('/v2/demo/golang/manifests/alpine')).toBe('manifest');
    expect(requestKind('/v2/a/b/c/manifests/sha256:abc')).toBe('manifest');
    expect(requestKind('/v2/demo/golang/blobs/sha256:abc')).toBe('blob');
    expect(requestKind('/v2/demo/golang/blobs/uploads/?mount=x')).toBe('other');
    expect(requestKind('/v2/demo/golang/tags/list?n=10')).toBe('other');
    expect(requestKind('/token?service=x')).toBe('token');
  });
});

describe('startCountingProxy', () => {
  let upstream: Server;
  let proxy: CountingProxy;

  beforeAll(async () => {
    // A stand-in upstream that echoes what it received, to check the proxy forwards method, path, headers and body.
    upstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json', 'docker-content-digest': 'sha256:x' });
        res.end(JSON.stringify({ method: req.method, url: req.url, accept: req.headers.accept, body: Buffer.concat(chunks).toString() }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    proxy = await startCountingProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    await proxy.stop();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('forwards requests untouched and counts each by method and kind', async () => {
    proxy.reset();
    const get = await fetch(`http://${proxy.host}/v2/demo/x/manifests/latest`, { headers: { accept: 'a/b' } });
    expect(get.status).toBe(201);
    expect(get.headers.get('docker-content-digest')).toBe('sha256:x');
    expect(await get.json()).toEqual({ method: 'GET', url: '/v2/demo/x/manifests/latest', accept: 'a/b', body: '' });
    const put = await fetch(`http://${proxy.host}/v2/demo/x/blobs/uploads/?digest=d`, { method: 'PUT', body: 'bytes' });
    expect(await put.json()).toMatchObject({ method: 'PUT', body: 'bytes' });
    await (await fetch(`http://${proxy.host}/v2/demo/x/manifests/latest`, { method: 'HEAD' })).arrayBuffer();
    expect(proxy.requests().map((r) => `${r.method} ${r.kind}`)).toEqual(['GET manifest', 'PUT other', 'HEAD manifest']);
    proxy.reset();
    expect(proxy.requests()).toEqual([]);
  });
});
