import type { HistoryAction, HistoryEntry, HistoryState } from '@/lib/api/push';

/*
 * What the audit log needs from a database, whichever it is: the embedded SQLite (one replica, zero
 * configuration) or PostgreSQL (several replicas share it). Both stores pass the same suite (store.suite.ts).
 */

/** A manifest exactly as pushed or replaced: the bytes are what the digest was computed over. */
export type RecordedManifest = { digest: string; mediaType: string; bytes: Uint8Array };

/** A push about to move a tag: written (as `pending`) before the list's PUT. */
export type PushRecord = {
  /** The person: a verified identity or `anonymous` (lib/auth/identity.ts). */
  user: string;
  /** The registry user the push acted as (their own sign-in or the shared account); null when anonymous. */
  registryUser?: string | null;
  action: HistoryAction;
  /** The tag reference as typed, defaults filled in, e.g. `127.0.0.1:5000/demo/app:1.0`; filed under its key (target-key.ts). */
  target: string;
  /** What the tag pointed to before; null when the tag was new. */
  before: RecordedManifest | null;
  after: RecordedManifest;
  at?: Date;
};

/** A record still waiting for its outcome. */
export type PendingRecord = { id: number; target: string; after: string; at: string };

export type SettledState = Exclude<HistoryState, 'pending'>;

export type AuditStore = {
  readonly kind: 'sqlite' | 'postgres';
  /** Records a push as pending and returns its id. */
  begin(record: PushRecord): Promise<number>;
  /** Sets the outcome the push itself saw; it overrides any settlement made meanwhile by reading the tag. */
  settle(id: number, state: SettledState): Promise<void>;
  /** Sets the outcome only if the record is still pending (settlement by reading the tag); true when it did. */
  settleIfPending(id: number, state: SettledState): Promise<boolean>;
  /** Pending records, oldest first: of one tag (any spelling), or all. */
  pending(target?: string): Promise<PendingRecord[]>;
  /** Every push recorded for a tag, whichever spelling of it each was typed with, newest first. */
  history(target: string): Promise<HistoryEntry[]>;
  /** The exact bytes of a digest the tag pointed to at some time (before or after a recorded push), or null. */
  findManifest(target: string, digest: string): Promise<RecordedManifest | null>;
  /**
   * Runs `fn` holding the tag's lock across every process sharing this store (waits up to `timeoutMs`, then
   * throws TagLockTimeout). The embedded store serves one process, so it only runs `fn`.
   */
  withTagLock<T>(key: string, timeoutMs: number, fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` if no process holds the tag's lock right now, else returns undefined without waiting. */
  ifTagFree<T>(key: string, fn: () => Promise<T>): Promise<T | undefined>;
  /** Throws unless the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

/** Another push held the tag's lock for longer than the wait allowed. */
export class TagLockTimeout extends Error {
  constructor(readonly key: string, readonly timeoutMs: number) {
    super(`another push to ${key} has held it for more than ${timeoutMs} ms (ARCHWAY_TAG_LOCK_TIMEOUT_MS)`);
    this.name = 'TagLockTimeout';
  }
}

/** A stored row as both stores read it, before it becomes the API's HistoryEntry. */
export type HistoryRow = {
  id: number | string;
  at: string | Date;
  user: string;
  registry_user: string | null;
  action: HistoryAction;
  target: string;
  state: HistoryState;
  before_digest: string | null;
  after_digest: string;
  after_media_type: string;
};

/** One history row in the API's shape (PostgreSQL gives bigint ids as strings and times as Dates). */
export function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    id: Number(row.id),
    at: row.at instanceof Date ? row.at.toISOString() : row.at,
    user: row.user,
    registryUser: row.registry_user,
    action: row.action,
    target: row.target,
    state: row.state,
    before: row.before_digest,
    after: row.after_digest,
    mediaType: row.after_media_type,
  };
}
