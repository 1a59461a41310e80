import 'server-only';

/**
 * Settles as `promise` does, or rejects with the signal's reason as soon as it aborts, while `promise` goes on (it may
 * be shared with other waiters, or be an operation that cannot be stopped sooner). A value that arrives after the abort
 * goes to `release`, so what it holds (a response body and its connection) is not left open.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal, release?: (late: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let isAborted = false;
    const onAbort = () => {
      isAborted = true;
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (isAborted) release?.(value);
        else resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
