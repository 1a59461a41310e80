import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryResponse, PushResponse, type HistoryEntry, type PushRequest } from '@/lib/api/push';
import { createRegistryClient } from '@/lib/registry/client';
import { buildIfStale, startNext, type RunningNext } from '@/scripts/lib/next-app';
import { startPostgres, type RunningPostgres } from '@/scripts/lib/postgres-process';
import { freePort, startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { startRoundRobinProxy, type RoundRobinProxy } from '@/test/support/round-robin-proxy';

/*
 * Two Archway replicas (the built server) sharing one real PostgreSQL, behind a round-robin proxy, as a team runs
 * them behind a load balancer: history and the tag lock work through any replica, one replica can die, and the
 * database can go away and come back. Everything is started once for the file; the kill comes last.
 */

let postgres: RunningPostgres;
let registry: RunningRegistry;
let seed: SeedResult<'x8664' | 'arm64v8'>;
let workDir: string;
let replicas: [RunningNext, RunningNext];
let balancer: RoundRobinProxy;

beforeAll(async () => {
  await buildIfStale();
  workDir = mkdtempSync(path.join(tmpdir(), 'archway-replicas-'));
  mkdirSync(path.join(workDir, 'docker'));
  [postgres, registry] = await Promise.all([startPostgres(), startRegistry()]);
  seed = await seedDemo(createRegistryClient(registry.host, { insecure: true }), { only: ['x8664', 'arm64v8'] });
  const env = (name: string) => ({
    ARCHWAY_DATABASE_URL: postgres.url,
    // Never used with PostgreSQL: separate folders prove nothing is shared through the file system.
    ARCHWAY_DATA_DIR: path.join(workDir, name),
    DOCKER_CONFIG: path.join(workDir, 'docker'),
  });
  replicas = [await startNext({ port: await freePort(), env: env('a') }), await startNext({ port: await freePort(), env: env('b') })];
  balancer = await startRoundRobinProxy(replicas.map((r) => r.url));
}, 600_000);

afterAll(async () => {
  await balancer?.stop();
  await Promise.all((replicas ?? []).map((r) => r.stop()));
  await Promise.all([postgres?.stop(), registry?.stop()]);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function request(tag: string, base: string | null, which: 'both' | 'x8664' = 'both'): PushRequest {
  const manifests = which === 'both' ? [{ source: seed.references.x8664 }, { source: seed.references.arm64v8 }] : [{ source: seed.references.x8664 }];
  return { target: `${registry.host}/demo/replicated:${tag}`, base, manifests };
}

function push(url: string, body: PushRequest): Promise<Response> {
  return fetch(`${url}/api/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function history(url: string, target: string): Promise<HistoryEntry[]> {
  const response = await fetch(`${url}/api/v1/history?ref=${encodeURIComponent(target)}`);
  expect(response.status).toBe(200);
  return HistoryResponse.parse(await response.json()).entries;
}

async function tagDigest(tag: string): Promise<string | null> {
  return (await createRegistryClient(registry.host, { insecure: true }).headManifest('demo/replicated', tag))?.digest ?? null;
}

const health = async (url: string) => (await fetch(`${url}/api/v1/health`)).status;

describe('two replicas sharing PostgreSQL', () => {
  it('shows a push made through one replica in the history read through the other', async () => {
    const [a, b] = replicas;
    const response = await push(a.url, request('one', null));
    expect(response.status).toBe(200);
    const pushed = PushResponse.parse(await response.json());
    expect(await history(b.url, pushed.target)).toMatchObject([{ after: pushed.digest, before: null, state: 'completed', action: 'push' }]);
  });

  it('lets exactly one of 20 concurrent pushes from one base through, whichever replicas they reach', async () => {
    const base = PushResponse.parse(await (await push(balancer.url, request('race', null))).json());
    const before = new Map(balancer.answered);
    const responses = await Promise.all(Array.from({ length: 20 }, () => push(balancer.url, request('race', base.digest, 'x8664'))));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(19).fill(409)]);
    for (const replica of replicas) expect(balancer.answered.get(replica.url)! - before.get(replica.url)!).toBeGreaterThanOrEqual(5);
    const winner = PushResponse.parse(await responses.find((r) => r.status === 200)!.json());
    expect(await tagDigest('race')).toBe(winner.digest);
    const entries = await history(balancer.url, winner.target);
    expect(entries.map((e) => [e.before, e.after, e.state])).toEqual([
      [base.digest, winner.digest, 'completed'],
      [null, base.digest, 'completed'],
    ]);
  });

  it('answers 503 on health while PostgreSQL is down, and 200 once it is back', async () => {
    expect(await Promise.all(replicas.map((r) => health(r.url)))).toEqual([200, 200]);
    await postgres.pause();
    try {
      expect(await Promise.all(replicas.map((r) => health(r.url)))).toEqual([503, 503]);
      const body = (await (await fetch(`${replicas[0].url}/api/v1/health`)).json()) as { checks: { audit: { status: string } } };
      expect(body.checks.audit.status).toBe('failing');
    } finally {
      await postgres.start();
    }
    expect(await Promise.all(replicas.map((r) => health(r.url)))).toEqual([200, 200]);
  });

  it('keeps serving through the other replica when one is killed mid-run, with every tag’s history consistent', async () => {
    const [a, b] = replicas;
    const limit = pLimit(4);
    let answered = 0;
    const tags = Array.from({ length: 12 }, (_, i) => `killed-${i}`);
    const outcomes = await Promise.all(
      tags.map((tag, i) =>
        limit(async () => {
          const response = await push(balancer.url, request(tag, null, i % 2 ? 'x8664' : 'both')).catch((err: Error) => err);
          // The kill comes after a few answers, while other pushes are in flight on both replicas.
          if (++answered === 3) process.kill(a.pid, 'SIGKILL');
          return response instanceof Response ? response.status : 0;
        }),
      ),
    );
    expect(await a.exited).toBe('SIGKILL');
    expect(outcomes.filter((status) => status === 200).length).toBeGreaterThanOrEqual(6);

    expect(await health(b.url)).toBe(200);
    for (const tag of tags) {
      const target = `${registry.host}/demo/replicated:${tag}`;
      // Read through the survivor: pending records A left are settled by reading the tag, with A's locks gone.
      const entries = await history(b.url, target);
      expect(entries.filter((e) => e.state === 'pending'), target).toEqual([]);
      const current = await tagDigest(tag);
      const landed = entries.filter((e) => e.state === 'completed');
      expect(landed[0]?.after ?? null, `${target}: the tag and its last completed push agree`).toBe(current);
    }
    // The survivor still pushes.
    expect((await push(balancer.url, request('after-kill', null))).status).toBe(200);
  });
});
