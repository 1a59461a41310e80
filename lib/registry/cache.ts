import 'server-only';
import { LRUCache } from 'lru-cache';

/*
 * Anything addressed by digest never changes, so it is fetched at most once per process: manifests and config
 * blobs are kept by digest in an LRU bounded in bytes (ARCHWAY_CACHE_BYTES). The bytes are shared, but a hit
 * also needs the digest to have been seen in the same registry and repository: a registry that does not have
 * the content must still be told so (a dangling child is a problem to show, not something to hide).
 */

export type CachedContent = { bytes: Uint8Array; mediaType?: string };

type Entry = CachedContent & { locations: Set<string> };

export class ContentCache {
  private readonly lru: LRUCache<string, Entry>;
  private hits = 0;
  private misses = 0;

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      // Anything bigger than an eighth of the cache would evict too much to be worth keeping.
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
      sizeCalculation: (entry) => Math.max(1, entry.bytes.byteLength),
    });
  }

  /** The content of `digest` if it was seen at `location` (`registry/repository`). */
  get(location: string, digest: string): CachedContent | undefined {
    const entry = this.lru.get(digest);
    if (!entry?.locations.has(location)) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return entry.mediaType === undefined ? { bytes: entry.bytes } : { bytes: entry.bytes, mediaType: entry.mediaType };
  }

  /** Keeps verified content (its digest was checked against its bytes by the caller). */
  set(location: string, digest: string, content: CachedContent): void {
    const existing = this.lru.get(digest);
    if (existing) {
      existing.locations.add(location);
      existing.mediaType ??= content.mediaType;
      return;
    }
    this.lru.set(digest, { ...content, locations: new Set([location]) });
  }

  /** Forgets that `location` has the digest (after a delete); the bytes stay for other locations. */
  forget(location: string, digest: string): void {
    this.lru.get(digest)?.locations.delete(location);
  }

  /** Bytes held right now. */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  /** Lookups answered and not answered since start, and the bytes held (for metrics). */
  stats(): { hits: number; misses: number; bytes: number } {
    return { hits: this.hits, misses: this.misses, bytes: this.bytes };
  }
}

const globalForCache = globalThis as typeof globalThis & { __archwayContentCache?: ContentCache };

/** The process-wide cache every registry client shares (the first caller's bound wins). */
export function sharedContentCache(maxBytes: number): ContentCache {
  globalForCache.__archwayContentCache ??= new ContentCache(maxBytes);
  return globalForCache.__archwayContentCache;
}

/** The process-wide cache if a client has made it yet (metrics read it without choosing its bound). */
export function peekSharedContentCache(): ContentCache | undefined {
  return globalForCache.__archwayContentCache;
}

/**
 * Parallel callers asking for the same thing share one request. The shared request runs without any one caller's
 * abort signal (one caller giving up must not fail the others); each caller still stops waiting on its own signal.
 */
export class InFlight {
  private readonly pending = new Map<string, Promise<unknown>>();

  /** Runs `fn` unless a call with the same key is already running, in which case its result is shared. */
  run<T>(key: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let shared = this.pending.get(key) as Promise<T> | undefined;
    if (!shared) {
      shared = fn().finally(() => this.pending.delete(key));
      this.pending.set(key, shared);
    }
    return signal ? abortable(shared, signal) : shared;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
