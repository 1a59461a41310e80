import 'server-only';
import { auditStore, tagLockTimeoutMs } from './log';

/*
 * The tag lock: pushes to one tag run one after another, so two edits from the same base cannot both pass the
 * tag check. Within a process a queue orders them (no database round trip, no connection held while waiting);
 * the first in the queue then takes the store's lock, which PostgreSQL extends across replicas.
 */

const globalForQueues = globalThis as typeof globalThis & { __archwayTagQueues?: Map<string, Promise<unknown>> };
const queues = (globalForQueues.__archwayTagQueues ??= new Map());

/** Runs `fn` once every earlier push to the tag `key` (on any replica sharing the store) has finished. */
export async function withTagLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(() => auditStore().withTagLock(key, tagLockTimeoutMs(), fn));
  queues.set(key, current);
  try {
    return await current;
  } finally {
    if (queues.get(key) === current) queues.delete(key);
  }
}

/** Runs `fn` only when no push to the tag `key` is running anywhere; undefined without waiting otherwise. */
export async function ifTagFree<T>(key: string, fn: () => Promise<T>): Promise<T | undefined> {
  if (queues.has(key)) return undefined;
  return auditStore().ifTagFree(key, fn);
}

/** Pushes queued or running in this process: what a graceful shutdown waits for. */
export function tagLocksInUse(): number {
  return queues.size;
}
