import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getInspect } from '@/app/api/v1/inspect/route';
import { POST as postPush } from '@/app/api/v1/push/route';
import { GET as getReferrers } from '@/app/api/v1/referrers/route';
import { GET as getTags } from '@/app/api/v1/tags/route';
import { ErrorBody } from '@/lib/api/errors';
import { toAppError } from '@/lib/api/error-mapping';
import { InspectResponse, InspectWindow } from '@/lib/api/inspect';
import { closeAuditStores } from '@/lib/audit/log';
import { inspectImage } from '@/lib/inspect/inspect-image';
import { copyBlob } from '@/lib/registry/blobs';
import { createRegistryClient, getRegistryClient, registryClientCount } from '@/lib/registry/client';
import { RegistryError } from '@/lib/registry/errors';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { startFaultServer } from '@/test/support/fault-server';
import { startHostileRegistry, type HostileRegistry } from '@/test/support/hostile-registry';

/*
 * Issue 8: whatever a registry or a client does, Archway's memory, time and slots stay bounded. A hostile registry
 * (test/support/hostile-registry.ts) serves endless and huge pages, a 10,000-entry index, trickling blobs and
 * rate limits; the route handlers are called as the browser calls them. Assertions are on statuses, request
 * counts and bounded memory growth (generous limits), never on time.
 */

const MIB = 1024 * 1024;
const PAGE_SIZE = 1000;
const MAX_LIST_NAMES = 50_000;

let hostile: HostileRegistry;
let registry: RunningRegistry;
let seed: SeedResult<'golang'>;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'archway-bounds-'));
  vi.stubEnv('ARCHWAY_DATA_DIR', dataDir);
  vi.stubEnv('ARCHWAY_MAX_LIST_NAMES', String(MAX_LIST_NAMES));
  vi.stubEnv('ARCHWAY_MAX_LIST_BYTES', String(8 * MIB));
  vi.stubEnv('ARCHWAY_REGISTRY_TIMEOUT_MS', '5000');
  [hostile, registry] = await Promise.all([startHostileRegistry({ pageSize: PAGE_SIZE, hugePageBytes: 5 * MIB, retryAfterSeconds: 120, trickleMs: 200 }), startRegistry()]);
  seed = await seedDemo(getRegistryClient(registry.host), { only: ['golang'] });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([hostile?.stop(), registry?.stop()]);
  await closeAuditStores();
  rmSync(dataDir, { recursive: true, force: true });
});

const heapMiB = () => process.memoryUsage().heapUsed / MIB;

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const { error } = ErrorBody.parse(await response.json());
  return { status: response.status, code: error.code, message: error.message };
}

function get(handler: (request: NextRequest) => Promise<Response>, path: string): Promise<Response> {
  return handler(new NextRequest(`http://localhost${path}`));
}

/** A body that produces `total` bytes on demand and counts how many were pulled from it. */
function countingBody(total: number, chunk = 64 * 1024): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const piece = new Uint8Array(chunk).fill(0x20);
  return {
    stream: new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        sent += piece.byteLength;
        controller.enqueue(piece);
      },
    }),
    pulled: () => sent,
  };
}

function pushRequest(body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest('http://localhost/api/v1/push', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as ConstructorParameters<typeof NextRequest>[1]);
}

describe('request bodies', () => {
  it('refuses a declared 200 MB body with 413 before reading it', async () => {
    const body = countingBody(200 * MIB);
    const response = await postPush(pushRequest(body.stream, { 'content-length': String(200 * MIB) }));
    expect(await errorOf(response)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(body.pulled()).toBeLessThanOrEqual(2 * MIB);
  });

  it('cuts off six concurrent undeclared 200 MB bodies at the limit, with bounded memory', async () => {
    const before = heapMiB();
    const bodies = Array.from({ length: 6 }, () => countingBody(200 * MIB));
    const responses = await Promise.all(bodies.map((body) => postPush(pushRequest(body.stream))));
    for (const response of responses) expect((await errorOf(response)).status).toBe(413);
    for (const body of bodies) expect(body.pulled()).toBeLessThanOrEqual(2 * MIB);
    expect(heapMiB() - before).toBeLessThan(100);
  });

  it('answers 400 for JSON nested 200,000 levels deep', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const result = await errorOf(await postPush(pushRequest(deep)));
    expect(result).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(result.message).toContain('ARCHWAY_MAX_JSON_DEPTH');
  });
});

describe('paged lists', () => {
  it('stops an endless tag list at ARCHWAY_MAX_LIST_NAMES with a clear 502, memory bounded', async () => {
    const before = heapMiB();
    const result = await errorOf(await get(getTags, `/api/v1/tags?repository=${hostile.host}/endless/app`));
    expect(result).toMatchObject({ status: 502, code: 'REGISTRY_ERROR' });
    expect(result.message).toContain('ARCHWAY_MAX_LIST_NAMES');
    expect(hostile.count(/^\/v2\/endless\/app\/tags\/list/)).toBeLessThanOrEqual(MAX_LIST_NAMES / PAGE_SIZE + 1);
    expect(heapMiB() - before).toBeLessThan(100);
  });

  it('stops huge tag pages at ARCHWAY_MAX_LIST_BYTES', async () => {
    const before = heapMiB();
    const result = await errorOf(await get(getTags, `/api/v1/tags?repository=${hostile.host}/huge/app`));
    expect(result).toMatchObject({ status: 502 });
    expect(result.message).toContain('ARCHWAY_MAX_LIST_BYTES');
    expect(hostile.count(/^\/v2\/huge\/app\/tags\/list/)).toBeLessThanOrEqual(3);
    expect(heapMiB() - before).toBeLessThan(100);
  });

  it('stops endless referrer pages the same way', async () => {
    const subject = hostile.wide.image(0).manifest.digest;
    const result = await errorOf(await get(getReferrers, `/api/v1/referrers?ref=${encodeURIComponent(`${hostile.host}/endless/app@${subject}`)}`));
    expect(result.status).toBe(502);
    expect(result.message).toContain('ARCHWAY_MAX_LIST_NAMES');
  });
});

describe('a 10,000-entry index', () => {
  it('lists every entry but reads the details of ARCHWAY_MAX_ENTRIES of them, and says how to read the rest', async () => {
    const before = hostile.requests.length;
    const response = await get(getInspect, `/api/v1/inspect?ref=${encodeURIComponent(`${hostile.host}/wide/app:latest`)}`);
    expect(response.status).toBe(200);
    const body = InspectResponse.parse(await response.json());
    expect(body.entries).toHaveLength(10_000);
    expect(body.details).toEqual({ from: 0, to: 500, total: 10_000, maxEntries: 500, nextFrom: 500 });
    expect(body.entries[0]!.config).not.toBeNull();
    expect(body.entries[500]!.config).toBeNull();
    // The tag (HEAD and GET), 500 children and their 500 configs, and the ping at most: not 10,001 reads.
    expect(hostile.requests.length - before).toBeLessThanOrEqual(2 + 500 + 500 + 1);

    const last = InspectResponse.parse(
      await (await get(getInspect, `/api/v1/inspect?ref=${encodeURIComponent(`${hostile.host}/wide/app:latest`)}&detailsFrom=9900`)).json(),
    );
    expect(last.details).toEqual({ from: 9900, to: 10_000, total: 10_000, maxEntries: 500, nextFrom: null });
    expect(last.entries[9999]!.config?.architecture).toBe('arch9999');
  });

  it('answers the page with the read window only (entries=window), the problems of the others counted', async () => {
    const wide = `/api/v1/inspect?ref=${encodeURIComponent(`${hostile.host}/wide/app:latest`)}&detailsFrom=500`;
    const whole = InspectResponse.parse(await (await get(getInspect, wide)).json());
    const response = await get(getInspect, `${wide}&entries=window`);
    expect(response.status).toBe(200);
    const text = await response.text();
    // The window's 500 entries, not the list's 10,000: the page built from it stays small.
    expect(text.length).toBeLessThan(512 * 1024);
    const page = InspectWindow.parse(JSON.parse(text));
    expect(page.details).toEqual(whole.details);
    expect(page.entries).toEqual(whole.entries.slice(500, 1000));
    const outside = [...whole.entries.slice(0, 500), ...whole.entries.slice(1000)];
    expect(page.outside).toMatchObject({ entries: 9500, withProblems: outside.filter((entry) => entry.problems.length > 0).length });
    expect(page.outside!.problems.reduce((sum, count) => sum + count.count, 0)).toBe(outside.flatMap((entry) => entry.problems).length);

    const wrong = await get(getInspect, `${wide}&entries=some`);
    expect(await errorOf(wrong)).toMatchObject({ status: 400, code: 'BAD_REQUEST', message: expect.stringContaining('?entries=') });
  });

  it('asks for each config as soon as its child arrives, not after every child (no waves)', async () => {
    // Two reads at a time on a six-entry list: were configs queued behind the children, the first config would be
    // asked for only after the sixth child.
    const small = await startHostileRegistry({ wideEntries: 6 });
    vi.stubEnv('ARCHWAY_MAX_CONCURRENCY', '2');
    try {
      const client = createRegistryClient(small.host);
      const result = await inspectImage(`${small.host}/wide/app:latest`, { clientFor: () => client });
      expect(result.entries.every((entry) => entry.config !== null)).toBe(true);
      const paths = small.requests.map((request) => request.url);
      const configs = new Set(Array.from({ length: 6 }, (_, i) => `/v2/wide/app/blobs/${small.wide.image(i).config.digest}`));
      const children = new Set(Array.from({ length: 6 }, (_, i) => `/v2/wide/app/manifests/${small.wide.image(i).manifest.digest}`));
      const firstConfig = paths.findIndex((path) => configs.has(path));
      const lastChild = paths.findLastIndex((path) => children.has(path));
      expect(firstConfig).toBeGreaterThanOrEqual(0);
      expect(firstConfig).toBeLessThan(lastChild);
    } finally {
      vi.stubEnv('ARCHWAY_MAX_CONCURRENCY', undefined);
      await small.stop();
    }
  });

  it('refuses a detailsFrom that is not a whole number', async () => {
    const response = await get(getInspect, `/api/v1/inspect?ref=${encodeURIComponent(`${hostile.host}/wide/app:latest`)}&detailsFrom=-3`);
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});

describe('no retry of what a retry cannot fix', () => {
  it('answers a 429 with a long Retry-After at once, with it, after one registry request', async () => {
    const response = await get(getInspect, `/api/v1/inspect?ref=${encodeURIComponent(`${hostile.host}/limited/app:1`)}`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(hostile.count(/^\/v2\/limited\/app\/manifests\//)).toBe(1);
  });

  it('never retries a 404', async () => {
    const result = await errorOf(await get(getInspect, `/api/v1/inspect?ref=${encodeURIComponent(`${hostile.host}/wide/nothing:1`)}`));
    expect(result.status).toBe(404);
    expect(hostile.count(/^\/v2\/wide\/nothing\//)).toBe(1);
  });

  it('waits out a 503 whose Retry-After is short, once', async () => {
    const quick = await startHostileRegistry({ wideEntries: 1, retryAfterSeconds: 1 });
    try {
      const response = await get(getInspect, `/api/v1/inspect?ref=${encodeURIComponent(`${quick.host}/busy/app:latest`)}`);
      expect(response.status).toBe(200);
      expect(quick.count(/^\/v2\/busy\/app\/manifests\/latest$/)).toBe(2);
    } finally {
      await quick.stop();
    }
  });
});

describe('memory bounded by configuration', () => {
  it('keeps at most ARCHWAY_MAX_REGISTRIES registry clients however many names are asked for', () => {
    for (let i = 0; i < 2000; i++) getRegistryClient(`registry-${i}.invalid:5000`);
    expect(registryClientCount()).toBeLessThanOrEqual(256);
  });
});

describe('one tag, however the registry is spelt', () => {
  it('lets exactly one of 20 concurrent pushes from one base through, spread over 127.0.0.1:PORT, localhost:PORT and 127.0.0.1:0PORT', async () => {
    const port = registry.host.split(':')[1]!;
    const spellings = [`127.0.0.1:${port}`, `localhost:${port}`, `127.0.0.1:0${port}`];
    // Three rounds, each on a fresh tag: one spelling's push must never pass the tag check the other's is inside.
    for (const round of [1, 2, 3]) {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const host = spellings[i % spellings.length]!;
          const body = { target: `${host}/demo/spelled:round-${round}`, base: null, manifests: [{ source: `${host}/demo/golang:alpine` }] };
          return postPush(pushRequest(JSON.stringify(body)));
        }),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses, `round ${round}`).toEqual([200, ...Array<number>(19).fill(409)]);
    }
  });
});

describe('fairness: transfers and reads', () => {
  const trickleSource = () => createRegistryClient(hostile.host, { env: { ...process.env, ARCHWAY_TRANSFER_RATE_WINDOW_MS: '1000', ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC: '100' } });

  it('aborts a transfer that moves less than the minimum rate over a window', async () => {
    const target = createRegistryClient(registry.host);
    const err = await copyBlob(trickleSource(), 'trickle/app', target, 'bounds/copy', hostile.trickleDigest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).kind).toBe('timeout');
    expect((err as RegistryError).message).toContain('ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC');
    // The registry that trickles is the one named, not the one receiving the copy.
    expect((err as RegistryError).registry).toBe(hostile.host);
  });

  it('keeps inspecting a healthy registry while another one holds every read slot it has', async () => {
    // A registry that answers its ping and then nothing: 100 inspects of it fill its 64 read slots and queue behind.
    const stuck = await startFaultServer(() => new Promise<void>(() => undefined));
    // Its client never gives up on a request while the test runs: its slots stay taken until the server stops.
    vi.stubEnv('ARCHWAY_REGISTRY_TIMEOUT_MS', '600000');
    getRegistryClient(stuck.host);
    vi.stubEnv('ARCHWAY_REGISTRY_TIMEOUT_MS', '5000');
    const held = Array.from({ length: 100 }, (_, i) =>
      get(getInspect, `/api/v1/inspect?ref=${encodeURIComponent(`${stuck.host}/dead/app:${i}`)}`).catch((e: unknown) => e),
    );
    try {
      await expect.poll(() => stuck.apiRequests().length, { timeout: 30_000 }).toBe(64);
      const healthy = await get(getInspect, `/api/v1/inspect?ref=${encodeURIComponent(seed.references.golang)}`);
      expect(healthy.status).toBe(200);
      expect(stuck.apiRequests()).toHaveLength(64);
    } finally {
      await stuck.stop(); // every held answer fails now, and the queued ones get their turn and fail too
      await Promise.all(held);
    }
  });

  it('keeps inspecting a registry whose transfer slots are all held by stuck copies; the extra copy gets 503-busy', async () => {
    const trickling = await startHostileRegistry({ wideEntries: 1, trickleMs: 200 });
    const slowSource = createRegistryClient(trickling.host, { env: { ...process.env, ARCHWAY_TRANSFER_RATE_WINDOW_MS: '600000' } });
    const target = createRegistryClient(registry.host, { maxTransfers: 2, slotWaitMs: 500 });
    const copies = Array.from({ length: 3 }, (_, i) =>
      copyBlob(slowSource, 'trickle/app', target, `bounds/stuck-${i}`, trickling.trickleDigest).catch((e: unknown) => e),
    );
    // The third copy waits for a transfer slot and gives up with `busy`; the two others hold theirs.
    const third = await Promise.race(copies);
    expect(third).toBeInstanceOf(RegistryError);
    expect(third).toMatchObject({ kind: 'busy' });
    expect(toAppError(third).status).toBe(503);
    expect(target.stats().slots?.transfers).toBe(2);
    // Inspection of the same registry uses the read pool, which the copies never touch.
    const manifest = await target.getManifest('demo/golang', 'alpine');
    expect(manifest.digest).toBe(seed.digests.golang);
    await trickling.stop(); // ends the trickles, so the stuck copies fail and release their slots
    for (const copy of await Promise.all(copies)) expect(copy).toBeInstanceOf(Error);
    expect(target.stats().slots).toMatchObject({ transfers: 0, waiting: 0 });
  });
});
