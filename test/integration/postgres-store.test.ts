import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditStore, closeAuditStores } from '@/lib/audit/log';
import { openPostgresStore } from '@/lib/audit/postgres-store';
import { describeAuditStore } from '@/lib/audit/store-suite';
import { checkHealth } from '@/lib/server/health';
import { startPostgres, type RunningPostgres } from '@/scripts/lib/postgres-process';

// The PostgreSQL store against a real, throw-away PostgreSQL: the same contract as SQLite, plus what only a shared
// server has (a second replica, migrations raced at start, the database going away and coming back).

let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
  process.env.ARCHWAY_DATABASE_URL = postgres.url;
});
afterAll(async () => {
  await closeAuditStores();
  delete process.env.ARCHWAY_DATABASE_URL;
  await postgres?.stop();
});

const otherReplica = () => openPostgresStore({ url: postgres.url, poolSize: 4, lockWaitMs: 10_000 });

describeAuditStore('PostgreSQL', { otherReplica });

describe('PostgreSQL server', () => {
  it('migrates once when replicas start together', async () => {
    const replicas = [otherReplica(), otherReplica(), otherReplica()];
    await Promise.all(replicas.map((replica) => replica.ping()));
    await Promise.all(replicas.map((replica) => replica.close()));
    expect(auditStore().kind).toBe('postgres');
  });

  it('reports unhealthy while the database is down, and healthy again after it is back', async () => {
    expect(await checkHealth()).toMatchObject({ status: 'ok', checks: { audit: { status: 'ok', store: 'postgres' } } });
    await postgres.pause();
    try {
      const down = await checkHealth();
      expect(down.status).toBe('failing');
      expect(down.checks.audit).toMatchObject({ status: 'failing', message: expect.stringContaining('the audit log does not answer') });
    } finally {
      await postgres.start();
    }
    expect((await checkHealth()).status).toBe('ok');
  });

  it('keys the pushes of a database written before history was keyed by tag, and of a replica not yet upgraded', async () => {
    // A database at the schema before target_key (migration 2), holding pushes typed with two spellings: a schema
    // of its own in the test's database, which the stores below see as theirs through search_path.
    const schema = `unkeyed_${Date.now()}`;
    const url = `${postgres.url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const old = new pg.Client({ connectionString: url });
    old.on('error', () => undefined); // the server stopping at the end of the suite ends it too
    await old.connect();
    await old.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema};
      CREATE TABLE archway_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO archway_migrations (version) VALUES (1), (2);
      CREATE TABLE pushes (id bigserial PRIMARY KEY, at timestamptz NOT NULL, "user" text NOT NULL, action text NOT NULL,
        target text NOT NULL, state text NOT NULL, settled_at timestamptz, before_digest text, before_media_type text,
        before_bytes bytea, after_digest text NOT NULL, after_media_type text NOT NULL, after_bytes bytea NOT NULL,
        registry_user text);`);
    const insertOld = `INSERT INTO pushes (at, "user", action, target, state, after_digest, after_media_type, after_bytes)
      VALUES (now(), 'ann', 'push', $1, 'completed', $2, 'x', '\\x7b7d')`;
    await old.query(insertOld, ['127.0.0.1:5000/team/app:1', 'sha256:aa']);
    await old.query(insertOld, ['localhost:5000/team/app:1', 'sha256:bb']);
    const store = openPostgresStore({ url, poolSize: 2, lockWaitMs: 10_000 });
    try {
      expect((await store.history('localhost:5000/team/app:1')).map((e) => [e.after, e.target])).toEqual([
        ['sha256:bb', 'localhost:5000/team/app:1'],
        ['sha256:aa', '127.0.0.1:5000/team/app:1'],
      ]);
      // A replica still on the version before writes no key: the next read keys its push, so every spelling finds it.
      await old.query(insertOld, ['127.0.0.1:5000/team/app:1', 'sha256:cc']);
      expect((await store.history('localhost:5000/team/app:1')).map((e) => e.after)).toEqual(['sha256:cc', 'sha256:bb', 'sha256:aa']);
      await old.query(insertOld, ['127.0.0.1:5000/team/app:1', 'sha256:dd']);
      expect(await store.findManifest('[::1]:5000/team/app:1', 'sha256:dd')).toMatchObject({ mediaType: 'x' });
      expect((await old.query('SELECT count(*)::int AS n FROM pushes WHERE target_key IS NULL')).rows[0]).toEqual({ n: 0 });
    } finally {
      await store.close();
      await old.end();
    }
  });
});
