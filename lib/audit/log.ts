import 'server-only';
import { dataDir } from '@/lib/server/data-dir';
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { AuditStore } from './store';

export type { AuditStore, PendingRecord, PushRecord, RecordedManifest, SettledState } from './store';

/*
 * The audit log of this process: PostgreSQL when ARCHWAY_DATABASE_URL is set (every replica shares it), else the
 * embedded SQLite file in ARCHWAY_DATA_DIR. One store per configuration, opened on first use.
 */

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_TAG_LOCK_TIMEOUT_MS = 60_000;

const globalForStores = globalThis as typeof globalThis & { __archwayAuditStores?: Map<string, AuditStore> };

export { dataDir };

/** The audit store the environment asks for, opened once and shared by every request. */
export function auditStore(env: Record<string, string | undefined> = process.env): AuditStore {
  const stores = (globalForStores.__archwayAuditStores ??= new Map());
  const url = env.ARCHWAY_DATABASE_URL?.trim();
  const key = url ? `postgres ${url}` : `sqlite ${dataDir(env)}`;
  let store = stores.get(key);
  if (!store) {
    store = url ? openPostgresStore({ url: checkedUrl(url), poolSize: poolSize(env), lockWaitMs: tagLockTimeoutMs(env) }) : openSqliteStore(dataDir(env));
    stores.set(key, store);
  }
  return store;
}

/** Closes every open store (tests switch data folders and databases; shutdown closes the pool). */
export async function closeAuditStores(): Promise<void> {
  const stores = globalForStores.__archwayAuditStores;
  if (!stores) return;
  const open = [...stores.values()];
  stores.clear();
  await Promise.all(open.map((store) => store.close()));
}

function checkedUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('ARCHWAY_DATABASE_URL must be a postgres:// URL, e.g. postgres://archway:PASSWORD@db:5432/archway');
  }
  return url;
}

function poolSize(env: Record<string, string | undefined>): number {
  return positiveNumber(env, 'ARCHWAY_DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE);
}

/** How long a push waits for another push to the same tag: `ARCHWAY_TAG_LOCK_TIMEOUT_MS`. */
export function tagLockTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  return positiveNumber(env, 'ARCHWAY_TAG_LOCK_TIMEOUT_MS', DEFAULT_TAG_LOCK_TIMEOUT_MS);
}

function positiveNumber(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}".`);
  return value;
}
