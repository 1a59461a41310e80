import 'server-only';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { logger } from '@/lib/observability/logger';
import {
  TagLockTimeout,
  toHistoryEntry,
  type AuditStore,
  type HistoryRow,
  type PendingRecord,
  type PushRecord,
  type RecordedManifest,
  type SettledState,
} from './store';
import { targetKeyOf } from './target-key';

/*
 * The audit log in PostgreSQL, for several replicas: every replica writes the same table, and the tag lock is a
 * session advisory lock, so it spans replicas and is released by PostgreSQL itself when a replica dies.
 */

/*
 * Schema migrations, applied in order inside one transaction and counted in archway_migrations. Append only:
 * never edit a migration that has shipped.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE pushes (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL,
     "user" text NOT NULL,
     action text NOT NULL CHECK (action IN ('push', 'revert')),
     target text NOT NULL,
     state text NOT NULL CHECK (state IN ('pending', 'completed', 'failed')),
     settled_at timestamptz,
     before_digest text,
     before_media_type text,
     before_bytes bytea,
     after_digest text NOT NULL,
     after_media_type text NOT NULL,
     after_bytes bytea NOT NULL
   );
   CREATE INDEX pushes_by_target ON pushes (target, id);
   CREATE INDEX pushes_pending ON pushes (id) WHERE state = 'pending';`,
  // The registry identity a push used, beside the person; NULL: anonymous, or recorded before it was kept.
  `ALTER TABLE pushes ADD COLUMN registry_user text;`,
  // The tag as the registry stores it (target-key.ts), which history and revert look up; `target` stays as typed.
  // Rows written before, or by a replica still running the version before during a rolling upgrade, are keyed by
  // keyUnkeyedRows after the migration and before each read.
  `ALTER TABLE pushes ADD COLUMN target_key text;
   CREATE INDEX pushes_by_target_key ON pushes (target_key, id);
   CREATE INDEX pushes_unkeyed ON pushes (id) WHERE target_key IS NULL;`,
];

/** Replicas starting together take turns migrating (a transaction-scoped advisory lock on this constant). */
const MIGRATION_LOCK = '7204861515120731';
/** PostgreSQL's code for a lock wait cut short by lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

export type PostgresStoreOptions = { url: string; poolSize: number; lockWaitMs: number };

/** The advisory lock number of a tag: 64 bits of the key's SHA-256, so any key length fits and collisions do not happen in practice. */
export function advisoryLockId(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}

/** Opens a pool; the schema is migrated before the first query runs (and again after a failed attempt). */
export function openPostgresStore(options: PostgresStoreOptions): AuditStore {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize, connectionTimeoutMillis: 5000 });
  // A push keeps a connection for as long as it holds its tag's lock: those come from a pool of their own, so
  // many pushes to different tags can never take the connections their own records need.
  const locks = new pg.Pool({ connectionString: options.url, max: options.poolSize, connectionTimeoutMillis: options.lockWaitMs });
  // An idle connection dropped by the server (restart, failover) is reported here; without a listener Node exits.
  for (const p of [pool, locks]) p.on('error', (err) => logger.warn({ err: describe(err) }, 'audit database connection lost; the pool reconnects'));

  let migrated: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    // Keying runs after the migration's commit, in transactions of its own: the migration's ALTER TABLE holds the
    // table's strongest lock until then, and every replica's pushes would wait out a long backfill.
    migrated ??= migrate(pool).then(() => keyUnkeyedRows(pool)).catch((err: unknown) => {
      migrated = undefined;
      throw err;
    });
    return migrated;
  };
  // Before a read: rows a replica on the version before wrote since are keyed, so every spelling finds them.
  const keyed = async (): Promise<void> => {
    await ready();
    await keyUnkeyedRows(pool);
  };
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> => {
    await ready();
    return pool.query<R>(text, values);
  };

  return {
    kind: 'postgres',
    async begin(record: PushRecord) {
      const result = await query<{ id: string }>(
        `INSERT INTO pushes (at, "user", action, target, state, before_digest, before_media_type, before_bytes,
                             after_digest, after_media_type, after_bytes, registry_user, target_key)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          record.at ?? new Date(),
          record.user,
          record.action,
          record.target,
          record.before?.digest ?? null,
          record.before?.mediaType ?? null,
          record.before ? Buffer.from(record.before.bytes) : null,
          record.after.digest,
          record.after.mediaType,
          Buffer.from(record.after.bytes),
          record.registryUser ?? null,
          targetKeyOf(record.target),
        ],
      );
      return Number(result.rows[0]!.id);
    },
    async settle(id: number, state: SettledState) {
      await query(`UPDATE pushes SET state = $2, settled_at = now() WHERE id = $1`, [id, state]);
    },
    async settleIfPending(id: number, state: SettledState) {
      const result = await query(`UPDATE pushes SET state = $2, settled_at = now() WHERE id = $1 AND state = 'pending'`, [id, state]);
      return (result.rowCount ?? 0) > 0;
    },
    async pending(target?: string) {
      await keyed();
      const result = await query<{ id: string; target: string; after: string; at: Date }>(
        `SELECT id, target, after_digest AS after, at FROM pushes
         WHERE state = 'pending' AND ($1::text IS NULL OR target_key = $1) ORDER BY id`,
        [target === undefined ? null : targetKeyOf(target)],
      );
      return result.rows.map((row): PendingRecord => ({ id: Number(row.id), target: row.target, after: row.after, at: row.at.toISOString() }));
    },
    async history(target: string) {
      await keyed();
      const result = await query<HistoryRow>(
        `SELECT id, at, "user", registry_user, action, target, state, before_digest, after_digest, after_media_type
         FROM pushes WHERE target_key = $1 ORDER BY id DESC`,
        [targetKeyOf(target)],
      );
      return result.rows.map(toHistoryEntry);
    },
    async findManifest(target: string, digest: string): Promise<RecordedManifest | null> {
      await keyed();
      const result = await query<{ media_type: string; bytes: Buffer }>(
        `(SELECT after_media_type AS media_type, after_bytes AS bytes FROM pushes WHERE target_key = $1 AND after_digest = $2 LIMIT 1)
         UNION ALL
         (SELECT before_media_type, before_bytes FROM pushes WHERE target_key = $1 AND before_digest = $2 LIMIT 1)
         LIMIT 1`,
        [targetKeyOf(target), digest],
      );
      const row = result.rows[0];
      return row ? { digest, mediaType: row.media_type, bytes: new Uint8Array(row.bytes) } : null;
    },
    async withTagLock(key, timeoutMs, fn) {
      await ready();
      const lockId = advisoryLockId(key);
      // A session lock lives on one connection: the push keeps it checked out until the lock is released.
      const client = await locks.connect();
      try {
        await client.query(`SELECT set_config('lock_timeout', $1, false)`, [`${timeoutMs}ms`]);
        await client.query('SELECT pg_advisory_lock($1)', [lockId]);
      } catch (err) {
        client.release(true);
        if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new TagLockTimeout(key, timeoutMs);
        throw err;
      }
      return holdingLock(client, lockId, fn);
    },
    async ifTagFree(key, fn) {
      await ready();
      const lockId = advisoryLockId(key);
      const client = await locks.connect();
      let isLocked: boolean;
      try {
        isLocked = (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [lockId])).rows[0]!.locked;
      } catch (err) {
        client.release(true);
        throw err;
      }
      if (!isLocked) {
        client.release();
        return undefined;
      }
      return holdingLock(client, lockId, fn);
    },
    async ping() {
      await query('SELECT 1');
    },
    async close() {
      await Promise.all([pool.end(), locks.end()]);
    },
  };
}

/** Runs `fn`, then gives the lock back; a connection that cannot unlock is discarded, which unlocks it too. */
async function holdingLock<T>(client: pg.PoolClient, lockId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [lockId]).then(
      () => client.release(),
      (err: Error) => client.release(err),
    );
  }
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS archway_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM archway_migrations');
    const version = rows[0]?.version ?? 0;
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index < version) continue;
      await client.query(sql);
      await client.query('INSERT INTO archway_migrations (version) VALUES ($1)', [index + 1]);
    }
    await client.query('COMMIT');
    if (version < MIGRATIONS.length) logger.info({ from: version, to: MIGRATIONS.length }, 'audit database migrated');
    client.release();
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw err;
  }
}

/** Rows keyed per statement: one round trip keys a batch, and no statement holds many row locks for long. */
const KEYING_BATCH = 500;

/**
 * Keys the rows that have no target_key (written before it existed, or by a replica on the version before): the key
 * is computed here, not in SQL. With none to key, one look at an empty partial index (pushes_unkeyed).
 */
async function keyUnkeyedRows(pool: pg.Pool): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ id: string; target: string }>('SELECT id, target FROM pushes WHERE target_key IS NULL ORDER BY id LIMIT $1', [KEYING_BATCH]);
    if (rows.length === 0) return;
    await pool.query(
      `UPDATE pushes SET target_key = keyed.key FROM unnest($1::bigint[], $2::text[]) AS keyed(id, key)
       WHERE pushes.id = keyed.id AND pushes.target_key IS NULL`,
      [rows.map((row) => row.id), rows.map((row) => targetKeyOf(row.target))],
    );
    if (rows.length < KEYING_BATCH) return;
  }
}

/** An error's code and message for the log; a pg error can carry the query's parameters, never logged. */
function describe(err: unknown): { code?: string; message: string } {
  const e = err as { code?: string; message?: string };
  return { code: e?.code, message: e?.message ?? String(err) };
}
