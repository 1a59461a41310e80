import 'server-only';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { HistoryEntry } from '@/lib/api/push';
import { ensurePrivateFile } from '@/lib/server/private-files';
import { targetKeyOf } from './target-key';
import { toHistoryEntry, type AuditStore, type HistoryRow, type PendingRecord, type PushRecord, type RecordedManifest, type SettledState } from './store';

/** The SQLite file inside the data folder. */
const DB_FILE = 'archway.sqlite';

/*
 * Schema migrations, applied in order and counted by `PRAGMA user_version`, so an old data folder is upgraded in
 * place and never rewritten from scratch. Append only: never edit a migration that has shipped.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE pushes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     user TEXT NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('push', 'revert')),
     target TEXT NOT NULL,
     before_digest TEXT,
     before_media_type TEXT,
     before_bytes BLOB,
     after_digest TEXT NOT NULL,
     after_media_type TEXT NOT NULL,
     after_bytes BLOB NOT NULL
   );
   CREATE INDEX pushes_by_target ON pushes (target, id);`,
  // Write-ahead records: rows written before this migration were written after their push succeeded.
  `ALTER TABLE pushes ADD COLUMN state TEXT NOT NULL DEFAULT 'completed' CHECK (state IN ('pending', 'completed', 'failed'));
   ALTER TABLE pushes ADD COLUMN settled_at TEXT;
   CREATE INDEX pushes_pending ON pushes (state) WHERE state = 'pending';`,
  // The registry identity a push used, beside the person; NULL: anonymous, or recorded before it was kept.
  `ALTER TABLE pushes ADD COLUMN registry_user TEXT;`,
  // The tag as the registry stores it (target-key.ts), which history and revert look up; `target` stays as typed.
  // Rows written before are keyed by keyUnkeyedRows.
  `ALTER TABLE pushes ADD COLUMN target_key TEXT;
   CREATE INDEX pushes_by_target_key ON pushes (target_key, id);`,
];

/** Opens (creating folder and file on first use) the audit log in `dataDir`, migrated to the current schema. */
export function openSqliteStore(dataDir: string): AuditStore {
  const file = path.join(dataDir, DB_FILE);
  // The history names people and holds every pushed manifest: readable by the server's user only.
  ensurePrivateFile(file);
  const db = new Database(file);
  // WAL lets history reads run while a push is being recorded; the timeout covers a second process on the file.
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  keyUnkeyedRows(db);

  const insert = db.prepare(
    `INSERT INTO pushes (at, user, registry_user, action, target, target_key, state, before_digest, before_media_type, before_bytes,
                         after_digest, after_media_type, after_bytes)
     VALUES (@at, @user, @registryUser, @action, @target, @targetKey, 'pending', @beforeDigest, @beforeMediaType, @beforeBytes,
             @afterDigest, @afterMediaType, @afterBytes)`,
  );
  const settle = db.prepare(`UPDATE pushes SET state = @state, settled_at = @now WHERE id = @id`);
  const settleIfPending = db.prepare(`UPDATE pushes SET state = @state, settled_at = @now WHERE id = @id AND state = 'pending'`);
  const history = db.prepare(
    `SELECT id, at, user, registry_user, action, target, state, before_digest, after_digest, after_media_type
     FROM pushes WHERE target_key = ? ORDER BY id DESC`,
  );
  const pendingAll = db.prepare(`SELECT id, target, after_digest AS after, at FROM pushes WHERE state = 'pending' ORDER BY id`);
  const pendingOf = db.prepare(`SELECT id, target, after_digest AS after, at FROM pushes WHERE state = 'pending' AND target_key = ? ORDER BY id`);
  const findManifest = db.prepare(
    `SELECT after_media_type AS mediaType, after_bytes AS bytes FROM pushes WHERE target_key = @key AND after_digest = @digest
     UNION ALL
     SELECT before_media_type, before_bytes FROM pushes WHERE target_key = @key AND before_digest = @digest
     LIMIT 1`,
  );

  return {
    kind: 'sqlite',
    async begin(record: PushRecord) {
      const result = insert.run({
        at: (record.at ?? new Date()).toISOString(),
        user: record.user,
        registryUser: record.registryUser ?? null,
        action: record.action,
        target: record.target,
        targetKey: targetKeyOf(record.target),
        beforeDigest: record.before?.digest ?? null,
        beforeMediaType: record.before?.mediaType ?? null,
        beforeBytes: record.before ? Buffer.from(record.before.bytes) : null,
        afterDigest: record.after.digest,
        afterMediaType: record.after.mediaType,
        afterBytes: Buffer.from(record.after.bytes),
      });
      return Number(result.lastInsertRowid);
    },
    async settle(id: number, state: SettledState) {
      settle.run({ id, state, now: new Date().toISOString() });
    },
    async settleIfPending(id: number, state: SettledState) {
      return settleIfPending.run({ id, state, now: new Date().toISOString() }).changes > 0;
    },
    async pending(target?: string) {
      return (target === undefined ? pendingAll.all() : pendingOf.all(targetKeyOf(target))) as PendingRecord[];
    },
    async history(target: string): Promise<HistoryEntry[]> {
      return (history.all(targetKeyOf(target)) as HistoryRow[]).map(toHistoryEntry);
    },
    async findManifest(target: string, digest: string): Promise<RecordedManifest | null> {
      const row = findManifest.get({ key: targetKeyOf(target), digest }) as { mediaType: string; bytes: Buffer } | undefined;
      return row ? { digest, mediaType: row.mediaType, bytes: new Uint8Array(row.bytes) } : null;
    },
    // One process owns an embedded file: the in-process queue (tag-lock.ts) is the whole lock.
    withTagLock: (_key, _timeoutMs, fn) => fn(),
    ifTagFree: (_key, fn) => fn(),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      db.close();
    },
  };
}

/** Keys the rows written before target_key existed: the key is computed here, not in SQL. */
function keyUnkeyedRows(db: Database.Database): void {
  const unkeyed = db.prepare(`SELECT id, target FROM pushes WHERE target_key IS NULL`).all() as { id: number; target: string }[];
  if (unkeyed.length === 0) return;
  const setKey = db.prepare(`UPDATE pushes SET target_key = ? WHERE id = ?`);
  db.transaction(() => {
    for (const row of unkeyed) setKey.run(targetKeyOf(row.target), row.id);
  })();
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.slice(version);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const sql of pending) db.exec(sql);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}
