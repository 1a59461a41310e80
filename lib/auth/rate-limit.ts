import 'server-only';
import { LRUCache } from 'lru-cache';

/*
 * Sign-in attempts per client address, counted in one-minute windows, so nobody can try passwords against a
 * registry through Archway faster than the setting allows. Kept in memory per process (a guess limit, not an
 * account lock-out); the map is bounded, so a flood of addresses cannot grow it.
 */

const WINDOW_MS = 60_000;
const MAX_CLIENTS = 10_000;

type Window = { startedAt: number; attempts: number };

export type Attempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class AttemptLimiter {
  private readonly windows = new LRUCache<string, Window>({ max: MAX_CLIENTS });

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one attempt by `client`; refused once `limit` attempts were made in the current window. */
  take(client: string, limit: number): Attempt {
    const now = this.now();
    let window = this.windows.get(client);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, attempts: 0 };
      this.windows.set(client, window);
    }
    if (window.attempts >= limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000)) };
    }
    window.attempts++;
    return { allowed: true };
  }
}

const globalForLimiter = globalThis as typeof globalThis & { __archwaySignInLimiter?: AttemptLimiter };

/** The process-wide limiter for registry sign-in attempts. */
export function signInLimiter(): AttemptLimiter {
  globalForLimiter.__archwaySignInLimiter ??= new AttemptLimiter();
  return globalForLimiter.__archwaySignInLimiter;
}
