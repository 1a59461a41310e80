import 'server-only';
import type { Readable } from 'node:stream';
import { Response, type Dispatcher } from 'undici';

/*
 * Every registry request (reads, writes, blob transfers, token requests) is sent with undici's `request` and handed
 * on as a standard Response, so the rest of the client cannot tell it from fetch's. fetch runs the browser's whole
 * algorithm for every request: a Request and a Response object with their own abort signals, header guards, stream
 * wrappers and timing records. Measured on this 2-core machine over keep-alive loopback, 48 small GETs at once: about
 * 0.29 ms of CPU a request with fetch, 0.16 ms this way; a cold inspect of a 48-entry list sends 97 of them. Writes
 * went through fetch until the pushes of issue 8's load were measured: four copies at once cost the thread that
 * answers everyone else 136 ms with fetch's writes and 127 ms with these (twelve rounds each). fetch also refuses the
 * Fetch standard's "bad ports" (6000, 6665-6669 and others, kept from browsers' defence against cross-protocol
 * requests), so a registry listening on one could be inspected and not written to; a server reaches any port.
 */

/**
 * What Archway calls itself to registries, on every request it sends: registry logs and rate limits see one client,
 * as they saw fetch's "undici" before.
 */
const USER_AGENT = 'Archway';

/** A body whose Content-Length is at most this is read before the Response is made: one buffer, no stream. */
export const BUFFERED_BODY_BYTES = 64 * 1024;

/** Statuses whose Response must have no body (the Fetch standard's null body statuses). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** What a request may send: bytes in hand, a form as a string, or a stream (a blob copied from another registry). */
export type RequestBody = Uint8Array | string | ReadableStream<Uint8Array>;

export type RequestAsFetchInit = {
  method: Dispatcher.HttpMethod;
  headers?: Record<string, string>;
  body?: RequestBody | null;
  signal?: AbortSignal | null;
};

/** Response headers as undici's `request` gives them, a repeated header as an array, made into pairs. */
function headerPairs(headers: Record<string, string | string[] | undefined>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const name in headers) {
    const value = headers[name];
    if (Array.isArray(value)) for (const each of value) pairs.push([name, each]);
    else if (value !== undefined) pairs.push([name, value]);
  }
  return pairs;
}

const ignore = () => undefined;

/**
 * An answer whose status a Response cannot carry: undici reads any three digits (100-999), a Response takes 200-599
 * (undici handles the informational 1xx itself).
 * The registry answered, so it is not "fetch failed" (which would read as "cannot reach it"); transport.ts names it.
 */
export class UnusableStatusError extends Error {
  constructor(readonly status: number) {
    super(`answered with HTTP status ${status}; a final answer has a status from 200 to 599`);
    this.name = 'UnusableStatusError';
  }
}

/**
 * Ends a body nobody will read, with its connection. Destroying a body not read to its end emits an abort error: what
 * the reader asked for, so it is nobody's error. Without a listener the server logged it as an uncaught exception
 * (seen under Next in npm run bench's hostile section, the huge tag pages; not reproduced outside it).
 */
function discard(body: Readable): void {
  body.on('error', ignore);
  body.destroy();
}

/**
 * The body as an async iterable whose `return` destroys it. A Response made from the Readable itself would cancel
 * through the Readable's own iterator, an async generator that ignores `return` until its first `next`: a body
 * cancelled unread (readLimited refusing a declared size) would hold its connection and request open.
 */
function endingWithItsReader(body: Readable): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () => {
      const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
      return {
        next: () => chunks.next(),
        return: async () => {
          discard(body);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * Sends a request through `dispatcher` and answers as fetch would with `redirect: 'manual'`: no redirect is
 * followed, an abort rejects with the signal's reason, and a failure without an answer (a refused connection, a
 * streamed body that failed) is `TypeError('fetch failed')` with the error as its cause (what networkFailure reads).
 * Unlike fetch, it asks for no compression and adds no Content-Type: every caller names the type it sends.
 */
export async function requestAsFetch(dispatcher: Dispatcher, input: string, init: RequestAsFetchInit): Promise<Response> {
  const url = new URL(input);
  const signal = init.signal ?? undefined;
  try {
    signal?.throwIfAborted();
    // undici notes an abort that comes before the connection is up and acts on it once connected (nothing is sent).
    // It is not raced here: the caller's request slot stays held until undici lets go of the connection attempt, so
    // callers that keep giving up on an unreachable registry cannot open connections past the slots' bound.
    const answer = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: init.method,
      headers: { 'user-agent': USER_AGENT, ...init.headers },
      // A web stream is an async iterable, which undici streams as it comes (chunked, or to the Content-Length the
      // caller declared, which undici holds the stream to). undici's documentation lists AsyncIterable among the
      // bodies `request` takes (docs/api/Dispatcher.md); its type declarations do not yet, hence the cast.
      ...(init.body == null ? {} : { body: init.body as Uint8Array | string | Readable }),
      // undici closes a connection after every HEAD (nodejs/undici#258: for servers that send a body with one), so
      // each tag check opened a new connection: a TCP (and on HTTP/1.1 over TLS, a TLS) handshake per warm inspect,
      // 110 connections in 10 s under issue 8's load. Registries answer HEAD as HTTP says, and docker's Go client
      // keeps its connection after one; a server that did send a body gets its connection dropped by undici's
      // parser when the stray bytes arrive (test/integration/registry-connections.test.ts).
      reset: false,
      ...(signal ? { signal } : {}),
    });
    if (answer.statusCode < 200 || answer.statusCode > 599) {
      discard(answer.body);
      throw new UnusableStatusError(answer.statusCode);
    }
    const responseInit = { status: answer.statusCode, headers: headerPairs(answer.headers) };
    if (init.method === 'HEAD' || NULL_BODY_STATUSES.has(answer.statusCode)) {
      await answer.body.dump();
      return new Response(null, responseInit);
    }
    const declared = Number(answer.headers['content-length'] ?? Number.NaN);
    if (Number.isSafeInteger(declared) && declared <= BUFFERED_BODY_BYTES) return new Response(await answer.body.bytes(), responseInit);
    // Larger or undeclared: streamed, so the caller's byte limit stops it (readLimited) before it is all read.
    return new Response(endingWithItsReader(answer.body), responseInit);
  } catch (err) {
    // A streamed body the request never took (a refused connection, an abort before sending) is cancelled, as fetch
    // cancels it, so the download feeding it stops too; one undici took is ended by undici.
    if (init.body instanceof ReadableStream && !init.body.locked) init.body.cancel(err).catch(ignore);
    if (signal?.aborted) throw signal.reason;
    if (err instanceof UnusableStatusError) throw err;
    throw new TypeError('fetch failed', { cause: err });
  }
}
