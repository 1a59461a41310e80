import 'server-only';
import { Dispatcher } from 'undici';

/*
 * Connection pools, one per origin (a registry, a token server, a redirect's storage), at most `maxOrigins` of them
 * (ARCHWAY_MAX_ORIGINS). undici's Agent keeps a pool, with its idle keep-alive connections, for every origin it was
 * ever asked for until those connections time out: 2,000 registry names answered within the keep-alive time held
 * 2,000 pools and 2,000 open sockets, however few registries the server is configured to keep clients for. Here,
 * past the bound, the least recently used origin's pool is closed (its requests in flight finish first) and forgotten;
 * a later request to that origin opens a new one. As in undici's Agent, a pool is also dropped as soon as it has no
 * connection left: its last one closed (keep-alive timeout) or none could be opened (a refused or unreachable origin).
 */
export class OriginPools extends Dispatcher {
  // A Map keeps insertion order, and each use re-inserts its origin: the first key is the least recently used.
  private readonly pools = new Map<string, Dispatcher>();

  constructor(
    private readonly maxOrigins: number,
    private readonly createPool: (origin: string) => Dispatcher,
  ) {
    super();
  }

  /** Origins whose pools are held now (tests check the bound). */
  get originCount(): number {
    return this.pools.size;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = String(options.origin);
    const pool = this.pools.get(origin) ?? this.open(origin);
    this.pools.delete(origin);
    this.pools.set(origin, pool);
    if (this.pools.size > this.maxOrigins) this.closeLeastRecentlyUsed();
    return pool.dispatch(options, handler);
  }

  private open(origin: string): Dispatcher {
    const pool = this.createPool(origin);
    let connected = 0;
    const dropIfUnused = () => {
      if (connected === 0 && this.pools.get(origin) === pool) this.drop(origin, pool);
    };
    pool.on('connect', () => void connected++);
    pool.on('disconnect', () => {
      connected--;
      dropIfUnused();
    });
    pool.on('connectionError', dropIfUnused);
    return pool;
  }

  private closeLeastRecentlyUsed(): void {
    const [origin, pool] = this.pools.entries().next().value!;
    this.drop(origin, pool);
  }

  private drop(origin: string, pool: Dispatcher): void {
    this.pools.delete(origin);
    void pool.close().catch(() => undefined);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const closing = Promise.all([...this.pools.values()].map((pool) => pool.close())).then(() => undefined);
    this.pools.clear();
    if (!callback) return closing;
    void closing.then(callback);
  }
}
