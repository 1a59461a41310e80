/*
 * Playwright's webServer: two real registries (the first seeded with the demo images, the second empty for
 * cross-registry tests), the browse pages' big registry (10,000 tags behind a paging proxy, 2,000 repositories) and
 * one whose tokens never grant the catalog, then Archway built once (if stale) and started with `next start` on a free port, its
 * data and docker config in a temp folder. Writes what it started to $ARCHWAY_E2E_ENV_FILE for e2e/fixtures, prints
 * the ready marker, and stops everything on SIGTERM/SIGINT (playwright.config.ts shuts it down with SIGTERM).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRegistryClient } from '@/lib/registry/client';
import { environmentFile, READY_MARKER, SPEC_REGISTRY_ADDRESS, type E2eEnvironment } from '../e2e/fixtures/environment';
import { buildIfStale, startNext, type RunningNext } from './lib/next-app';
import { deployStandalone } from './lib/standalone';
import { freePort, startRegistry, type RunningRegistry } from './lib/registry-process';
import { startBigRegistry } from './lib/seed-large';
import { CATALOG_CLOSED } from './lib/token-server';
import { startPagingProxy } from '../test/support/paging-proxy';
import { demoReferenceList, seedDemo } from './lib/seed';
import { startTeamArchway } from './lib/team-archway';

const cleanups: (() => Promise<unknown>)[] = [];

async function stopAll(): Promise<void> {
  // Last started, first stopped: Archway before the registries it talks to.
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}

/** `127.0.0.1:PORT` → `localhost:PORT`: the same registry under another spelling. */
function localhostSpelling(host: string): string {
  return `localhost:${host.slice(host.lastIndexOf(':') + 1)}`;
}

async function main(): Promise<void> {
  const envFile = environmentFile();
  const workDir = await mkdtemp(path.join(tmpdir(), 'archway-e2e-'));
  cleanups.push(() => rm(workDir, { recursive: true, force: true }));

  // A fresh robot password per run: e2e/secret-scan.spec.ts looks for it everywhere Archway writes (the same account
  // signs in as a person in e2e/robot-credentials.spec.ts).
  const robotPassword = `robot-${randomBytes(16).toString('hex')}`;
  const registries: RunningRegistry[] = await Promise.all([
    startRegistry(),
    startRegistry(),
    startRegistry(CATALOG_CLOSED),
    startRegistry({ auth: 'basic', users: { robot: robotPassword } }),
  ]);
  for (const registry of registries) cleanups.push(() => registry.stop());
  const [registry, second, closed, privateRegistry] = registries as [RunningRegistry, RunningRegistry, RunningRegistry, RunningRegistry];
  const robotAuth = Buffer.from(`robot:${robotPassword}`).toString('base64');
  const sessionSecret = `session-${randomBytes(24).toString('hex')}`;

  // The browse pages' registries: 10,000 tags (read through a proxy that pages them) and 2,000 repositories.
  const [seed, big] = await Promise.all([seedDemo(createRegistryClient(registry.host, { insecure: true })), startBigRegistry()]);
  cleanups.push(() => big.stop());
  const paging = await startPagingProxy({ upstream: big.registry.url, pageSize: 1000 });
  cleanups.push(() => paging.stop());
  await buildIfStale();

  const dataDir = path.join(workDir, 'data');
  // An empty docker config: the developer's own ~/.docker credentials must not leak into the tests.
  const dockerConfig = path.join(workDir, 'docker');
  await mkdir(dockerConfig, { recursive: true });
  await writeFile(path.join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [privateRegistry.host]: { auth: robotAuth } } }));
  const port = await freePort();
  const serverLog = path.join(workDir, 'archway-server.log');
  const env = {
    // As a team would run it: requests for any other Host are refused (e2e/web-security.spec.ts checks that), and
    // only these registries are reached (a spec that starts a registry of its own listens on SPEC_REGISTRY_ADDRESS).
    ARCHWAY_PUBLIC_URL: `http://127.0.0.1:${port}`,
    // The seeded registry is listed under its localhost spelling too, as a team lists the names people type: a push
    // typed as localhost:PORT shows in the history on the 127.0.0.1:PORT page (e2e/edit.spec.ts).
    ARCHWAY_ALLOWED_REGISTRIES: [...registries.map((r) => r.host), localhostSpelling(registry.host), big.registry.host, paging.host, SPEC_REGISTRY_ADDRESS].join(','),
    ARCHWAY_DEMO_REFERENCES: demoReferenceList(seed),
    DOCKER_CONFIG: dockerConfig,
    // Set, as a team sets it, so the secret scan knows it (a generated one would sit in the data folder by design).
    ARCHWAY_SESSION_SECRET: sessionSecret,
    // Every spec signs in from the one loopback address, and the API fuzz tries hundreds of sign-ins: at the default
    // 10 a minute a spec after the fuzz got 429. The limit itself is tested in test/integration/session-api.test.ts.
    ARCHWAY_SIGNIN_ATTEMPTS_PER_MINUTE: '100000',
  };
  // ARCHWAY_E2E_STANDALONE=1 (test/integration/standalone.test.ts): the deployed form, read-only and unprivileged.
  const app: RunningNext =
    process.env.ARCHWAY_E2E_STANDALONE === '1'
      ? await deployStandalone({ workDir, dataDir, port, env })
      : await startNext({ port, env: { ...env, ARCHWAY_DATA_DIR: dataDir }, logFile: serverLog });
  cleanups.push(() => app.stop());
  // Archway for a team (OpenID Connect, a private token-auth registry): e2e/team.spec.ts.
  const team = await startTeamArchway(workDir);
  cleanups.push(() => team.stop());

  const environment: E2eEnvironment = {
    baseURL: app.url,
    registryHost: registry.host,
    secondRegistryHost: second.host,
    privateRegistryHost: privateRegistry.host,
    robotPassword,
    dataDir,
    secrets: [robotPassword, robotAuth, sessionSecret, ...team.secrets],
    secretScan: {
      logs: [...(process.env.ARCHWAY_E2E_STANDALONE === '1' ? [] : [serverLog]), team.serverLog],
      dataDirs: [dataDir, team.dataDir],
    },
    seed,
    big: {
      host: paging.host,
      repository: big.manyTags.repository,
      tagCount: big.manyTags.tags.length,
      digests: big.manyTags.digests,
      repositoryCount: big.repositories.length + 1,
    },
    closedRegistryHost: closed.host,
    team: { baseURL: team.baseURL, registryHost: team.registryHost, images: team.images },
  };
  await mkdir(path.dirname(envFile), { recursive: true });
  await writeFile(envFile, JSON.stringify(environment, null, 2));
  cleanups.push(() => rm(envFile, { force: true }));
  console.log(`${READY_MARKER} archway=${app.url} registry=${registry.host} second=${second.host} private=${privateRegistry.host} log=${serverLog}`);
}

// `on`, not `once`: the signal comes twice (Playwright signals the whole process group, and tsx relays it to this
// process too), and a second one without a handler would kill the cleanup halfway.
let stopping: Promise<void> | undefined;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    stopping ??= stopAll().then(() => process.exit(0));
  });
}

main().catch(async (err: unknown) => {
  console.error(`e2e server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await stopAll();
  process.exit(1);
});
