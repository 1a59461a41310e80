import 'server-only';
import { Agent, fetch as undiciFetch } from 'undici';
import { RegistryError } from './errors';
import { networkErrorCode } from './endpoint';

/*
 * The HTTP layer: one keep-alive undici Agent per process (connections reused across requests and clients),
 * a fetch that uses it, and body reading with a byte limit so a hostile or broken registry
 * cannot make the server buffer more than it asked for.
 */

/** The fetch signature the client uses; tests pass their own. `duplex` is needed for streamed bodies. */
export type FetchLike = (input: string, init: RequestInit & { duplex?: 'half' }) => Promise<Response>;

const globalForAgent = globalThis as typeof globalThis & { __archwayRegistryAgent?: Agent };

/**
 * A keep-alive connection pool for registries. It does not cap connections per origin: each client's session
 * already bounds its requests in flight, and a streamed copy's download keeps its connection after its request
 * slot is released, so a cap here would leave the upload waiting for a connection only the upload can free.
 */
export function createAgent(opts: { timeoutMs: number }): Agent {
  return new Agent({
    // HTTP/2 where the registry offers it (ALPN over TLS): one connection carries a whole list's requests at once.
    allowH2: true,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    connect: { timeout: opts.timeoutMs },
    headersTimeout: opts.timeoutMs,
    // Idle time between body chunks, not the whole transfer: a large layer may stream for minutes.
    bodyTimeout: opts.timeoutMs,
  });
}

/** The process-wide connection pool (kept on globalThis so Next's dev reloads do not leak pools). */
export function sharedAgent(opts: { timeoutMs: number }): Agent {
  globalForAgent.__archwayRegistryAgent ??= createAgent(opts);
  return globalForAgent.__archwayRegistryAgent;
}

/** A fetch bound to the shared agent. */
export function agentFetch(agent: Agent): FetchLike {
  return (input, init) =>
    undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent }) as unknown as Promise<Response>;
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
      report(undefined);
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
  const code = networkErrorCode(err);
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
  const reason =
    code === 'ECONNREFUSED'
      ? `cannot reach ${ctx.host}: is it running? plain HTTP for non-loopback hosts needs ARCHWAY_INSECURE_REGISTRIES`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `cannot resolve ${ctx.host}: check the registry name`
        : code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)
          ? `${ctx.host} answered over TLS with a certificate Node does not trust (${code}); add its CA with NODE_EXTRA_CA_CERTS`
          : `cannot reach ${ctx.host}${code ? ` (${code})` : ''}: is it running? plain HTTP for non-loopback hosts needs ARCHWAY_INSECURE_REGISTRIES`;
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
