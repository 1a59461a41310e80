import 'server-only';
import type { TransferLimits } from './config';
import { RegistryError } from './errors';

/*
 * A blob transfer (a layer streamed from one registry to another) may rightly take minutes, so the per-request
 * deadline does not fit it; but a transfer that trickles must not hold a connection and a transfer slot forever.
 * The watch gives it a total deadline (ARCHWAY_TRANSFER_TIMEOUT_MS) and a minimum rate: fewer than
 * ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC × ARCHWAY_TRANSFER_RATE_WINDOW_MS bytes during any whole window aborts it.
 * The rate is checked only while bytes are still expected: once the stream has ended, the registry is left to
 * answer within the total deadline (it hashes the whole blob before it does).
 */

export type TransferWatch = {
  /** Aborted (with a RegistryError as its reason) when the transfer is too slow or too long. */
  signal: AbortSignal;
  /**
   * Passes `stream` through, counting its bytes. When it ends, the rate check ends; with `endsTransfer` (a download
   * nobody waits on afterwards) the whole watch does.
   */
  count(stream: ReadableStream<Uint8Array>, opts?: { endsTransfer?: boolean }): ReadableStream<Uint8Array>;
  /** Ends the watch (the transfer finished or failed by itself). */
  stop(): void;
};

/** Starts watching one transfer; `ctx` names it in the error. */
export function watchTransfer(limits: TransferLimits, ctx: { registry: string; operation: string }): TransferWatch {
  const controller = new AbortController();
  const minBytesPerWindow = (limits.minBytesPerSecond * limits.rateWindowMs) / 1000;
  let bytesThisWindow = 0;
  const fail = (message: string) => {
    controller.abort(new RegistryError({ message: `${ctx.registry}: ${ctx.operation}: ${message}`, registry: ctx.registry, operation: ctx.operation, kind: 'timeout' }));
    stop();
  };
  const deadline = setTimeout(
    () => fail(`the transfer did not finish within ${limits.timeoutMs} ms (ARCHWAY_TRANSFER_TIMEOUT_MS)`),
    limits.timeoutMs,
  );
  deadline.unref();
  let rateCheck: ReturnType<typeof setInterval> | undefined = setInterval(() => {
    if (bytesThisWindow < minBytesPerWindow) {
      fail(
        `the transfer moved ${bytesThisWindow} bytes in ${limits.rateWindowMs} ms, under the ${limits.minBytesPerSecond} bytes per second ` +
          `Archway waits for (ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC); the registry is stalled or too slow`,
      );
    }
    bytesThisWindow = 0;
  }, limits.rateWindowMs);
  rateCheck.unref();
  const stopRateCheck = () => {
    clearInterval(rateCheck);
    rateCheck = undefined;
  };
  function stop(): void {
    clearTimeout(deadline);
    stopRateCheck();
  }
  return {
    signal: controller.signal,
    count: (stream, opts = {}) =>
      stream.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, out) {
            bytesThisWindow += chunk.byteLength;
            out.enqueue(chunk);
          },
          flush: opts.endsTransfer ? stop : stopRateCheck,
        }),
        { signal: controller.signal },
      ),
    stop,
  };
}
