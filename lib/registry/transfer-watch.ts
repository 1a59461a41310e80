import 'server-only';
import type { TransferLimits } from './config';
import { networkErrorCode } from './endpoint';
import { isRegistryError, RegistryError } from './errors';

/*
 * A blob transfer (a layer streamed from one registry to another) may rightly take minutes, so the per-request
 * deadline does not fit it; but a transfer that trickles must not hold a connection and a transfer slot forever.
 * The watch gives it a total deadline (ARCHWAY_TRANSFER_TIMEOUT_MS) and a minimum rate: a registry that moves fewer
 * than ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC × ARCHWAY_TRANSFER_RATE_WINDOW_MS bytes while the transfer waits on it for a
 * whole window aborts it. The rate is checked only while bytes are still expected: once the stream has ended, the
 * registry is left to answer within the total deadline (it hashes the whole blob before it does).
 *
 * In a copy the download and the upload move the same bytes, so a wall-clock window saw the same slowness on both
 * sides, and whichever watch ticked first was named: a trickling source could be reported as the receiving registry
 * "stalled", and a download waiting for the receiving registry to open its upload (a token, a slot, a POST) failed
 * as if the source were slow. So the time judged is only the time spent waiting on this registry: for one that sends
 * (a download), while a read of its body is outstanding; for one that receives (an upload), while a chunk is ready
 * and it is not taking it, once it has begun to. The flow is sampled RATE_SAMPLES times a window; no clock is read.
 */
const RATE_SAMPLES = 10;

export type TransferWatch = {
  /** Aborted (with a RegistryError as its reason) when the transfer is too slow or too long. */
  signal: AbortSignal;
  /**
   * Passes `stream` through, counting its bytes. `registry` says whether the watched registry `sends` them (a
   * download: the default) or `receives` them (an upload's body), which decides whose wait is judged. When the stream
   * ends or is cancelled, the rate check ends; with `endsTransfer` (a download nobody waits on afterwards) the whole
   * watch does.
   */
  count(stream: ReadableStream<Uint8Array>, opts?: { endsTransfer?: boolean; registry?: 'sends' | 'receives' }): ReadableStream<Uint8Array>;
  /** Ends the watch (the transfer finished or failed by itself). */
  stop(): void;
};

/** Starts watching one transfer; `ctx` names it in the error. */
export function watchTransfer(limits: TransferLimits, ctx: { registry: string; operation: string }): TransferWatch {
  const controller = new AbortController();
  const minBytesPerWindow = (limits.minBytesPerSecond * limits.rateWindowMs) / 1000;
  /** Whether the flow waits on this registry right now (set by the counted stream). */
  let isWaitingOnRegistry = () => false;
  let waitedSamples = 0;
  let bytesSinceJudged = 0;
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
    if (!isWaitingOnRegistry()) return;
    if (++waitedSamples < RATE_SAMPLES) return;
    // A whole window spent waiting on this registry: judged on every byte it moved since the last judgement.
    if (bytesSinceJudged < minBytesPerWindow) {
      fail(
        `it moved ${bytesSinceJudged} bytes while Archway waited on it for ${limits.rateWindowMs} ms, under the ${limits.minBytesPerSecond} ` +
          `bytes per second Archway waits for (ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC); the registry is stalled or too slow`,
      );
      return;
    }
    waitedSamples = 0;
    bytesSinceJudged = 0;
  }, limits.rateWindowMs / RATE_SAMPLES);
  rateCheck.unref();
  const stopRateCheck = () => {
    clearInterval(rateCheck);
    rateCheck = undefined;
  };
  function stop(): void {
    clearTimeout(deadline);
    stopRateCheck();
  }
  /**
   * What a body that broke under a transfer becomes: the error of this registry and operation, with the bytes that
   * had come. Without it, a source that closed mid-copy surfaced as the upload's error, naming the target registry
   * ("cannot reach <target>") when the target was fine. Errors already named (a RegistryError: the watch's own, or
   * the other side's) and errors that are not the network's (an abort the caller asked for) pass as they are.
   */
  const broken = (err: unknown, moved: number): unknown => {
    if (isRegistryError(err)) return err;
    const code = networkErrorCode(err);
    if (code === undefined) return err;
    const stalled = code === 'UND_ERR_BODY_TIMEOUT';
    return new RegistryError({
      message:
        `${ctx.registry}: ${ctx.operation}: ` +
        (stalled ? `the registry stopped sending after ${moved} bytes (${code})` : `the connection broke after ${moved} bytes (${code})`) +
        '; nothing was stored, try again',
      registry: ctx.registry,
      operation: ctx.operation,
      kind: stalled ? 'timeout' : 'network',
      cause: err,
    });
  };
  return {
    signal: controller.signal,
    // A stream of its own rather than a TransformStream: a pipe passes the source's error on as it is, and this one
    // names it (broken, above).
    count: (stream, opts = {}) => {
      const reader = stream.getReader();
      const ended = () => {
        isWaitingOnRegistry = () => false;
        if (opts.endsTransfer) stop();
        else stopRateCheck();
      };
      let moved = 0;
      let pulls = 0;
      let isReading = false;
      let isDone = false;
      // A sender is waited on while a read of its body is out. A receiver, while a chunk is ready and it takes none,
      // once it has taken one: the stream fills its queue before anyone reads (the first pull), and until the request
      // starts sending, the wait is Archway's (a slot) or undici's to bound (a token, the connection).
      isWaitingOnRegistry = opts.registry === 'receives' ? () => pulls > 1 && !isReading && !isDone : () => isReading;
      return new ReadableStream<Uint8Array>({
        start(out) {
          // The watch's own failure (too slow, too long) ends the stream with its reason and stops the source.
          const onFail = () => {
            out.error(controller.signal.reason);
            reader.cancel(controller.signal.reason).catch(() => undefined);
          };
          if (controller.signal.aborted) onFail();
          else controller.signal.addEventListener('abort', onFail, { once: true });
        },
        async pull(out) {
          let next: ReadableStreamReadResult<Uint8Array>;
          pulls++;
          isReading = true;
          try {
            next = await reader.read();
          } catch (err) {
            isDone = true;
            stop();
            out.error(broken(err, moved));
            return;
          } finally {
            isReading = false;
          }
          // Failed by the watch while this read was out: the stream already ended with the watch's reason.
          if (controller.signal.aborted) return;
          if (next.done) {
            isDone = true;
            ended();
            out.close();
            return;
          }
          moved += next.value.byteLength;
          bytesSinceJudged += next.value.byteLength;
          out.enqueue(next.value);
        },
        cancel: (reason) => {
          isDone = true;
          ended();
          return reader.cancel(reason);
        },
      });
    },
    stop,
  };
}
