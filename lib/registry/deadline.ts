import 'server-only';

/*
 * A per-request deadline that ends with its request. AbortSignal.timeout cannot be cancelled: its timer runs its full
 * length after the request is over, and a timer keeps the async context it was started in, which under Next is the
 * whole request (its store, the response, the response's gzip stream and its native zlib buffers). At the default
 * ARCHWAY_REGISTRY_TIMEOUT_MS (15 s), every request of the last 15 s stayed in memory: 5,000 inspects of unreachable
 * registries held ~2,500 finished requests at once and grew the resident memory by ~300 MB.
 */

/** The reason a deadline aborts with: a TimeoutError, as AbortSignal.timeout's is (transport.ts reports it). */
function timeoutReason(ms: number): DOMException {
  return new DOMException(`The operation was aborted due to timeout (${ms} ms)`, 'TimeoutError');
}

/**
 * Runs `work` with one signal that aborts after `ms`, or as soon as any of `follow` aborts (with that signal's
 * reason). The timer and the listeners go as soon as `work` settles. One AbortController linked by hand rather than
 * AbortSignal.any over a timeout signal: a cold inspect sends about a hundred requests, and on Node 20 every
 * AbortSignal made and every `any` cost measurably (about 5 ms of CPU per inspect).
 */
export async function withDeadline<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
  follow: readonly (AbortSignal | undefined)[] = [],
): Promise<T> {
  const controller = new AbortController();
  const unfollow: (() => void)[] = [];
  for (const signal of follow) {
    if (!signal) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    unfollow.push(() => signal.removeEventListener('abort', onAbort));
  }
  const timer = setTimeout(() => controller.abort(timeoutReason(ms)), ms);
  // Like AbortSignal.timeout's: the deadline alone never keeps the process running.
  timer.unref();
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
    for (const remove of unfollow) remove();
  }
}
