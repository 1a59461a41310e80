import 'server-only';

/*
 * A pool of request slots for one registry, with a bounded wait. Each registry client has two: one for reads
 * (manifests, configs, tags: what inspection needs) and one for blob transfers (layers streamed between
 * registries), so a stuck transfer can hold transfer slots but never the slots inspection waits for. A caller that
 * cannot get a slot within the wait gets `SlotTimeout`, which the session turns into a 503 with Retry-After:
 * telling a client "come back in a moment" beats holding its request (and its memory) for minutes.
 */

/** Thrown when no slot came free in time; `pool` names the pool, `waitedMs` how long the caller waited. */
export class SlotTimeout extends Error {
  constructor(
    readonly pool: string,
    readonly waitedMs: number,
  ) {
    super(`no free ${pool} slot within ${waitedMs} ms`);
    this.name = 'SlotTimeout';
  }
}

type Waiter = { grant: () => void; reject: (err: unknown) => void };

export class SlotPool {
  private inUse = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    readonly name: string,
    readonly size: number,
    private readonly waitMs: number,
  ) {}

  /** Slots taken right now, and callers waiting for one (tests and the benchmark read them). */
  get active(): number {
    return this.inUse;
  }
  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `fn` holding a slot; waits at most the pool's wait for one, and stops waiting when `signal` aborts. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.inUse < this.size) {
      this.inUse++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
      };
      const waiter: Waiter = {
        grant: () => {
          leave();
          resolve();
        },
        reject: (err) => {
          leave();
          reject(err);
        },
      };
      const timer = setTimeout(() => waiter.reject(new SlotTimeout(this.name, this.waitMs)), this.waitMs);
      const onAbort = () => waiter.reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private release(): void {
    const next = this.queue[0];
    // The slot passes straight to the next waiter: inUse stays the same.
    if (next) next.grant();
    else this.inUse--;
  }
}
