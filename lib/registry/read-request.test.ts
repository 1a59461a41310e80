import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback, type LoopbackServer } from '@/test/support/loopback-server';
import { BUFFERED_BODY_BYTES } from './read-request';
import { agentFetch, createAgents, readLimited, type RegistryAgents } from './transport';

// Reads go out with undici's `request` but must answer exactly as fetch did with `redirect: 'manual'`: the rest of
// the client reads status, headers and body, and networkFailure reads the error's shape.

const LARGE = Buffer.alloc(BUFFERED_BODY_BYTES * 3, 'x');
let server: LoopbackServer;
let agents: RegistryAgents;
let lastHeaders: IncomingHttpHeaders = {};

beforeAll(async () => {
  server = await listenOnLoopback((req, res) => {
    lastHeaders = req.headers;
    switch (req.url) {
      case '/small':
        res.writeHead(200, { 'content-type': 'application/json', 'docker-content-digest': 'sha256:abc', 'www-authenticate': ['Bearer a="1"', 'Basic realm="r"'] });
        res.end('{"schemaVersion":2}');
        return;
      case '/chunked':
        // No Content-Length: streamed to the caller, who stops reading at its own limit.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.write(LARGE.subarray(0, BUFFERED_BODY_BYTES));
        setTimeout(() => res.end(LARGE.subarray(BUFFERED_BODY_BYTES)), 10);
        return;
      case '/large':
        res.writeHead(200, { 'content-length': String(LARGE.length) }).end(LARGE);
        return;
      case '/redirect':
        res.writeHead(307, { location: 'https://storage.example/blob' }).end('moved');
        return;
      case '/empty':
        res.writeHead(204).end();
        return;
      case '/hang':
        return;
      default:
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
    }
  });
  agents = createAgents({ timeoutMs: 5000, maxOrigins: 8 });
});

afterAll(async () => {
  await agents?.close();
  await server?.stop();
});

const url = (path: string) => `http://${server.host}${path}`;

describe('registry reads', () => {
  it('answer with the status, every header (a repeated one joined as fetch joins it) and the exact body bytes', async () => {
    const response = await agentFetch(agents)(url('/small'), { method: 'GET', headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('docker-content-digest')).toBe('sha256:abc');
    expect(response.headers.get('www-authenticate')).toBe('Bearer a="1", Basic realm="r"');
    expect(await response.text()).toBe('{"schemaVersion":2}');
    expect(lastHeaders.accept).toBe('application/json');
    // Nothing asks the registry to compress: digests are over the bytes it stores.
    expect(lastHeaders['accept-encoding']).toBeUndefined();
    expect(lastHeaders['user-agent']).toBe('Archway');
    // Writes go through fetch and name the same client.
    await (await agentFetch(agents)(url('/small'), { method: 'PUT', body: '{}' })).arrayBuffer();
    expect(lastHeaders['user-agent']).toBe('Archway');
  });

  it('stream a body that is large or undeclared, so a byte limit stops it and nothing of it stays open', async () => {
    const own = createAgents({ timeoutMs: 5000, maxOrigins: 8 });
    const fetch = agentFetch(own);
    for (const path of ['/chunked', '/large']) {
      const whole = await readLimited(await fetch(url(path), { method: 'GET' }), LARGE.length, { registry: 'r', operation: path });
      expect(Buffer.from(whole).equals(LARGE)).toBe(true);
      // /large is refused on its Content-Length, its body cancelled before a byte of it was read.
      const limited = readLimited(await fetch(url(path), { method: 'GET' }), BUFFERED_BODY_BYTES, { registry: 'r', operation: path });
      await expect(limited).rejects.toThrow(/larger than/);
    }
    // Closing waits for requests in flight: a cancelled body that kept its request open would hold it.
    const closing = own.close().then(() => 'closed');
    const held = new Promise((resolve) => setTimeout(() => resolve('held open'), 3000).unref());
    expect(await Promise.race([closing, held])).toBe('closed');
  });

  it('answer a HEAD, a 204 and an error status as fetch does, and follow no redirect', async () => {
    const fetch = agentFetch(agents);
    const head = await fetch(url('/small'), { method: 'HEAD' });
    expect([head.status, head.body, head.headers.get('docker-content-digest')]).toEqual([200, null, 'sha256:abc']);
    const empty = await fetch(url('/empty'), { method: 'GET' });
    expect([empty.status, empty.body]).toEqual([204, null]);
    const missing = await fetch(url('/missing'), { method: 'GET' });
    expect([missing.status, await missing.json()]).toEqual([404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] }]);
    const moved = await fetch(url('/redirect'), { method: 'GET', redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([307, 'https://storage.example/blob']);
  });

  it('fail as fetch does: the network error as the cause of "fetch failed", an abort with the signal’s reason', async () => {
    const fetch = agentFetch(agents);
    const closed = await listenOnLoopback(() => undefined);
    await closed.stop();
    const refused = await fetch(`http://${closed.host}/v2/`, { method: 'GET' }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(TypeError);
    expect(refused).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });

    const controller = new AbortController();
    const hanging = fetch(url('/hang'), { method: 'GET', signal: controller.signal }).catch((err: unknown) => err);
    setTimeout(() => controller.abort(new DOMException('gave up', 'TimeoutError')), 20);
    expect(await hanging).toMatchObject({ name: 'TimeoutError', message: 'gave up' });
  });
});
