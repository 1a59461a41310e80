import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Digest } from '@/lib/oci/digest';
import { freeBadPort } from '@/test/support/fetch-bad-ports';
import { listenOnLoopback, type LoopbackServer } from '@/test/support/loopback-server';
import { BUFFERED_BODY_BYTES } from './request-as-fetch';
import { agentFetch, createAgents, networkFailure, readLimited, type RegistryAgents } from './transport';

// Requests go out with undici's `request` but must answer exactly as fetch did with `redirect: 'manual'`: the rest of
// the client reads status, headers and body, and networkFailure reads the error's shape.

const LARGE = Buffer.alloc(BUFFERED_BODY_BYTES * 3, 'x');
let server: LoopbackServer;
let agents: RegistryAgents;
let lastHeaders: IncomingHttpHeaders = {};
/** What the server received with the last request: method and body bytes. */
let lastRequest = { method: '', body: Buffer.alloc(0) };

beforeAll(async () => {
  server = await listenOnLoopback(async (req, res) => {
    lastHeaders = req.headers;
    const received: Buffer[] = [];
    try {
      for await (const chunk of req) received.push(chunk as Buffer);
    } catch {
      return; // the client gave up on its body
    }
    lastRequest = { method: req.method ?? '', body: Buffer.concat(received) };
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
      case '/no-status':
        // Three digits undici reads and a Response cannot carry, with a body too large to be read before it is made.
        res.writeHead(999, { 'content-length': String(LARGE.length) }).end(LARGE);
        return;
      case '/upload':
        res.writeHead(201, { 'docker-content-digest': sha256Digest(lastRequest.body), location: '/v2/app/blobs/x' }).end();
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

describe('what fetch did not do', () => {
  it('names an answer whose status no Response can carry, and keeps no connection for its body', async () => {
    const own = createAgents({ timeoutMs: 5000, maxOrigins: 8 });
    const failed = await agentFetch(own)(url('/no-status'), { method: 'GET' }).catch((err: unknown) => err);
    expect(failed).toMatchObject({ name: 'UnusableStatusError', status: 999 });
    const named = networkFailure(failed, { registry: 'r.example', host: server.host, operation: 'GET manifest app:v1', timeoutMs: 5000 });
    expect(named).toMatchObject({ kind: 'invalid-response', message: 'r.example: GET manifest app:v1: the registry answered with HTTP status 999; a final answer has a status from 200 to 599' });
    const closing = own.close().then(() => 'closed');
    const held = new Promise((resolve) => setTimeout(() => resolve('held open'), 3000).unref());
    expect(await Promise.race([closing, held])).toBe('closed');
  });

  it('sends nothing for a signal already aborted, and rejects at once with its reason', async () => {
    const counting = await listenOnLoopback((_req, res) => res.end());
    const own = createAgents({ timeoutMs: 5000, maxOrigins: 8 });
    try {
      const reason = new DOMException('gave up', 'AbortError');
      const failed = await agentFetch(own)(`${counting.url}/v2/`, { method: 'GET', signal: AbortSignal.abort(reason) }).catch((err: unknown) => err);
      expect(failed).toBe(reason);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(counting.connections()).toBe(0);
    } finally {
      await own.close();
      await counting.stop();
    }
  });

  it('cancels a streamed body the request never took (a refused connection), so what feeds it stops too', async () => {
    const closed = await listenOnLoopback(() => undefined);
    await closed.stop();
    let cancelled: unknown;
    const body = new ReadableStream<Uint8Array>({ cancel: (reason) => void (cancelled = reason) });
    const failed = await agentFetch(agents)(`${closed.url}/v2/app/blobs/uploads/u1`, { method: 'PUT', body, transfer: true }).catch((err: unknown) => err);
    expect(failed).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cancelled).toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('registry writes', () => {
  it('send bytes or a string with their length and no type they were not given, and read the answer', async () => {
    const fetch = agentFetch(agents);
    const bytes = new Uint8Array(Buffer.from('{"schemaVersion":2}'));
    const put = await fetch(url('/upload'), { method: 'PUT', body: bytes, headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' } });
    expect([put.status, put.headers.get('docker-content-digest'), put.headers.get('location')]).toEqual([201, sha256Digest(bytes), '/v2/app/blobs/x']);
    expect([lastRequest.method, lastHeaders['content-length'], lastHeaders['content-type'], lastHeaders['user-agent']]).toEqual([
      'PUT',
      String(bytes.byteLength),
      'application/vnd.oci.image.index.v1+json',
      'Archway',
    ]);
    await fetch(url('/upload'), { method: 'POST', body: 'grant_type=password', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([lastRequest.method, lastRequest.body.toString(), lastHeaders['content-length']]).toEqual(['POST', 'grant_type=password', '19']);
    // No body, no type: a registry reads an upload's POST and a DELETE as they are.
    await fetch(url('/upload'), { method: 'DELETE' });
    expect([lastRequest.method, lastRequest.body.length, lastHeaders['content-type']]).toEqual(['DELETE', 0, undefined]);
  });

  it('stream a body as it comes, whole, to the length the caller declared', async () => {
    const parts = [LARGE.subarray(0, 1000), LARGE.subarray(1000, 70_000), LARGE.subarray(70_000)];
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const part = parts.shift();
        if (part) controller.enqueue(new Uint8Array(part));
        else controller.close();
      },
    });
    const put = await agentFetch(agents)(url('/upload'), { method: 'PUT', body: stream, headers: { 'content-length': String(LARGE.length) }, transfer: true });
    expect([put.status, put.headers.get('docker-content-digest')]).toEqual([201, sha256Digest(LARGE)]);
    expect(lastRequest.body.equals(LARGE)).toBe(true);
  });

  it('fail with the streamed body’s own error as the cause, as fetch did (a stalled download feeding an upload)', async () => {
    const stalled = new Error('the download stalled');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(LARGE.subarray(0, 1000)));
        setTimeout(() => controller.error(stalled), 20);
      },
    });
    const failed = await agentFetch(agents)(url('/upload'), { method: 'PUT', body: stream, transfer: true }).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(TypeError);
    expect(failed).toMatchObject({ message: 'fetch failed', cause: stalled });
  });

  it('reach a registry on a port fetch refuses (a "bad port" of the Fetch standard)', async () => {
    const port = await freeBadPort();
    const onBadPort = await listenOnLoopback((req, res) => res.writeHead(req.method === 'PUT' ? 201 : 200).end(), '127.0.0.1', port);
    try {
      const target = `http://127.0.0.1:${port}/v2/app/manifests/v1`;
      expect(await globalThis.fetch(target, { method: 'PUT', body: '{}' }).catch((err: unknown) => err)).toMatchObject({ cause: { message: 'bad port' } });
      expect((await agentFetch(agents)(target, { method: 'PUT', body: '{}' })).status).toBe(201);
      expect((await agentFetch(agents)(target, { method: 'GET' })).status).toBe(200);
    } finally {
      await onBadPort.stop();
    }
  });
});
