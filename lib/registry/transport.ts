import 'server-only';
import type { TLSSocket } from 'node:tls';
import { Client, Pool, type buildConnector } from 'undici';
import { isLoopbackHost } from '@/lib/oci/registry-host';
import { readRegistryConfig } from './config';
import { EGRESS_REFUSED, guardedConnector, type ConnectorOptions } from './egress-policy';
import { RegistryError } from './errors';
import { networkErrorCode } from './endpoint';
import { OriginPools } from './origin-pools';
import { requestAsFetch, UnusableStatusError, type RequestAsFetchInit, type RequestBody } from './request-as-fetch';

/*
 * The HTTP layer: keep-alive undici pools per origin, shared by the whole process (connections reused across requests
 * and clients, at most ARCHWAY_MAX_ORIGINS origins kept),
 * a fetch that uses it, and body reading with a byte limit so a hostile or broken registry
 * cannot make the server buffer more than it asked for.
 */

/**
 * The fetch signature the client uses; tests pass their own. Headers are a plain record (what every caller builds,
 * and what undici's `request` takes); the body is bytes, a string or a stream, nothing fetch would have to encode;
 * `transfer` marks a blob transfer (a streamed download or upload), which never shares a connection (see
 * RegistryAgents).
 */
export type FetchLike = (
  input: string,
  init: Omit<RequestInit, 'headers' | 'body'> & { headers?: Record<string, string>; body?: RequestBody; transfer?: boolean },
) => Promise<Response>;

const globalForAgent = globalThis as typeof globalThis & { __archwayRegistryAgents?: RegistryAgents };

/**
 * HTTP/2 streams one connection carries at once (undici's own ceiling, `maxConcurrentStreams`): a 48-entry list's
 * children and configs fit in one connection; more opens another.
 */
export const H2_STREAMS_PER_CONNECTION = 100;

/**
 * A connection to one origin that multiplexes once the registry picked HTTP/2. undici 7 gates every connection,
 * HTTP/2 ones included, by `pipelining` (default 1), so a pool without a cap opens a new TLS connection for every
 * request in flight: HTTP/2 in name only (nodejs/undici#4143, fixed in undici 8, which needs Node 22). Pipelining
 * HTTP/1.1 instead would queue requests behind one another on a connection, so the factor is raised only on a
 * connection whose ALPN said `h2`. The first request to a registry is its ping, alone, so the connection is up and
 * known to be HTTP/2 before a list's requests go out together.
 */
function multiplexingClient(origin: URL, options: Client.Options): Client {
  const connect = options.connect as buildConnector.connector;
  const client: Client = new Client(origin, {
    ...options,
    connect: (connectOptions, callback) =>
      connect(connectOptions, (err, socket) => {
        if (socket) client.pipelining = (socket as TLSSocket).alpnProtocol === 'h2' ? H2_STREAMS_PER_CONNECTION : 1;
        callback(err, socket as never);
      }),
  });
  return client;
}

/**
 * Keep-alive connection pools for registries, HTTP/2 where the registry offers it (ALPN over TLS). Reads (GET and
 * HEAD of manifests, configs, tags) share connections: a whole list's children and configs go out over one. Writes
 * and blob transfers get a connection each: undici holds a POST, PUT, PATCH or DELETE back until every other request
 * on its HTTP/2 connection has finished (so a copy's upload would wait for its own download), and a transfer's
 * stream must not hold a shared connection's flow-control window while its other end is slow. Neither pool caps
 * connections per origin: each client's session already bounds its requests in flight, and a streamed copy's
 * download keeps its connection after its request slot is released, so a cap would leave the upload waiting for a
 * connection only the upload can free.
 */
export type RegistryAgents = { reads: OriginPools; exclusive: OriginPools; close(): Promise<void> };

/** The two pools; `maxOrigins` (ARCHWAY_MAX_ORIGINS) bounds the origins each keeps connections to. */
export function createAgents(opts: ConnectorOptions & { maxOrigins?: number }): RegistryAgents {
  const maxOrigins = opts.maxOrigins ?? readRegistryConfig().maxOrigins;
  const options: Pool.Options = {
    allowH2: true,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    // Every connection, to a registry, a redirect's storage or a token server, passes the egress check.
    connect: guardedConnector(opts),
    headersTimeout: opts.timeoutMs,
    // Idle time between body chunks, not the whole transfer: a large layer may stream for minutes.
    bodyTimeout: opts.timeoutMs,
  };
  const reads = new OriginPools(
    maxOrigins,
    (origin) => new Pool(origin, { ...options, factory: (url, clientOptions) => multiplexingClient(url, clientOptions as Client.Options) }),
  );
  const exclusive = new OriginPools(maxOrigins, (origin) => new Pool(origin, options));
  return { reads, exclusive, close: async () => void (await Promise.all([reads.close(), exclusive.close()])) };
}

/** The process-wide connection pools (kept on globalThis so Next's dev reloads do not leak pools). */
export function sharedAgents(opts: { timeoutMs: number; maxOrigins: number }): RegistryAgents {
  globalForAgent.__archwayRegistryAgents ??= createAgents(opts);
  return globalForAgent.__archwayRegistryAgents;
}

/**
 * A fetch over the pools, every request sent with undici's `request` (request-as-fetch.ts: a fraction of fetch's
 * cost): reads that are not transfers share connections; writes and transfers get a connection each.
 */
export function agentFetch(agents: RegistryAgents): FetchLike {
  return (input, { transfer, ...init }) => {
    const method = init.method ?? 'GET';
    const isRead = !transfer && (method === 'GET' || method === 'HEAD');
    return requestAsFetch(isRead ? agents.reads : agents.exclusive, input, {
      method: method as RequestAsFetchInit['method'],
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.body == null ? {} : { body: init.body }),
      ...(init.signal ? { signal: init.signal } : {}),
    }) as unknown as Promise<Response>;
  };
}

/** One request sent to a registry, as reported to listeners (status undefined: no HTTP answer came). */
export type RegistryRequestReport = { registry: string; method: string; status: number | undefined; durationMs: number };
type RegistryRequestListener = (report: RegistryRequestReport) => void;

const globalForListeners = globalThis as typeof globalThis & { __archwayRegistryListeners?: Set<RegistryRequestListener> };
const listeners = (globalForListeners.__archwayRegistryListeners ??= new Set());

/** Calls `listener` after every registry request any client sends (metrics, logs); returns the unsubscribe. */
export function onRegistryRequest(listener: RegistryRequestListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A fetch that reports each request (time to the response headers) to the registry request listeners. */
export function reportingFetch(fetch: FetchLike): FetchLike {
  return async (input, init) => {
    const started = performance.now();
    const report = (status: number | undefined) => {
      const entry = { registry: new URL(input).host, method: init.method ?? 'GET', status, durationMs: performance.now() - started };
      for (const listener of listeners) listener(entry);
    };
    try {
      const response = await fetch(input, init);
      report(response.status);
      return response;
    } catch (err) {
      // A status no Response carries is still the registry's answer.
      report(err instanceof UnusableStatusError ? err.status : undefined);
      throw err;
    }
  };
}

/** Reads a whole body, failing as soon as it grows past `limit` bytes (Content-Length is checked first). */
export async function readLimited(
  response: Response,
  limit: number,
  ctx: { registry: string; operation: string; /** The setting behind the limit, named in the error. */ limitName?: string },
): Promise<Uint8Array> {
  const tooLarge = () =>
    new RegistryError({
      message: `${ctx.registry}: ${ctx.operation}: the response is larger than ${ctx.limitName ? `Archway accepts (${ctx.limitName})` : `the ${limit} bytes Archway accepts`}`,
      registry: ctx.registry,
      operation: ctx.operation,
      kind: 'invalid-response',
      status: response.status,
    });
  const declared = contentLength(response.headers);
  if (declared !== undefined && declared > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

const UNDICI_TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Turns a failed fetch (no HTTP answer) into a RegistryError that says what to check; other errors pass through. */
export function networkFailure(err: unknown, ctx: { registry: string; host: string; operation: string; timeoutMs: number }): unknown {
  if (err instanceof RegistryError) return err;
  // A streamed body that failed (a stalled download feeding an upload) fails the fetch with its own reason inside.
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  if (cause instanceof RegistryError) return cause;
  if (err instanceof UnusableStatusError) {
    return new RegistryError({ message: `${ctx.registry}: ${ctx.operation}: the registry ${err.message}`, registry: ctx.registry, operation: ctx.operation, kind: 'invalid-response' });
  }
  const code = networkErrorCode(err);
  if (code === EGRESS_REFUSED) {
    const refusal = (err as { cause?: Error }).cause ?? (err as Error);
    return new RegistryError({
      message: `${ctx.registry}: ${ctx.operation} refused: ${refusal.message}`,
      registry: ctx.registry,
      operation: ctx.operation,
      kind: 'policy',
    });
  }
  // Anything else (a bug, a parse error) is not the network's fault and keeps its own stack.
  const isNetworkError = code !== undefined || (err instanceof TypeError && err.message === 'fetch failed');
  const isTimeout = (err as { name?: string } | undefined)?.name === 'TimeoutError' || (code !== undefined && UNDICI_TIMEOUTS.has(code));
  if (isTimeout) {
    return new RegistryError({
      message: `${ctx.registry}: ${ctx.operation} timed out after ${ctx.timeoutMs} ms (ARCHWAY_REGISTRY_TIMEOUT_MS)`,
      registry: ctx.registry,
      operation: ctx.operation,
      kind: 'timeout',
      cause: err,
    });
  }
  if (!isNetworkError) return err;
  // A loopback registry is tried over plain HTTP anyway: the insecure list is no help there.
  const plainHttpHint = isLoopbackHost(ctx.host) ? '' : ' plain HTTP for non-loopback hosts needs ARCHWAY_INSECURE_REGISTRIES';
  const reason =
    code === 'ECONNREFUSED'
      ? `cannot reach ${ctx.host}: is it running?${plainHttpHint}`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `cannot resolve ${ctx.host}: check the registry name`
        : code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)
          ? `${ctx.host} answered over TLS with a certificate Node does not trust (${code}); add its CA with NODE_EXTRA_CA_CERTS`
          : `cannot reach ${ctx.host}${code ? ` (${code})` : ''}: is it running?${plainHttpHint}`;
  return new RegistryError({
    message: `${ctx.registry}: ${ctx.operation} failed: ${reason}`,
    registry: ctx.registry,
    operation: ctx.operation,
    kind: 'network',
    cause: err,
  });
}

/** Content-Length as a number, or undefined when absent or malformed (Number(null) would say 0). */
export function contentLength(headers: Headers): number | undefined {
  const value = headers.get('content-length');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}
