import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server';

/*
 * The base of the tests' fake-registry fronts (a paging proxy, a registry that declines mounts): a loopback server
 * that reads each request whole and hands it to the test's handler, which answers it itself or forwards it to the
 * real registry behind. Auth headers travel untouched; a handler that throws answers 502 with the error.
 */

/** One request as the handler gets it: the parsed URL and the body read whole. */
export type ProxiedRequest = { req: IncomingMessage; url: URL; body: Buffer };
export type ProxyHandler = (request: ProxiedRequest, res: ServerResponse) => Promise<void>;

/** Hop-by-hop headers, and the length fetch computes itself (undici refuses a body whose length it did not set). */
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'expect', 'upgrade', 'te', 'trailer']);

/** Sends `req` (with `body`) to `upstream` + `path`, headers included, redirects not followed. */
export function forward(upstream: string, req: Pick<IncomingMessage, 'headers' | 'method'>, path: string, body: Buffer): Promise<Response> {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (`:path`, `:authority`) are the request line, not headers to pass on.
    if (value !== undefined && !key.startsWith(':') && !NOT_FORWARDED.has(key)) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  return fetch(`${upstream}${path}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
    redirect: 'manual',
  });
}

/** Headers of one connection, not of the answer (and forbidden in HTTP/2). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

/** Writes an upstream answer back to the client (fetch has already decoded the body, so no content-encoding). */
export async function relay(response: Response, res: Pick<ServerResponse, 'writeHead' | 'end'>): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (key !== 'content-encoding' && !HOP_BY_HOP.has(key)) headers[key] = value;
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(bytes);
}

/** Starts a proxy on a free loopback port whose every request goes to `handler`. */
export function startProxy(handler: ProxyHandler): Promise<LoopbackServer> {
  return listenOnLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://proxy.invalid');
      handler({ req, url, body: Buffer.concat(chunks) }, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(502);
        res.end(String(err));
      });
    });
  });
}
