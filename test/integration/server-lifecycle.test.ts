import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HistoryResponse, PushResponse, type HistoryState, type PushRequest } from '@/lib/api/push';
import { createRegistryClient } from '@/lib/registry/client';
import { buildIfStale, startNext, type RunningNext } from '@/scripts/lib/next-app';
import { freePort, startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { startHoldingProxy, type HeldRequest, type HoldingProxy } from '@/test/support/holding-proxy';

/*
 * The built server's life around a push: killed (SIGKILL) or stopped (SIGTERM) while the registry holds back its
 * answer to the list's PUT. The registry has moved the tag; the audit log must say so once a server reads it again.
 * One registry behind a holding proxy for the file; Archway started per scenario, with the embedded SQLite log.
 */

let registry: RunningRegistry;
let proxy: HoldingProxy;
let seed: SeedResult<'x8664' | 'arm64v8'>;
let workDir: string;
let dataDir: string;
const servers: RunningNext[] = [];

beforeAll(async () => {
  await buildIfStale();
  workDir = mkdtempSync(path.join(tmpdir(), 'archway-lifecycle-'));
  dataDir = path.join(workDir, 'data');
  mkdirSync(path.join(workDir, 'docker'));
  registry = await startRegistry();
  proxy = await startHoldingProxy(registry.url);
  seed = await seedDemo(createRegistryClient(registry.host, { insecure: true }), { only: ['x8664', 'arm64v8'] });
}, 600_000);

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

async function startArchway(env: Record<string, string> = {}): Promise<RunningNext> {
  const server = await startNext({ port: await freePort(), env: { ARCHWAY_DATA_DIR: dataDir, DOCKER_CONFIG: path.join(workDir, 'docker'), ...env } });
  servers.push(server);
  return server;
}

/** A two-platform list pushed to a new tag on the registry behind the proxy (so the proxy sees the list's PUT). */
function pushRequest(repository: string): PushRequest {
  const viaProxy = (reference: string) => reference.replace(registry.host, proxy.host);
  return {
    target: `${proxy.host}/${repository}:latest`,
    base: null,
    manifests: [{ source: viaProxy(seed.references.x8664) }, { source: viaProxy(seed.references.arm64v8) }],
  };
}

function push(server: RunningNext, request: PushRequest): Promise<Response> {
  return fetch(`${server.url}/api/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
}

/** The state the audit file holds for a target, read beside the server (no server needed, none settles it). */
function recordedStates(target: string): HistoryState[] {
  const db = new Database(path.join(dataDir, 'archway.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT state FROM pushes WHERE target = ? ORDER BY id').all(target) as { state: HistoryState }[]).map((r) => r.state);
  } finally {
    db.close();
  }
}

/** Waits until the start-up settlement has written a state other than pending (the test's timeout bounds it). */
async function settledStates(target: string): Promise<HistoryState[]> {
  for (;;) {
    const states = recordedStates(target);
    if (!states.includes('pending')) return states;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for the registry to answer the held PUT; a push that ends before getting there fails the test with its answer. */
async function untilHeld(held: HeldRequest, answer: Promise<unknown>): Promise<number> {
  let isHeld = false;
  const early = answer.then(async (result) => {
    if (isHeld) return new Promise<never>(() => {});
    throw new Error(`the push ended before its list PUT: ${result instanceof Response ? `${result.status} ${await result.clone().text()}` : String(result)}`);
  });
  return Promise.race([held.answered.then((status) => ((isHeld = true), status)), early]);
}

/** One GET over a connection of its own, closed after the answer; rejects when no connection can be made. */
function probeOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, timeout: 2000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy(new Error('no answer in 2 s')));
    request.on('error', reject);
  });
}

async function tagDigest(repository: string): Promise<string | null> {
  return (await createRegistryClient(registry.host, { insecure: true }).headManifest(repository, 'latest'))?.digest ?? null;
}

describe('a server killed while the registry answers the list PUT', () => {
  it('leaves a pending record that the next start settles as completed, since the tag moved', async () => {
    const first = await startArchway();
    const request = pushRequest('demo/killed');
    const held = proxy.holdNext('PUT', /\/demo\/killed\/manifests\/latest$/);
    const answer = push(first, request).catch((err: unknown) => err);
    expect(await untilHeld(held, answer)).toBe(201);
    process.kill(first.pid, 'SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    held.release();
    expect(await answer).toBeInstanceOf(Error);

    expect(await tagDigest('demo/killed')).not.toBeNull();
    expect(recordedStates(request.target)).toEqual(['pending']);
    const second = await startArchway();
    expect(await settledStates(request.target)).toEqual(['completed']);
    const history = HistoryResponse.parse(await (await fetch(`${second.url}/api/v1/history?ref=${encodeURIComponent(request.target)}`)).json());
    expect(history.entries).toMatchObject([{ state: 'completed', after: await tagDigest('demo/killed'), before: null }]);
  });
});

describe('SIGTERM', () => {
  it('lets a push in flight finish and record itself, takes no new connection, then exits', async () => {
    const server = await startArchway();
    const request = pushRequest('demo/drained');
    const held = proxy.holdNext('PUT', /\/demo\/drained\/manifests\/latest$/);
    const answer = push(server, request);
    await untilHeld(held, answer);
    process.kill(server.pid, 'SIGTERM');
    // The listening socket closes at once: a load balancer's next connection goes to another replica. Each probe
    // opens a new connection (agent: false): a kept-alive one, busy with a probe when the server closed, would stay
    // open and keep answering, and the loop would outlast the registry timeout of the held push.
    await expect(
      (async () => {
        for (;;) {
          await probeOnNewConnection(`${server.url}/api/v1/health`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })(),
    ).rejects.toThrow();
    held.release();
    const response = await answer;
    expect(response.status).toBe(200);
    expect(PushResponse.parse(await response.json()).steps.find((s) => s.step === 'record')).toMatchObject({ status: 'done' });
    expect(await server.exited).toBe(143);
    expect(recordedStates(request.target)).toEqual(['completed']);
  });

  it('exits after ARCHWAY_SHUTDOWN_TIMEOUT_MS when a push never finishes; the next start settles it', async () => {
    const server = await startArchway({ ARCHWAY_SHUTDOWN_TIMEOUT_MS: '1000' });
    const request = pushRequest('demo/cut-off');
    const held = proxy.holdNext('PUT', /\/demo\/cut-off\/manifests\/latest$/);
    const answer = push(server, request).catch((err: unknown) => err);
    await untilHeld(held, answer);
    process.kill(server.pid, 'SIGTERM');
    expect(await server.exited).toBe(143);
    expect(await answer).toBeInstanceOf(Error);
    expect(recordedStates(request.target)).toEqual(['pending']);
    held.release();
    await startArchway();
    expect(await settledStates(request.target)).toEqual(['completed']);
  });
});
