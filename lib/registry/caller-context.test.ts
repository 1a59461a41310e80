import { AsyncLocalStorage } from 'node:async_hooks';
import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ContentCache } from './cache';
import { createRegistryClient } from './client';
import { withDeadline } from './deadline';
import { RegistryError } from './errors';
import type { FetchLike } from './transport';

// A registry client outlives the requests that use it, and must not keep them: a deadline's timer left running, or a
// settled promise kept as a cache, holds the async context it was made in (under Next, the whole HTTP request and its
// response) until the timer fires or the client goes.

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Asks `registry` for a manifest inside an async context of its own (as Next runs each request); says whether that
 * context's store could be collected once the request was over, and how the request ended.
 */
async function manifestRequest(registry: string, fetch: FetchLike): Promise<{ released: boolean; failure: unknown }> {
  const client = createRegistryClient(registry, { cache: new ContentCache(1024), credentials: null, fetch, timeoutMs: 60_000 });
  const storage = new AsyncLocalStorage<{ request: Uint8Array }>();
  let ref: WeakRef<object> | undefined;
  let failure: unknown;
  await storage.run({ request: new Uint8Array(1024) }, async () => {
    ref = new WeakRef(storage.getStore()!);
    failure = await client.getManifest('app', '1').catch((err: unknown) => err);
  });
  // A WeakRef keeps its target until the current job ends: let it end, then collect.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  return { released: ref!.deref() === undefined, failure };
}

const notFound = () => new Response('{"errors":[]}', { status: 404 });

const refused: FetchLike = async () => {
  throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
};

describe('withDeadline', () => {
  it('aborts the work with a TimeoutError once the time is up', async () => {
    const outcome = await withDeadline(1, (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))).catch(
      (err: unknown) => err,
    );
    expect(outcome).toBeInstanceOf(DOMException);
    expect((outcome as DOMException).name).toBe('TimeoutError');
  });

  it('hands back what the work resolved', async () => {
    await expect(withDeadline(60_000, async (signal) => signal.aborted)).resolves.toBe(false);
  });

  it('aborts with the reason of a followed signal, and stops following it once the work settles', async () => {
    const caller = new AbortController();
    const outcome = withDeadline(
      60_000,
      (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      [undefined, caller.signal],
    ).catch((err: unknown) => err);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    caller.abort(new Error('the browser went away'));
    expect(await outcome).toMatchObject({ message: 'the browser went away' });

    const idle = new AbortController();
    await withDeadline(60_000, async () => 'done', [idle.signal]);
    expect(getEventListeners(idle.signal, 'abort')).toHaveLength(0);
  });

  it('starts aborted when a followed signal already is', async () => {
    const gone = AbortSignal.abort(new Error('already gone'));
    await expect(withDeadline(60_000, async (signal) => signal.reason, [gone])).resolves.toMatchObject({ message: 'already gone' });
  });
});

describe('registry requests and the caller’s async context', () => {
  it('keeps nothing of the caller once a request to an unreachable registry has failed', async () => {
    const { released, failure } = await manifestRequest('127.0.0.1:9', refused);
    expect(released).toBe(true);
    expect(failure).toBeInstanceOf(RegistryError);
  });

  it('keeps nothing of the caller once a registry has answered', async () => {
    const { released, failure } = await manifestRequest('127.0.0.1:9', async (url) => (url.endsWith('/v2/') ? new Response('{}') : notFound()));
    expect(released).toBe(true);
    expect((failure as RegistryError).status).toBe(404);
  });
});
