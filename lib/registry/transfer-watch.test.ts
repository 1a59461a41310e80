import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RegistryError } from './errors';
import { watchTransfer } from './transfer-watch';

const limits = { timeoutMs: 10_000, minBytesPerSecond: 100, rateWindowMs: 1000 };
const ctx = { registry: 'registry.example', operation: 'GET blob' };

/** A stream the test feeds by hand, passed through the watch. */
function fed(watch: ReturnType<typeof watchTransfer>, opts?: { endsTransfer?: boolean }) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const counted = watch.count(new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) }), opts);
  const reader = counted.getReader();
  return {
    push: async (bytes: number) => {
      controller.enqueue(new Uint8Array(bytes));
      await reader.read();
    },
    end: async () => {
      controller.close();
      await reader.read();
    },
  };
}

const reasonOf = (watch: ReturnType<typeof watchTransfer>) => watch.signal.reason as RegistryError;

describe('watchTransfer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('aborts a transfer that keeps its rate but outlasts ARCHWAY_TRANSFER_TIMEOUT_MS', async () => {
    const watch = watchTransfer(limits, ctx);
    const stream = fed(watch);
    for (let second = 0; second < 9; second++) {
      await stream.push(200);
      await vi.advanceTimersByTimeAsync(1000);
      expect(watch.signal.aborted).toBe(false);
    }
    await stream.push(200);
    await vi.advanceTimersByTimeAsync(1000);
    expect(watch.signal.aborted).toBe(true);
    expect(reasonOf(watch)).toMatchObject({ kind: 'timeout' });
    expect(reasonOf(watch).message).toContain('ARCHWAY_TRANSFER_TIMEOUT_MS');
  });

  it('aborts a transfer moving less than the minimum rate over a whole window', async () => {
    const watch = watchTransfer(limits, ctx);
    const stream = fed(watch);
    await stream.push(150);
    await vi.advanceTimersByTimeAsync(1000);
    expect(watch.signal.aborted).toBe(false);
    await stream.push(50);
    await vi.advanceTimersByTimeAsync(1000);
    expect(reasonOf(watch).message).toContain('ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC');
  });

  it('stops checking the rate once the body has ended, but keeps the total deadline for the answer', async () => {
    const watch = watchTransfer(limits, ctx);
    const stream = fed(watch);
    await stream.push(500);
    await stream.end();
    await vi.advanceTimersByTimeAsync(5000);
    expect(watch.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(reasonOf(watch).message).toContain('ARCHWAY_TRANSFER_TIMEOUT_MS');
  });

  it('ends the whole watch with a download nobody waits on afterwards, and with stop()', async () => {
    const download = watchTransfer(limits, ctx);
    const stream = fed(download, { endsTransfer: true });
    await stream.push(500);
    await stream.end();
    const stopped = watchTransfer(limits, ctx);
    stopped.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(download.signal.aborted).toBe(false);
    expect(stopped.signal.aborted).toBe(false);
  });

  it('judges only the time spent waiting on its own registry: a sender while a read is out, a receiver while it takes nothing', async () => {
    const patient = { ...limits, timeoutMs: 60_000 };
    // A download nobody reads (the upload it feeds has not started): not the sender's fault, however long.
    const unread = watchTransfer(patient, ctx);
    const download = unread.count(new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(10)) }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(unread.signal.aborted).toBe(false);
    // Reading it now: the sender answers at once, so it is still not waited on.
    await download.getReader().read();
    await vi.advanceTimersByTimeAsync(5000);
    expect(unread.signal.aborted).toBe(false);

    // An upload whose source sends nothing: the receiver is not waited on while its body waits for bytes.
    const starved = watchTransfer(patient, ctx);
    const upload = starved.count(new ReadableStream<Uint8Array>(), { registry: 'receives' });
    const uploadReader = upload.getReader();
    const pending = uploadReader.read();
    await vi.advanceTimersByTimeAsync(5000);
    expect(starved.signal.aborted).toBe(false);
    await uploadReader.cancel();
    await pending;

    // An upload whose request has not started sending (a slot, a token, the connection): not the receiver's wait.
    const queued = watchTransfer(patient, ctx);
    queued.count(new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(10)) }), { registry: 'receives' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(queued.signal.aborted).toBe(false);

    // An upload with a chunk ready that the receiver, having taken one, does not take: judged after a window, named.
    const stuck = watchTransfer(limits, ctx);
    await stuck.count(new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(10)) }), { registry: 'receives' }).getReader().read();
    await vi.advanceTimersByTimeAsync(900);
    expect(stuck.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(reasonOf(stuck)).toMatchObject({ kind: 'timeout', registry: 'registry.example' });
    expect(reasonOf(stuck).message).toContain('while Archway waited on it for 1000 ms');
  });

  it('ends with a stream cancelled by its reader, instead of running to its deadline', async () => {
    const watch = watchTransfer(limits, ctx);
    const reader = watch.count(new ReadableStream<Uint8Array>(), { endsTransfer: true }).getReader();
    const reading = reader.read();
    await reader.cancel('the copy failed');
    expect(await reading).toEqual({ done: true, value: undefined });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(watch.signal.aborted).toBe(false);
  });

  it('names a body that broke under it as this registry’s failure, with the bytes that had come', async () => {
    /** A body that gives `bytes`, then fails with `err`. */
    const failing = (bytes: number, err: unknown) => {
      let given = false;
      return new ReadableStream<Uint8Array>(
        {
          pull(c) {
            if (given) c.error(err);
            else c.enqueue(new Uint8Array(bytes));
            given = true;
          },
        },
        { highWaterMark: 0 },
      );
    };
    const readAll = async (stream: ReadableStream<Uint8Array>) => {
      const reader = stream.getReader();
      for (;;) if ((await reader.read()).done) return;
    };
    const socketClosed = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const broken = await readAll(watchTransfer(limits, ctx).count(failing(300, socketClosed))).catch((err: unknown) => err);
    expect(broken).toMatchObject({ name: 'RegistryError', kind: 'network', registry: 'registry.example', operation: 'GET blob', cause: socketClosed });
    expect((broken as RegistryError).message).toBe(
      'registry.example: GET blob: the connection broke after 300 bytes (UND_ERR_SOCKET); nothing was stored, try again',
    );
    const idle = Object.assign(new Error('Body Timeout Error'), { code: 'UND_ERR_BODY_TIMEOUT' });
    expect(await readAll(watchTransfer(limits, ctx).count(failing(0, idle))).catch((err: unknown) => err)).toMatchObject({
      kind: 'timeout',
      message: expect.stringContaining('stopped sending after 0 bytes'),
    });
    // Already named (the other side's, or the watch's own), or not the network's: passed on as it is.
    const named = new RegistryError({ message: 'source.example: GET blob: …', registry: 'source.example', operation: 'GET blob', kind: 'network' });
    expect(await readAll(watchTransfer(limits, ctx).count(failing(5, named))).catch((err: unknown) => err)).toBe(named);
    const asked = new DOMException('the caller gave up', 'AbortError');
    expect(await readAll(watchTransfer(limits, ctx).count(failing(10, asked))).catch((err: unknown) => err)).toBe(asked);
  });
});
