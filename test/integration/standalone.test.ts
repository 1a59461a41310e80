import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspectResponse } from '@/lib/api/inspect';
import { createRegistryClient } from '@/lib/registry/client';
import { buildIfStale } from '@/scripts/lib/next-app';
import { freePort, startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo } from '@/scripts/lib/seed';
import { deployStandalone } from '@/scripts/lib/standalone';

/*
 * What the container image runs, without a container engine: the standalone output copied alone into an empty
 * folder, read-only, started as an unprivileged user with only ARCHWAY_DATA_DIR writable, against a real registry.
 * Then the smoke end-to-end spec runs in Chromium against the same deployed form (e2e-server's standalone mode).
 */

const ROOT = path.resolve(__dirname, '../..');
let workDir: string;
let registry: RunningRegistry;
let server: Awaited<ReturnType<typeof deployStandalone>>;
let golang: string;

beforeAll(async () => {
  await buildIfStale();
  workDir = mkdtempSync(path.join(tmpdir(), 'archway-standalone-'));
  registry = await startRegistry();
  const seed = await seedDemo(createRegistryClient(registry.host, { insecure: true }), { only: ['golang'] });
  golang = seed.references.golang;
  server = await deployStandalone({ workDir, dataDir: path.join(workDir, 'data'), port: await freePort() });
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await registry?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the standalone server, deployed read-only as an unprivileged user', () => {
  it('needs nothing from the project folder: no source, no node_modules of its own', () => {
    expect(readdirSync(server.appDir).sort()).toEqual(expect.arrayContaining(['.next', 'node_modules', 'package.json', 'public', 'server.js']));
    expect(existsSync(path.join(server.appDir, 'lib'))).toBe(false);
    expect(existsSync(path.join(server.appDir, 'app'))).toBe(false);
  });

  it('cannot write its own folder, as the user it runs as', () => {
    const probe = path.join(server.appDir, 'probe');
    if (server.isUnprivileged) {
      const write = spawnSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(probe)}, 'x')`], { uid: 65534, gid: 65534 });
      expect(write.status).not.toBe(0);
    } else {
      expect(() => writeFileSync(probe, 'x')).toThrow();
    }
  });

  it('is healthy, with its audit log in the writable data folder', async () => {
    const response = await fetch(`${server.url}/api/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { audit: { status: 'ok', store: 'sqlite' }, shutdown: { status: 'ok' } } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(existsSync(path.join(workDir, 'data', 'archway.sqlite'))).toBe(true);
  });

  it('inspects a list on a real registry and renders its page', async () => {
    const response = await fetch(`${server.url}/api/v1/inspect?ref=${encodeURIComponent(golang)}`);
    expect(response.status).toBe(200);
    const body = InspectResponse.parse(await response.json());
    expect(body.entries.length).toBeGreaterThanOrEqual(6);
    const page = await fetch(`${server.url}/inspect/${golang}`);
    expect(page.status).toBe(200);
  });

  it('shares a rendered page: the server asks itself for it where it listens, and keeps it', async () => {
    // Noted, rendered to keep, then twice from memory.
    for (let i = 0; i < 4; i++) expect((await fetch(`${server.url}/inspect/${golang}`, { headers: { accept: 'text/html' } })).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const count = (outcome: string) => Number(new RegExp(`^archway_page_cache_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
    expect(count('render')).toBe(1);
    expect(count('hit')).toBe(2);
    expect(count('failed')).toBe(0);
  });

  it('writes one JSON log line per API request, with its id and no credentials', async () => {
    await fetch(`${server.url}/api/v1/health`, { headers: { 'x-request-id': 'probe-42', authorization: 'Bearer secret-token' } });
    // The line is written before the answer is sent, but the pipe may deliver it to this process after the answer.
    while (!server.output().includes('"probe-42"')) await new Promise((resolve) => setTimeout(resolve, 20));
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ requestId: 'probe-42', route: '/api/v1/health', status: 200, registryCalls: 0, msg: 'request' }));
    expect(lines.find((l) => l.route === '/api/v1/inspect')).toMatchObject({ status: 200, registryCalls: expect.any(Number) });
    expect((lines.find((l) => l.route === '/api/v1/inspect')?.registryCalls as number) > 0).toBe(true);
    expect(server.output()).not.toContain('secret-token');
  });

  it('passes the smoke end-to-end spec in Chromium', () => {
    // Its own artifacts folder: traces written under the project's shared .test-output went missing mid-run.
    const run = spawnSync(path.join(ROOT, 'node_modules/.bin/playwright'), ['test', 'e2e/smoke.spec.ts', '--reporter=json', '--output', path.join(workDir, 'playwright-artifacts')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ARCHWAY_E2E_STANDALONE: '1', ARCHWAY_E2E_ENV_FILE: path.join(workDir, 'e2e-environment.json')},
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.status, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`).toBe(0);
    expect(run.stdout).toMatch(/"expected": 2/);
    expect(run.stdout).toMatch(/"unexpected": 0/);
  }, 300_000);
});
