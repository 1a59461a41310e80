import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/*
 * What the server knows about the request it is handling, wherever the code is: its id (logged and returned as
 * x-request-id) and the registry requests it caused, which the registry client's transport reports.
 */

export type RequestContext = { requestId: string; registryCalls: number };

const globalForContext = globalThis as typeof globalThis & { __archwayRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (globalForContext.__archwayRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** An id a client or proxy sent is kept only if it is short and plain, so it cannot forge log lines. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's x-request-id when it is safe to echo, else a new one. */
export function requestIdFrom(headers: Headers): string {
  const sent = headers.get('x-request-id')?.trim();
  return sent && SAFE_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** Runs `fn` with `context` as the current request. */
export function withRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The request being handled, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
