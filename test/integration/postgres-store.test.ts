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
});
