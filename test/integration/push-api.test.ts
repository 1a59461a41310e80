import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryApi } from '@/e2e/fixtures/registry';
import { GET as getHistory } from '@/app/api/v1/history/route';
import { POST as postPush } from '@/app/api/v1/push/route';
import { POST as postRevert } from '@/app/api/v1/revert/route';
import { GET as getMetrics } from '@/app/metrics/route';
import { ErrorBody } from '@/lib/api/errors';
import { HistoryResponse, NDJSON_MEDIA_TYPE, PushResponse, PushStreamEvent, RevertResponse, type PushRequest } from '@/lib/api/push';
import { closeAuditStores } from '@/lib/audit/log';
import { getRegistryClient } from '@/lib/registry/client';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { fromPeer } from '@/test/support/api-requests';
import { pushImageMissingALayer } from '@/test/support/broken-source';

/*
 * The push, history and revert route handlers as the browser calls them: JSON and NDJSON answers, HTTP errors
 * for refusals found while planning, in-band errors once a stream has started, and who the audit log records.
 */

let registry: RunningRegistry;
let seed: SeedResult<'x8664' | 'arm64v8'>;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archway-push-api-'));
  process.env.ARCHWAY_DATA_DIR = dataDir;
  process.env.ARCHWAY_USER_HEADER = 'x-forwarded-user';
  process.env.ARCHWAY_TRUSTED_PROXIES = '10.1.0.0/16';
  process.env.ARCHWAY_SESSION_SECRET = 'a-session-secret-of-the-push-api-test-0123456789';
  registry = await startRegistry();
  seed = await seedDemo(getRegistryClient(registry.host), { only: ['x8664', 'arm64v8'] });
});

afterAll(async () => {
  await registry?.stop();
  await closeAuditStores();
  delete process.env.ARCHWAY_DATA_DIR;
  delete process.env.ARCHWAY_USER_HEADER;
  delete process.env.ARCHWAY_TRUSTED_PROXIES;
  delete process.env.ARCHWAY_SESSION_SECRET;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function post(url: string, body: unknown, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`http://localhost${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const history = async (ref: string) => {
  const response = await getHistory(new NextRequest(`http://localhost/api/v1/history?ref=${encodeURIComponent(ref)}`));
  expect(response.status).toBe(200);
  return HistoryResponse.parse(await response.json()).entries;
};

async function readEvents(response: Response): Promise<PushStreamEvent[]> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => PushStreamEvent.parse(JSON.parse(line)));
}

const walkthrough = (target: string): PushRequest => ({
  target,
  base: null,
  manifests: [
    { source: seed.references.x8664 },
    { source: seed.references.arm64v8, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
  ],
});

describe('POST /api/v1/push', () => {
  it('answers the final JSON and records anonymous for a name the browser gives itself', async () => {
    const target = `${registry.host}/demo/json:latest`;
    const response = await postPush(post('/api/v1/push', walkthrough(target), { cookie: 'archway-user=carol', 'x-forwarded-user': 'carol' }));
    expect(response.status).toBe(200);
    const result = PushResponse.parse(await response.json());
    expect(result).toMatchObject({ target, before: null, dryRun: false });
    expect((await getRegistryClient(registry.host).headManifest('demo/json', 'latest'))?.digest).toBe(result.digest);
    const [entry] = await history(target);
    // Neither the old self-declared cookie nor the proxy header from a client that is not a trusted proxy is an identity.
    expect(entry).toMatchObject({ user: 'anonymous', registryUser: null, before: null, after: result.digest, action: 'push' });
  });

  it('streams each step as it happens, then the result, and trusts the header of a trusted proxy for the user', async () => {
    const target = `${registry.host}/demo/stream:latest`;
    const response = await postPush(
      post('/api/v1/push', walkthrough(target), { accept: NDJSON_MEDIA_TYPE, 'x-forwarded-user': 'alice', cookie: 'archway-user=mallory', ...fromPeer('10.1.2.3') }),
    );
    expect(response.headers.get('content-type')).toContain(NDJSON_MEDIA_TYPE);
    const events = await readEvents(response);
    const last = events.at(-1);
    if (last?.type !== 'result') throw new Error(`the stream ended with ${JSON.stringify(last)}`);
    const steps = events.flatMap((e) => (e.type === 'step' ? [e.step] : []));
    expect(steps[0]).toMatchObject({ step: 'check-tag', status: 'running' });
    // Every step goes running → done, and the list is written after every child.
    const indexDone = steps.findIndex((s) => s.step === 'index' && s.status === 'done');
    const lastChild = steps.findLastIndex((s) => s.kind === 'manifest' && s.status === 'done');
    expect(lastChild).toBeGreaterThan(0);
    expect(indexDone).toBeGreaterThan(lastChild);
    expect(last.result.steps.every((s) => s.status === 'done')).toBe(true);
    expect((await history(target))[0]).toMatchObject({ user: 'alice', after: last.result.digest });
  });

  it('sends a failure during the push in-band, naming the step, with the tag untouched', async () => {
    const { reference: source, lostLayer: lost } = await pushImageMissingALayer(registry.host, 'demo/lossy', {
      platform: { os: 'linux', architecture: 'ppc64le' },
      salt: 'api-lost',
      layer: 1,
    });
    const request: PushRequest = { target: `${registry.host}/demo/lossy-list:1`, base: null, manifests: [{ source }] };
    const events = await readEvents(await postPush(post('/api/v1/push', request, { accept: NDJSON_MEDIA_TYPE })));
    const last = events.at(-1);
    if (last?.type !== 'error') throw new Error(`expected an error event, got ${JSON.stringify(last)}`);
    expect(last.error.details).toMatchObject({ step: `blob ${lost}` });
    expect(events.some((e) => e.type === 'step' && e.step.step === `blob ${lost}` && e.step.status === 'failed')).toBe(true);
    expect(await getRegistryClient(registry.host).headManifest('demo/lossy-list', '1')).toBeNull();
  });

  it('answers 409 as HTTP, with where the tag points now', async () => {
    // The tag exists (it holds the x8664 image) while the request says it should not (base: null).
    const target = `${registry.host}/demo/x8664-test:taken`;
    const current = await registryApi(registry.host).copyTag('demo/x8664-test', seed.digests.x8664, 'taken');
    const response = await postPush(post('/api/v1/push', { ...walkthrough(target), dryRun: true }, { accept: NDJSON_MEDIA_TYPE }));
    expect(response.status).toBe(409);
    const body = ErrorBody.parse(await response.json());
    expect(body.error).toMatchObject({ code: 'CONFLICT', details: { current } });
    expect(await getRegistryClient(registry.host).headManifest('demo/x8664-test', 'taken')).toMatchObject({ digest: current });
  });

  it('answers 400 for a body that is not a push request', async () => {
    expect((await postPush(post('/api/v1/push', '{not json'))).status).toBe(400);
    const missing = await postPush(post('/api/v1/push', { target: `${registry.host}/demo/x:1`, manifests: [] }));
    expect(missing.status).toBe(400);
    const digestTarget = await postPush(post('/api/v1/push', { target: `${registry.host}/demo/x@sha256:${'a'.repeat(64)}`, base: null, manifests: [] }));
    expect(ErrorBody.parse(await digestTarget.json()).error.code).toBe('BAD_REQUEST');
    const badSource = await postPush(post('/api/v1/push', { target: `${registry.host}/demo/x:1`, base: null, manifests: [{ source: 'Bad Source' }] }));
    expect(ErrorBody.parse(await badSource.json()).error.code).toBe('INVALID_REFERENCE');
  });
});

describe('requests another site could forge', () => {
  it('refuses a push or revert whose body is not sent as application/json (a cross-site form or no-cors fetch)', async () => {
    const target = `${registry.host}/demo/forged:latest`;
    const forged = await postPush(post('/api/v1/push', walkthrough(target), { 'content-type': 'text/plain' }));
    expect(forged.status).toBe(400);
    expect(ErrorBody.parse(await forged.json()).error.message).toContain('application/json');
    expect(await getRegistryClient(registry.host).headManifest('demo/forged', 'latest')).toBeNull();

    const revert = await postRevert(post('/api/v1/revert', { ref: target, digest: seed.digests.x8664, base: null }, { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(revert.status).toBe(400);
  });
});

describe('GET /api/v1/history and POST /api/v1/revert', () => {
  it('reverts through the API and shows the revert first in the history', async () => {
    const target = `${registry.host}/demo/undo:latest`;
    const first = PushResponse.parse(await (await postPush(post('/api/v1/push', walkthrough(target)))).json());
    const second = PushResponse.parse(
      await (
        await postPush(post('/api/v1/push', { target, base: first.digest, manifests: [{ source: `${registry.host}/demo/undo@${seed.digests.x8664}` }] }))
      ).json(),
    );
    const response = await postRevert(post('/api/v1/revert', { ref: target, digest: first.digest, base: second.digest }, { 'x-forwarded-user': 'bob', ...fromPeer('10.1.2.3') }));
    expect(response.status).toBe(200);
    const reverted = RevertResponse.parse(await response.json());
    expect(reverted).toMatchObject({ digest: first.digest, before: second.digest, restoredFromLog: false });

    const entries = await history(target);
    expect(entries.map((e) => [e.action, e.user, e.after])).toEqual([
      ['revert', 'bob', first.digest],
      ['push', 'anonymous', second.digest],
      ['push', 'anonymous', first.digest],
    ]);
    // The history of a tag is found however its reference is written (defaults filled in, a pinned digest ignored).
    expect(await history(`${registry.host}/demo/undo`)).toHaveLength(3);
    expect(await history(`${registry.host}/demo/undo:latest@${first.digest}`)).toHaveLength(3);
  });

  it('lists a push typed with one spelling of the registry in the history of every other, and reverts it from there', async () => {
    const port = registry.host.slice(registry.host.lastIndexOf(':') + 1);
    const typed = `localhost:${port}/demo/spelt:latest`;
    const first = PushResponse.parse(await (await postPush(post('/api/v1/push', walkthrough(typed)))).json());
    const second = PushResponse.parse(
      await (
        await postPush(post('/api/v1/push', { target: `127.0.0.1:${port}/demo/spelt:latest`, base: first.digest, manifests: [{ source: `${registry.host}/demo/undo@${seed.digests.x8664}` }] }))
      ).json(),
    );
    for (const spelling of [typed, `127.0.0.1:${port}/demo/spelt`, `LOCALHOST:0${port}/demo/spelt:latest`]) {
      expect((await history(spelling)).map((e) => [e.after, e.target])).toEqual([
        [second.digest, `127.0.0.1:${port}/demo/spelt:latest`],
        [first.digest, typed],
      ]);
    }
    const response = await postRevert(post('/api/v1/revert', { ref: `127.0.0.1:${port}/demo/spelt:latest`, digest: first.digest, base: second.digest }));
    expect(response.status).toBe(200);
    expect(RevertResponse.parse(await response.json())).toMatchObject({ digest: first.digest, before: second.digest });
    expect((await history(typed)).map((e) => e.action)).toEqual(['revert', 'push', 'push']);
  });

  it('answers 400 for a history ref that is not a tag reference', async () => {
    const response = await getHistory(new NextRequest('http://localhost/api/v1/history?ref=Not%20A%20Ref'));
    expect(response.status).toBe(400);
  });
});

describe('GET /metrics', () => {
  const scrape = async (headers: Record<string, string> = {}) => getMetrics(new NextRequest('http://localhost/metrics', { headers }));

  it('counts the requests answered, the registry requests they caused, cache use and pushes by outcome', async () => {
    const target = `${registry.host}/demo/metrics:latest`;
    // Both plan from the same (absent) tag; the tag lock lets one through and the other meets the moved tag: 409.
    const responses = await Promise.all([
      postPush(post('/api/v1/push', walkthrough(target), { 'x-request-id': 'metrics-1' })),
      postPush(post('/api/v1/push', { ...walkthrough(target), manifests: walkthrough(target).manifests.slice(0, 1) })),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(responses[0]!.headers.get('x-request-id')).toBe('metrics-1');
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const sample = (name: string) => Number(new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    expect(sample('archway_http_request_duration_seconds_count{route="/api/v1/push",method="POST",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample('archway_http_request_duration_seconds_count{route="/api/v1/push",method="POST",status="409"}')).toBeGreaterThanOrEqual(1);
    expect(sample(`archway_registry_request_duration_seconds_count{registry="${registry.host}",method="PUT",status="201"}`)).toBeGreaterThanOrEqual(1);
    expect(sample(`archway_registry_request_duration_seconds_count{registry="${registry.host}",method="HEAD",status="200"}`)).toBeGreaterThanOrEqual(1);
    expect(sample('archway_pushes_total{outcome="completed"}')).toBeGreaterThanOrEqual(1);
    expect(sample('archway_pushes_total{outcome="conflict"}')).toBeGreaterThanOrEqual(1);
    expect(sample('archway_cache_hits_total') + sample('archway_cache_misses_total')).toBeGreaterThan(0);
    expect(sample('archway_cache_bytes')).toBeGreaterThan(0);
  });

  it('asks for the bearer token when ARCHWAY_METRICS_TOKEN is set', async () => {
    process.env.ARCHWAY_METRICS_TOKEN = 'scrape-me';
    try {
      expect((await scrape()).status).toBe(401);
      expect((await scrape({ authorization: 'Bearer wrong-one' })).status).toBe(401);
      expect((await scrape({ authorization: 'Bearer scrape-me' })).status).toBe(200);
    } finally {
      delete process.env.ARCHWAY_METRICS_TOKEN;
    }
  });
});
