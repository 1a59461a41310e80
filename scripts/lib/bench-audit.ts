import path from 'node:path';
import type { PushRequest } from '@/lib/api/push';
import { startNext, type RunningNext } from './next-app';
import { startPostgres } from './postgres-process';
import { freePort } from './registry-process';
import { seedDemo, type SeedClient } from './seed';

/*
 * What the shared store costs: the same pushes and history reads through one Archway on the embedded SQLite and
 * one on PostgreSQL (a local throw-away cluster, so the figures are the store's work, not a network's), side by
 * side. Each push moves one tag between two lists, so every push does the same registry work (mounts answer
 * "already there", the children are re-put by digest, the list is put) plus the write-ahead record.
 */

export type AuditBenchOptions = { registryHost: string; seedClient: SeedClient; workDir: string; dockerConfig: string; pushes: number; reads: number };

type Timings = { push: number[]; history: number[] };

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const cell = (values: number[]) => `${percentile(values, 50).toFixed(1)} ms (p95 ${percentile(values, 95).toFixed(1)})`;

async function timed(run: () => Promise<Response>): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await run();
  const body = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`Archway answered ${response.status}: ${body.slice(0, 300)}`);
  return { ms, body };
}

async function measure(app: RunningNext, target: string, lists: PushRequest['manifests'][], options: AuditBenchOptions): Promise<Timings> {
  const push = (manifests: PushRequest['manifests'], base: string | null) =>
    timed(() => fetch(`${app.url}/api/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target, base, manifests }) }));
  const history = () => timed(() => fetch(`${app.url}/api/v1/history?ref=${encodeURIComponent(target)}`));
  // Warm-up: first requests load the routes and open the store; not what is measured.
  let base = (JSON.parse((await push(lists[0]!, null)).body) as { digest: string }).digest;
  await history();
  const timings: Timings = { push: [], history: [] };
  for (let i = 1; i <= options.pushes; i++) {
    const { ms, body } = await push(lists[i % 2]!, base);
    base = (JSON.parse(body) as { digest: string }).digest;
    timings.push.push(ms);
  }
  for (let i = 0; i < options.reads; i++) timings.history.push((await history()).ms);
  return timings;
}

/** Runs the comparison and returns the lines to print. */
export async function benchAuditStores(options: AuditBenchOptions): Promise<string[]> {
  const seed = await seedDemo(options.seedClient, { namespace: 'bench/audit', salt: `audit-${Date.now()}`, only: ['x8664', 'arm64v8'] });
  const lists: PushRequest['manifests'][] = [
    [{ source: seed.references.x8664 }, { source: seed.references.arm64v8 }],
    [{ source: seed.references.arm64v8 }, { source: seed.references.x8664 }],
  ];
  const postgres = await startPostgres();
  const results: Record<'SQLite' | 'PostgreSQL', Timings> = { SQLite: { push: [], history: [] }, PostgreSQL: { push: [], history: [] } };
  try {
    for (const [store, env] of [
      ['SQLite', { ARCHWAY_DATA_DIR: path.join(options.workDir, 'audit-sqlite') }],
      ['PostgreSQL', { ARCHWAY_DATABASE_URL: postgres.url }],
    ] as const) {
      const app = await startNext({ port: await freePort(), env: { ...env, DOCKER_CONFIG: options.dockerConfig, LOG_LEVEL: 'warn' } });
      try {
        results[store] = await measure(app, `${options.registryHost}/bench/audit/${store.toLowerCase()}:latest`, lists, options);
      } finally {
        await app.stop();
      }
    }
  } finally {
    await postgres.stop();
  }
  const ratio = (key: keyof Timings) => (percentile(results.PostgreSQL[key], 50) / percentile(results.SQLite[key], 50)).toFixed(2);
  return [
    '',
    `Audit store: ${options.pushes} pushes moving one tag, then ${options.reads} reads of its history (${options.pushes + 1} entries); medians`,
    '| | SQLite (embedded) | PostgreSQL (loopback) | PostgreSQL / SQLite |',
    '| --- | --- | --- | --- |',
    `| push (2-entry list, write-ahead record, tag lock) | ${cell(results.SQLite.push)} | ${cell(results.PostgreSQL.push)} | ${ratio('push')}× |`,
    `| history read | ${cell(results.SQLite.history)} | ${cell(results.PostgreSQL.history)} | ${ratio('history')}× |`,
  ];
}
