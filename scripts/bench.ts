/*
 * npm run bench: how fast Archway inspects, next to the fastest any client could be and the docker CLI. The server runs
 * as the container image runs it (the Dockerfile's NODE_OPTIONS: its heap bound) unless NODE_OPTIONS is set.
 * A real registry sits behind a counting proxy, so registry requests are counted from outside. Each cold
 * measurement reads a copy of the list that nobody has read before (a salted seed per copy and reader).
 *   npx tsx --conditions=react-server scripts/bench.ts [--copies 5] [--warm 20] [--latency 0,20] [--only inspect,audit,browse]
 * --latency runs the whole comparison once per value, the proxy adding that many ms to every request: 0 is the
 * loopback registry; 20 stands for a registry one network round trip away, where parallel fetching pays.
 * Targets (issue 2 §6): cold ≤ 1.3× the floor; a warm repeat costs one registry request (a HEAD) and < 20 ms;
 * ≥ 3× faster than `docker manifest inspect -v` on the 48-entry list. Prints whether each is met; never asserts.
 * Then the cost of the shared audit store (scripts/lib/bench-audit.ts): push and history latency with SQLite and
 * with PostgreSQL, side by side. --only inspect|page|load|hostile|audit|browse runs some sections; --audit-pushes 30 --audit-reads 50.
 * Then browse (scripts/lib/bench-browse.ts, issue 11): the first rows of a 10,000-tag repository's page (≤ 300 ms
 * after the tag list arrives), its memory, and the cost of comparing the 48-entry list with an edited copy.
 * The load section (issue 8, --only load): --clients (50) closed-loop clients, sent from a process of their own
 * (scripts/lib/load.ts says why), for --load-seconds (30) on the inspect API and on
 * the inspect page of a warm list (shared by the page cache, lib/server/page-cache.ts; and again with a new address for
 * every request, so each is rendered: the cache's worst case), each run measured after --load-warmup (15) seconds of the same load that flows
 * straight into it (a server runs for days: V8 compiles the hot code under load, and in the first 30 s after start
 * the same route costs up to twice the CPU it costs a minute later here; and the opening burst of every client at
 * once is reported apart, scripts/lib/load.ts), then on the health route and the home page (the floor: no registry
 * asked), then
 * the inspect runs again while four pushes copy from a registry whose layer trickles (test/support/hostile-registry.ts)
 * into the same registry: throughput, p50, p99, errors and the server's memory.
 * Targets: 0 errors; API p99 ≤ 200 ms; page p99 ≤ 800 ms; memory ≤ 512 MB after; under the trickling copies p99
 * within 1.5× of the calm run and memory growth ≤ 100 MB.
 * Then the inspect page in Chromium (scripts/lib/bench-browser.ts, issue 10, --only page): JS transferred, first paint,
 * largest paint and time to interactive for the 6- and 48-platform lists (targets: JS ≤ 180 KB, LCP ≤ 400 ms,
 * interactive ≤ 700 ms).
 * The hostile section (issue 8, --only hostile; scripts/lib/bench-hostile.ts): the server's memory growth in each
 * hostile case (≤ 100 MB), the size of the 10,000-entry index's inspect page, and how soon an error page follows the
 * registry's answer on loopback (≤ 100 ms).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { benchBrowser } from './lib/bench-browser';
import { MANIFEST_ACCEPT } from '@/lib/oci/media-types';
import { inspectHref } from '@/lib/present/links';
import { createRegistryClient } from '@/lib/registry/client';
import { benchAuditStores } from './lib/bench-audit';
import { benchBrowseAndCompare } from './lib/bench-browse';
import { benchHostile } from './lib/bench-hostile';
import { startHostileRegistry } from '@/test/support/hostile-registry';
import { startCountingProxy, type CountedRequest, type CountingProxy } from './lib/counting-proxy';
import { imageNodeOptions } from './lib/image-node-options';
import { residentMiB, runLoadApart, type LoadResult } from './lib/load';
import { buildIfStale, startNext, type RunningNext } from './lib/next-app';
import { freePort, startRegistry } from './lib/registry-process';
import { seedDemo, type SeedClient } from './lib/seed';

const DOCKER_BIN = '/usr/local/bin/docker';
const LISTS = { golang: '6-entry list (golang:alpine shape)', many: '48-entry list' } as const;
type ListName = keyof typeof LISTS;
/** Who reads each copy: every cold read gets content that reader has never seen. */
const READERS = ['archway', 'floor', 'docker'] as const;
type Reader = (typeof READERS)[number];

type Sample = { ms: number; requests: CountedRequest[] };
type Setup = { proxy: CountingProxy; registryHost: string; app: RunningNext; seedClient: SeedClient; dockerConfig: string; runSalt: string };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10);
const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');

/** Times `run` and collects the registry requests it caused (waiting a moment for any that trail the response). */
async function measure(proxy: CountingProxy, run: () => Promise<void>): Promise<Sample> {
  proxy.reset();
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { ms, requests: proxy.requests() };
}

async function archwayInspect(app: RunningNext, reference: string): Promise<void> {
  const response = await fetch(`${app.url}/api/v1/inspect?ref=${encodeURIComponent(reference)}`);
  const body = await response.text();
  if (!response.ok) throw new Error(`Archway answered ${response.status} for ${reference}: ${body.slice(0, 300)}`);
}

/** The floor: the index, then every child and, as each arrives, its config, all at once with plain fetch. */
async function directFetch(reference: string): Promise<void> {
  const slash = reference.indexOf('/');
  const colon = reference.lastIndexOf(':');
  const base = `http://${reference.slice(0, slash)}/v2/${reference.slice(slash + 1, colon)}`;
  const headers = { accept: MANIFEST_ACCEPT.join(', ') };
  const index = (await (await fetch(`${base}/manifests/${reference.slice(colon + 1)}`, { headers })).json()) as {
    manifests: { digest: string }[];
  };
  await Promise.all(
    index.manifests.map(async ({ digest }) => {
      const child = (await (await fetch(`${base}/manifests/${digest}`, { headers })).json()) as { config: { digest: string } };
      await (await fetch(`${base}/blobs/${child.config.digest}`)).arrayBuffer();
    }),
  );
}

async function dockerInspect(dockerConfig: string, reference: string): Promise<void> {
  await promisify(execFile)(DOCKER_BIN, ['manifest', 'inspect', '-v', '--insecure', reference], {
    env: { ...process.env, DOCKER_CONFIG: dockerConfig },
    maxBuffer: 64 * 1024 * 1024,
  });
}

function describeRequests(samples: Sample[]): string {
  const counts = new Map<string, number>();
  for (const r of samples[0]?.requests ?? []) counts.set(`${r.method} ${r.kind}`, (counts.get(`${r.method} ${r.kind}`) ?? 0) + 1);
  const median_ = median(samples.map((s) => s.requests.length));
  return `${String(median_).padStart(3)} requests (${[...counts].map(([what, n]) => `${n} ${what}`).join(', ')})`;
}

/** Seeds fresh copies for one scenario: `copies` per reader and list, none shared with any other. */
async function seedCopies(setup: Setup, scenario: string, copies: number): Promise<Record<Reader, Record<ListName, string[]>>> {
  const references = {} as Record<Reader, Record<ListName, string[]>>;
  for (const reader of READERS) {
    references[reader] = { golang: [], many: [] };
    for (let i = 0; i < copies; i++) {
      const namespace = `bench/${scenario}/${reader}-${i}`;
      await seedDemo(setup.seedClient, { namespace, salt: `${setup.runSalt}-${scenario}-${reader}-${i}`, only: ['golang', 'many'] });
      references[reader].golang.push(`${setup.proxy.host}/${namespace}/golang:alpine`);
      references[reader].many.push(`${setup.proxy.host}/${namespace}/many:latest`);
    }
  }
  return references;
}

/** Runs the comparison with `latencyMs` added to every registry request; returns the report lines. */
async function runScenario(setup: Setup, latencyMs: number, copies: number, warmRepeats: number): Promise<string[]> {
  const { proxy, app, dockerConfig } = setup;
  const references = await seedCopies(setup, `latency-${latencyMs}`, copies);
  proxy.setLatency(latencyMs);
  const hasDocker = existsSync(DOCKER_BIN);
  const where = latencyMs === 0 ? 'loopback registry' : `registry ${latencyMs} ms away (added by the proxy to every request)`;
  const lines = [`\n=== ${where} ===`];
  const targets: string[] = [];
  for (const list of Object.keys(LISTS) as ListName[]) {
    const floor: Sample[] = [];
    const cold: Sample[] = [];
    const docker: Sample[] = [];
    // Interleaved, so a burst of load from elsewhere on the machine hits every reader alike.
    for (let i = 0; i < copies; i++) {
      floor.push(await measure(proxy, () => directFetch(references.floor[list][i]!)));
      cold.push(await measure(proxy, () => archwayInspect(app, references.archway[list][i]!)));
      if (hasDocker) docker.push(await measure(proxy, () => dockerInspect(dockerConfig, references.docker[list][i]!)));
    }
    const warm: Sample[] = [];
    for (let i = 0; i < warmRepeats; i++) warm.push(await measure(proxy, () => archwayInspect(app, references.archway[list][0]!)));

    const [floorMs, coldMs, warmMs] = [floor, cold, warm].map((samples) => median(samples.map((s) => s.ms))) as [number, number, number];
    const dockerMs = hasDocker ? median(docker.map((s) => s.ms)) : undefined;
    const warmIsOneHead = warm.every((s) => s.requests.length === 1 && s.requests[0]!.method === 'HEAD');
    lines.push(
      `${LISTS[list]}: medians of ${copies} cold reads, ${warmRepeats} warm`,
      `  direct parallel fetch (floor)   ${fmt(floorMs)}  ${describeRequests(floor)}`,
      `  Archway cold /api/v1/inspect    ${fmt(coldMs)}  ${describeRequests(cold)}  ${(coldMs / floorMs).toFixed(2)}× floor`,
      `  Archway warm repeat (same tag)  ${fmt(warmMs)}  ${describeRequests(warm)}`,
      dockerMs === undefined
        ? '  docker manifest inspect -v      (no docker CLI on this machine)'
        : `  docker manifest inspect -v      ${fmt(dockerMs)}  ${describeRequests(docker)}  ` +
            `${(dockerMs / coldMs).toFixed(1)}× Archway cold; ${(dockerMs / floorMs).toFixed(1)}× the floor`,
    );
    targets.push(
      `  ${list}: cold ≤ 1.3× floor: ${(coldMs / floorMs).toFixed(2)}× — ${verdict(coldMs <= 1.3 * floorMs)}`,
      latencyMs === 0
        ? `  ${list}: warm repeat is one HEAD and < 20 ms: ${median(warm.map((s) => s.requests.length))} request(s), ` +
            `${warmMs.toFixed(1)} ms — ${verdict(warmIsOneHead && warmMs < 20)}`
        : `  ${list}: warm repeat is one HEAD: ${verdict(warmIsOneHead)} (< 20 ms applies to loopback: the HEAD alone takes ${latencyMs} ms here)`,
    );
    if (list === 'many') {
      targets.push(
        dockerMs === undefined
          ? '  many: ≥ 3× faster than docker manifest inspect -v — not measured (no docker CLI)'
          : `  many: ≥ 3× faster than docker manifest inspect -v: ${(dockerMs / coldMs).toFixed(1)}× — ${verdict(dockerMs >= 3 * coldMs)}` +
              ` (the floor itself is ${(dockerMs / floorMs).toFixed(1)}×: no client reading the same documents can beat that here)`,
      );
    }
  }
  proxy.setLatency(0);
  return [...lines, `Targets (${where})`, ...targets];
}

const TRICKLING_PUSHES = 4;
/** The least time between the starts of two trickling pushes in one slot. */
const TRICKLING_PUSH_MIN_MS = 5_000;
/** What --only may name, in the order they run. */
const SECTIONS = ['inspect', 'page', 'load', 'hostile', 'audit', 'browse'] as const;

function describeLoad(name: string, result: LoadResult): string {
  const statuses = Object.entries(result.statuses)
    .map(([status, n]) => `${n}× ${status}`)
    .join(', ');
  return (
    `  ${name.padEnd(34)} ${result.perSecond.toFixed(0).padStart(5)} req/s  p50 ${fmt(result.p50Ms)}  p99 ${fmt(result.p99Ms)}  ` +
    `${String(result.errors).padStart(4)} errors  (${result.requests} requests: ${statuses}; ${result.warmupErrors} failed in the warm-up; ` +
    `the opening burst, every client at once, answered within ${result.burstSlowestMs.toFixed(0)} ms)`
  );
}

/** POSTs a push whose source layer trickles; resolves with its HTTP status and end (a stream of steps is read whole). */
async function pushFrom(app: RunningNext, source: string, target: string): Promise<string> {
  try {
    const response = await fetch(`${app.url}/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ target, base: null, manifests: [{ source }] }),
    });
    const body = (await response.json()) as { error?: { code?: string } };
    return `${response.status}${body.error?.code ? ` ${body.error.code}` : ''}`;
  } catch (err) {
    return `no answer (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** The load section: calm, then while pushes copy from a trickling registry into the benchmark's registry. */
async function runLoadSection(setup: Setup, clients: number, seconds: number, warmupSeconds: number): Promise<string[]> {
  const { registryHost, app } = setup;
  // The registry itself, not the counting proxy: nothing is counted here, and the proxy's forwarding would run in
  // this process beside the load generator, on the same two cores, and be measured as Archway's time.
  const reference = `${registryHost}/bench/warmup/golang:alpine`;
  const apiUrl = `${app.url}/api/v1/inspect?ref=${encodeURIComponent(reference)}`;
  const pageUrl = `${app.url}${inspectHref(reference)}`;
  const lines = [
    `\n=== load: ${clients} clients × ${seconds} s on a warm 6-entry list (loopback registry), each run measured after ${warmupSeconds} s of the same load ===`,
  ];
  const memoryAtStart = residentMiB(app.pid);
  // As a browser opens a link: a document request, which the proxy inspects to answer with the real status.
  const asBrowser = { accept: 'text/html' };
  const healthUrl = `${app.url}/api/v1/health`;
  const homeUrl = `${app.url}/`;
  const load = (url: string, headers: Record<string, string> = {}, freshQuery?: string) =>
    runLoadApart({ url, clients, seconds, warmupSeconds, headers, ...(freshQuery === undefined ? {} : { freshQuery }) });
  const calmApi = await load(apiUrl);
  const calmPage = await load(pageUrl, asBrowser);
  // The page cache's worst case: every request an address no one asked for before (an ignored query parameter), so
  // each is rendered, plus the cache's own round trip and keeping.
  const newPage = await load(pageUrl, asBrowser, 'visit');
  // What this machine and Next allow under the same load with no registry asked and no list read: Archway's
  // cheapest API route and its home page. The inspect targets are read against these.
  const floorApi = await load(healthUrl);
  const floorPage = await load(homeUrl, asBrowser);
  const memoryAfterCalm = residentMiB(app.pid);
  lines.push(
    'calm',
    describeLoad('GET /api/v1/inspect', calmApi),
    describeLoad('GET /inspect/<reference> (page)', calmPage),
    describeLoad('  the same, a new address each time', newPage),
    'floor: the same load where no registry is asked',
    describeLoad('GET /api/v1/health', floorApi),
    describeLoad('GET / (home page)', floorPage),
  );

  const hostile = await startHostileRegistry({ wideEntries: 1, trickleMs: 1000 });
  // Archway aborts a transfer slower than its minimum rate (504 after ARCHWAY_TRANSFER_RATE_WINDOW_MS, 30 s): each
  // slot starts its next trickling push when one ends, so four are copying for the whole of both runs.
  let isTrickling = true;
  const outcomes = new Map<string, number>();
  const slots = Array.from({ length: TRICKLING_PUSHES }, async (_, slot) => {
    for (let n = 0; isTrickling; n++) {
      const started = performance.now();
      const outcome = await pushFrom(app, `${hostile.host}/trickle/app:latest`, `${registryHost}/bench/trickled-${setup.runSalt}-${slot}-${n}:latest`);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      // A push refused at once (not a trickling one) is not sent again in a tight loop: it would be a load of its own.
      const wait = TRICKLING_PUSH_MIN_MS - (performance.now() - started);
      if (wait > 0 && isTrickling) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  });
  const memoryBeforeHostile = residentMiB(app.pid);
  const hostileApi = await load(apiUrl);
  const hostilePage = await load(pageUrl, asBrowser);
  const memoryAfterHostile = residentMiB(app.pid);
  isTrickling = false;
  await hostile.stop();
  await Promise.all(slots);
  lines.push(
    `while ${TRICKLING_PUSHES} pushes at a time copy a layer trickling 1 byte/s from another registry into this one`,
    describeLoad('GET /api/v1/inspect', hostileApi),
    describeLoad('GET /inspect/<reference> (page)', hostilePage),
    `  the trickling pushes ended with: ${[...outcomes].map(([outcome, n]) => `${n}× ${outcome}`).join(', ')} ` +
      `(504: under the minimum rate; the last ${TRICKLING_PUSHES} end when the trickling registry is stopped)`,
    `server memory (RSS): ${memoryAtStart.toFixed(0)} MB at start, ${memoryAfterCalm.toFixed(0)} MB after the calm runs, ` +
      `${memoryBeforeHostile.toFixed(0)} → ${memoryAfterHostile.toFixed(0)} MB across the trickling runs`,
  );
  const errors = [calmApi, calmPage, newPage, floorApi, floorPage, hostileApi, hostilePage].reduce((sum, run) => sum + run.errors + run.warmupErrors, 0);
  const growth = memoryAfterHostile - memoryBeforeHostile;
  lines.push(
    'Targets (load)',
    `  0 errors (warm-ups included): ${errors} — ${verdict(errors === 0)}`,
    `  API p99 ≤ 200 ms: ${calmApi.p99Ms.toFixed(0)} ms calm, ${hostileApi.p99Ms.toFixed(0)} ms trickling — ${verdict(Math.max(calmApi.p99Ms, hostileApi.p99Ms) <= 200)}` +
      ` (floor: ${floorApi.p99Ms.toFixed(0)} ms)`,
    `  page p99 ≤ 800 ms: ${calmPage.p99Ms.toFixed(0)} ms calm, ${hostilePage.p99Ms.toFixed(0)} ms trickling — ${verdict(Math.max(calmPage.p99Ms, hostilePage.p99Ms) <= 800)}` +
      ` (floor: ${floorPage.p99Ms.toFixed(0)} ms; a page rendered for every request: ${newPage.p99Ms.toFixed(0)} ms)`,
    `  p99 while trickling ≤ 1.5× calm: API ${(hostileApi.p99Ms / calmApi.p99Ms).toFixed(2)}×, page ${(hostilePage.p99Ms / calmPage.p99Ms).toFixed(2)}× — ` +
      verdict(hostileApi.p99Ms <= 1.5 * calmApi.p99Ms && hostilePage.p99Ms <= 1.5 * calmPage.p99Ms),
    `  memory ≤ 512 MB after the runs: ${memoryAfterHostile.toFixed(0)} MB — ${verdict(memoryAfterHostile <= 512)}`,
    `  memory growth while trickling ≤ 100 MB: ${growth.toFixed(0)} MB — ${verdict(growth <= 100)}`,
  );
  return lines;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      copies: { type: 'string', default: '5' },
      warm: { type: 'string', default: '20' },
      latency: { type: 'string', default: '0,20' },
      'audit-pushes': { type: 'string', default: '30' },
      'audit-reads': { type: 'string', default: '50' },
      only: { type: 'string' },
      clients: { type: 'string', default: '50' },
      'load-seconds': { type: 'string', default: '30' },
      'load-warmup': { type: 'string', default: '15' },
    },
  });
  const sections = new Set((values.only ?? SECTIONS.join(',')).split(','));
  const auditPushes = Number(values['audit-pushes']);
  const auditReads = Number(values['audit-reads']);
  const copies = Number(values.copies);
  const warmRepeats = Number(values.warm);
  const latencies = values.latency.split(',').filter((value) => value.trim() !== '').map(Number);
  const clients = Number(values.clients);
  const loadSeconds = Number(values['load-seconds']);
  const loadWarmup = Number(values['load-warmup']);
  const counts = [copies, warmRepeats, auditPushes, auditReads, clients, loadSeconds, loadWarmup, ...latencies];
  if (!counts.every((n) => Number.isInteger(n) && n >= 0) || copies < 1 || auditPushes < 1 || auditReads < 1) {
    throw new Error('--copies, --warm, --latency, --audit-pushes, --audit-reads, --clients, --load-seconds and --load-warmup take whole numbers (--copies and the audit counts at least 1)');
  }
  if ([...sections].some((s) => !(SECTIONS as readonly string[]).includes(s))) throw new Error(`--only takes ${SECTIONS.join(', ')} or several (comma-separated)`);

  const cleanups: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal, and relayed by tsx).
  let stopping: Promise<void> | undefined;
  process.on('SIGINT', () => {
    stopping ??= stopAll().then(() => process.exit(130));
  });
  try {
    const workDir = await mkdtemp(path.join(tmpdir(), 'archway-bench-'));
    cleanups.push(() => rm(workDir, { recursive: true, force: true }));
    const registry = await startRegistry();
    cleanups.push(() => registry.stop());
    const proxy = await startCountingProxy(registry.url);
    cleanups.push(() => proxy.stop());
    // Seeds go straight to the registry: only reads pass the proxy.
    const seedClient = createRegistryClient(registry.host, { insecure: true });
    const runSalt = `bench-${Date.now()}`;
    await seedDemo(seedClient, { namespace: 'bench/warmup', salt: `${runSalt}-warmup`, only: ['golang'] });

    await buildIfStale();
    const dockerConfig = path.join(workDir, 'docker');
    await mkdir(dockerConfig, { recursive: true });
    await writeFile(path.join(dockerConfig, 'config.json'), '{"auths":{}}');
    // The server runs as the container image runs it: with the image's heap bound, unless NODE_OPTIONS says otherwise.
    const nodeOptions = process.env.NODE_OPTIONS ?? imageNodeOptions();
    console.log(`Archway server: next start with NODE_OPTIONS=${nodeOptions}${process.env.NODE_OPTIONS === undefined ? ' (the container image’s)' : ''}`);
    const app = await startNext({
      port: await freePort(),
      env: { ARCHWAY_DATA_DIR: path.join(workDir, 'data'), DOCKER_CONFIG: dockerConfig, NODE_OPTIONS: nodeOptions },
    });
    cleanups.push(() => app.stop());
    // First-request costs (route loading, the registry ping) are not what is measured: pay them on a throwaway copy.
    await archwayInspect(app, `${proxy.host}/bench/warmup/golang:alpine`);

    const setup: Setup = { proxy, registryHost: registry.host, app, seedClient, dockerConfig, runSalt };
    for (const latencyMs of sections.has('inspect') ? latencies : []) {
      console.error(`Seeding fresh copies and measuring (latency ${latencyMs} ms)...`);
      console.log((await runScenario(setup, latencyMs, copies, warmRepeats)).join('\n'));
    }
    if (sections.has('page')) {
      console.error('Loading the inspect page in Chromium...');
      await seedDemo(seedClient, { namespace: 'bench/browser', salt: `${runSalt}-browser`, only: ['golang', 'many'] });
      const pages = {
        '6 platforms': `${app.url}${inspectHref(`${registry.host}/bench/browser/golang:alpine`)}`,
        '48 platforms': `${app.url}${inspectHref(`${registry.host}/bench/browser/many:latest`)}`,
      };
      console.log((await benchBrowser(pages, 5)).join('\n'));
    }
    if (sections.has('load') && loadSeconds > 0 && clients > 0) {
      console.error(`Load: ${clients} clients × ${loadSeconds} s after ${loadWarmup} s of warm-up, six times...`);
      console.log((await runLoadSection(setup, clients, loadSeconds, loadWarmup)).join('\n'));
    }
    if (sections.has('hostile')) {
      console.error('Hostile registries and clients: memory per case, the 10,000-entry page, error pages...');
      console.log((await benchHostile(app, proxy.host)).join('\n'));
    }
    if (sections.has('audit')) {
      console.error('Measuring pushes and history reads with SQLite, then with PostgreSQL...');
      const lines = await benchAuditStores({ registryHost: registry.host, seedClient, workDir, dockerConfig, pushes: auditPushes, reads: auditReads });
      console.log(lines.join('\n'));
    }
    if (sections.has('browse')) {
      console.error('Seeding 10,000 tags and the compared lists, measuring in Chromium...');
      console.log((await benchBrowseAndCompare({ app, client: seedClient, runs: copies, salt: runSalt })).join('\n'));
    }
  } finally {
    await stopAll();
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
