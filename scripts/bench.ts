/*
 * npm run bench: how fast Archway inspects, next to the fastest any client could be and the docker CLI.
 * A real registry sits behind a counting proxy, so registry requests are counted from outside. Each cold
 * measurement reads a copy of the list that nobody has read before (a salted seed per copy).
 *   npx tsx --conditions=react-server scripts/bench.ts [--copies 5] [--warm 20]
 * Targets (issue 2 §6): cold ≤ 1.3× the floor; a warm repeat costs one registry request (a HEAD) and < 20 ms;
 * ≥ 3× faster than `docker manifest inspect -v` on the 48-entry list. Prints whether each is met; never asserts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { MANIFEST_ACCEPT } from '@/lib/oci/media-types';
import { createRegistryClient } from '@/lib/registry/client';
import { startCountingProxy, type CountedRequest, type CountingProxy } from './lib/counting-proxy';
import { buildIfStale, startNext, type RunningNext } from './lib/next-app';
import { freePort, startRegistry } from './lib/registry-process';
import { seedDemo } from './lib/seed';

const DOCKER_BIN = '/usr/local/bin/docker';
const LISTS = { golang: '6-entry list (golang:alpine shape)', many: '48-entry list' } as const;
type ListName = keyof typeof LISTS;
/** Who reads each copy: every cold read gets content it has never seen. */
const READERS = ['archway', 'floor', 'docker'] as const;
type Reader = (typeof READERS)[number];

type Sample = { ms: number; requests: CountedRequest[] };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

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

/** The floor: index, then every child and, as each arrives, its config, all in parallel with plain fetch. */
async function directFetch(host: string, repository: string, tag: string): Promise<void> {
  const base = `http://${host}/v2/${repository}`;
  const accept = { accept: MANIFEST_ACCEPT.join(', ') };
  const index = (await (await fetch(`${base}/manifests/${tag}`, { headers: accept })).json()) as {
    manifests: { digest: string }[];
  };
  await Promise.all(
    index.manifests.map(async ({ digest }) => {
      const child = (await (await fetch(`${base}/manifests/${digest}`, { headers: accept })).json()) as {
        config: { digest: string };
      };
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

function describeRequests(requests: CountedRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(`${r.method} ${r.kind}`, (counts.get(`${r.method} ${r.kind}`) ?? 0) + 1);
  return [...counts].map(([what, n]) => `${n} ${what}`).join(', ');
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { copies: { type: 'string', default: '5' }, warm: { type: 'string', default: '20' } },
  });
  const copies = Number(values.copies);
  const warmRepeats = Number(values.warm);
  const cleanups: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

  try {
    const workDir = await mkdtemp(path.join(tmpdir(), 'archway-bench-'));
    cleanups.push(() => rm(workDir, { recursive: true, force: true }));
    const registry = await startRegistry();
    cleanups.push(() => registry.stop());
    const proxy = await startCountingProxy(registry.url);
    cleanups.push(() => proxy.stop());

    // Seeded straight to the registry: only reads go through the proxy.
    console.error(`Seeding ${copies} copies per reader of the 6- and 48-entry lists...`);
    const seedClient = createRegistryClient(registry.host, { insecure: true });
    const runSalt = `bench-${Date.now()}`;
    const references = {} as Record<Reader, Record<ListName, string[]>>;
    for (const reader of READERS) {
      references[reader] = { golang: [], many: [] };
      for (let i = 0; i < copies; i++) {
        const namespace = `bench/${reader}-${i}`;
        await seedDemo(seedClient, { namespace, salt: `${runSalt}-${reader}-${i}`, only: ['golang', 'many'] });
        references[reader].golang.push(`${proxy.host}/${namespace}/golang:alpine`);
        references[reader].many.push(`${proxy.host}/${namespace}/many:latest`);
      }
    }

    await seedDemo(seedClient, { namespace: 'bench/warmup', salt: `${runSalt}-warmup`, only: ['golang'] });

    await buildIfStale();
    const dockerConfig = path.join(workDir, 'docker');
    await mkdir(dockerConfig, { recursive: true });
    await writeFile(path.join(dockerConfig, 'config.json'), '{"auths":{}}');
    const app = await startNext({
      port: await freePort(),
      env: { ARCHWAY_DATA_DIR: path.join(workDir, 'data'), DOCKER_CONFIG: dockerConfig },
    });
    cleanups.push(() => app.stop());
    // One throwaway inspect of an unrelated copy: first-request costs (route loading, the registry ping) are not
    // what is measured.
    await archwayInspect(app, `${proxy.host}/bench/warmup/golang:alpine`);

    const hasDocker = existsSync(DOCKER_BIN);
    const results: string[] = [];
    const targets: string[] = [];
    for (const list of Object.keys(LISTS) as ListName[]) {
      const toRepoTag = (reference: string) => {
        const path = reference.slice(reference.indexOf('/') + 1);
        return { repository: path.slice(0, path.lastIndexOf(':')), tag: path.slice(path.lastIndexOf(':') + 1) };
      };
      const cold: Sample[] = [];
      const floor: Sample[] = [];
      const docker: Sample[] = [];
      for (let i = 0; i < copies; i++) {
        const floorRef = toRepoTag(references.floor[list][i]!);
        floor.push(await measure(proxy, () => directFetch(proxy.host, floorRef.repository, floorRef.tag)));
        cold.push(await measure(proxy, () => archwayInspect(app, references.archway[list][i]!)));
        if (hasDocker) docker.push(await measure(proxy, () => dockerInspect(dockerConfig, references.docker[list][i]!)));
      }
      const warm: Sample[] = [];
      for (let i = 0; i < warmRepeats; i++) warm.push(await measure(proxy, () => archwayInspect(app, references.archway[list][0]!)));

      const coldMs = median(cold.map((s) => s.ms));
      const floorMs = median(floor.map((s) => s.ms));
      const warmMs = median(warm.map((s) => s.ms));
      const dockerMs = hasDocker ? median(docker.map((s) => s.ms)) : undefined;
      const warmRequests = median(warm.map((s) => s.requests.length));
      const warmIsOneHead = warm.every((s) => s.requests.length === 1 && s.requests[0]!.method === 'HEAD');

      results.push(
        `\n${LISTS[list]} — medians of ${copies} cold reads (${warmRepeats} warm)`,
        `  direct parallel fetch (floor)   ${fmt(floorMs).padStart(10)}   ${median(floor.map((s) => s.requests.length))} requests (${describeRequests(floor[0]!.requests)})`,
        `  Archway cold /api/v1/inspect    ${fmt(coldMs).padStart(10)}   ${median(cold.map((s) => s.requests.length))} requests (${describeRequests(cold[0]!.requests)})   ${(coldMs / floorMs).toFixed(2)}× floor`,
        `  Archway warm repeat (same tag)  ${fmt(warmMs).padStart(10)}   ${warmRequests} requests (${describeRequests(warm[0]!.requests)})`,
        dockerMs === undefined
          ? '  docker manifest inspect -v      (no docker CLI on this machine)'
          : `  docker manifest inspect -v      ${fmt(dockerMs).padStart(10)}   ${median(docker.map((s) => s.requests.length))} requests (${describeRequests(docker[0]!.requests)})   Archway cold is ${(dockerMs / coldMs).toFixed(1)}× faster`,
      );
      targets.push(
        `  ${list}: cold ≤ 1.3× floor: ${(coldMs / floorMs).toFixed(2)}× — ${verdict(coldMs <= 1.3 * floorMs)}`,
        `  ${list}: warm repeat = 1 registry request (HEAD) and < 20 ms: ${warmRequests} request(s), ${fmt(warmMs)} — ${verdict(warmIsOneHead && warmMs < 20)}`,
      );
      if (list === 'many') {
        targets.push(
          dockerMs === undefined
            ? '  many: ≥ 3× faster than docker CLI — not measured (no docker CLI)'
            : `  many: ≥ 3× faster than docker manifest inspect: ${(dockerMs / coldMs).toFixed(1)}× — ${verdict(dockerMs >= 3 * coldMs)}`,
        );
      }
    }
    console.log(results.join('\n'));
    console.log(`\nTargets\n${targets.join('\n')}`);
  } finally {
    await stopAll();
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
