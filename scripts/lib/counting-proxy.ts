import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A plain HTTP reverse proxy in front of a registry that counts what passes through it, so the benchmark measures
 * "registry requests per inspect" from outside the code under test. It forwards bytes untouched.
 */

export type RequestKind = 'ping' | 'manifest' | 'blob' | 'token' | 'other';
export type CountedRequest = { method: string; kind: RequestKind; path: string };

export type CountingProxy = {
  /** `127.0.0.1:PORT`, as written in references. */
  host: string;
  /** Requests seen since the last reset, in arrival order. */
  requests(): CountedRequest[];
  reset(): void;
  /** Delays every request by `ms` before forwarding it: a registry one round trip away instead of on loopback. */
  setLatency(ms: number): void;
  stop(): Promise<void>;
};

/** What a registry path is, for the summary: `/v2/`, a manifest, a blob, or anything else. */
export function requestKind(path: string): RequestKind {
  const pathname = path.split('?')[0]!;
  if (pathname === '/v2/' || pathname === '/v2') return 'ping';
  if (/^\/v2\/.+\/manifests\/[^/]+$/.test(pathname)) return 'manifest';
  if (/^\/v2\/.+\/blobs\/[^/]+$/.test(pathname)) return 'blob';
  if (pathname.startsWith('/token')) return 'token';
  return 'other';
}

/** Starts the proxy on a free loopback port, forwarding to `target` (`http://127.0.0.1:5000`). */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  // Kept-alive connections upstream, so the proxy adds as little as it can to every measurement alike.
  const agent = new Agent({ keepAlive: true });
  let seen: CountedRequest[] = [];
  let latencyMs = 0;

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const path = incoming.url ?? '/';
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path,
        headers: { ...incoming.headers, host: upstream.host },
        agent,
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    forwarded.on('error', (err) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`proxy: ${err.message}`);
    });
    incoming.pipe(forwarded);
  };

  const server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    seen.push({ method: incoming.method ?? 'GET', kind: requestKind(path), path });
    if (latencyMs > 0) setTimeout(() => forward(incoming, outgoing), latencyMs);
    else forward(incoming, outgoing);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests: () => [...seen],
    reset: () => {
      seen = [];
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
