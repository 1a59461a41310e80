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

/** Runs `work` with a signal that aborts after `ms`; the timer is cleared as soon as `work` settles. */
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutReason(ms)), ms);
  // Like AbortSignal.timeout's: the deadline alone never keeps the process running.
  timer.unref();
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
