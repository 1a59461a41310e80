import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import bcrypt from 'bcryptjs';
import { request } from 'undici';
import { stopChild } from './stop-child';
import { startTokenServer, type RunningTokenServer, type TokenServerOptions } from './token-server';

/*
 * Starts a real CNCF distribution registry (Debian's docker-registry 2.8.2) for tests, the demo and the benchmark:
 * no auth, Basic (htpasswd) or token auth (our own token server). Each registry gets a free loopback port and a
 * temp folder; stop() kills it by PID, and so does the exit of this process.
 */

export type RegistryAuth = 'none' | 'basic' | 'token';

export type StartRegistryOptions = {
  auth?: RegistryAuth;
  /** Default: a free loopback port. */
  port?: number;
  /** The loopback address it (and its token server) listens on: 127.0.0.1 unless told another of 127.0.0.0/8. */
  address?: string;
  /** Storage folder, kept after stop. Default: a temp folder, removed on stop. */
  dataDir?: string;
  /** user → password for Basic and token auth. Default `{ archway: 'archway-secret' }`. */
  users?: Record<string, string>;
  /** storage.delete.enabled (default true); false makes DELETE answer 405. */
  deleteEnabled?: boolean;
  /** Extra token server settings (acl, lifetime, reply fields, OAuth) when auth is 'token'. */
  token?: Omit<TokenServerOptions, 'users'>;
};

export type RunningRegistry = {
  /** `127.0.0.1:PORT`, as written in references. */
  host: string;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  dataDir: string;
  auth: RegistryAuth;
  users: Record<string, string>;
  tokenServer?: RunningTokenServer;
  pid: number;
  stop(): Promise<void>;
};

const REGISTRY_BIN = process.env.ARCHWAY_REGISTRY_BIN ?? '/usr/bin/docker-registry';
const DEFAULT_USERS: Record<string, string> = { archway: 'archway-secret' };
const READY_TIMEOUT_MS = 15_000;
/** How long a registry gets to exit on SIGTERM before it is killed. */
const STOP_GRACE_MS = 3000;

// Killed synchronously on exit, so a crashed test run leaves no registry behind.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/*
 * Ports for servers the tests start are drawn at random from outside the kernel's ephemeral range, not asked of the
 * kernel (port 0). A port the kernel hands out is also what it gives every outgoing connection and every listen(0)
 * of the other test files running beside this one, so one probed free could be taken before the server bound it.
 * Outside that range only another draw can collide, and the bind probe (and the registry's identity check) catches
 * that. The lowest port stays above the Fetch standard's "bad ports" (10080 is the highest), which browsers refuse.
 */
const LOWEST_DRAWN_PORT = 15_000;
const HIGHEST_PORT = 65_535;
const DRAWS = 50;
/** Where ports are drawn from; undefined when the kernel's range leaves no room outside it (the kernel picks then). */
type DrawRange = { from: number; to: number } | undefined;

/** Below the kernel's ephemeral range if there is room, else above it; Linux's default range is 32768-60999. */
function drawRange(): DrawRange {
  let [low, high] = [32_768, 60_999];
  try {
    const read = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (read.length === 2 && read.every(Number.isInteger)) [low, high] = read as [number, number];
  } catch {
    // Not Linux: the IANA dynamic range.
    [low, high] = [49_152, HIGHEST_PORT];
  }
  if (low - LOWEST_DRAWN_PORT >= 1000) return { from: LOWEST_DRAWN_PORT, to: low - 1 };
  if (HIGHEST_PORT - high >= 1000) return { from: high + 1, to: HIGHEST_PORT };
  return undefined;
}

/** Whether `port` can be bound on `address` right now. */
export function isPortFree(port: number, address = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, address, () => server.close(() => resolve(true)));
  });
}

/** A port the kernel gives out itself (the fallback when its range leaves no room to draw from). */
async function kernelPort(address: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A port that is free right now and that the kernel hands to nobody on its own (the server binds it a moment later). */
export async function freePort(address = '127.0.0.1'): Promise<number> {
  const range = drawRange();
  if (!range) return kernelPort(address);
  for (let draw = 0; draw < DRAWS; draw++) {
    const port = range.from + Math.floor(Math.random() * (range.to - range.from + 1));
    if (await isPortFree(port, address)) return port;
  }
  throw new Error(`no free port on ${address} in ${DRAWS} draws between ${range.from} and ${range.to}`);
}

async function writeHtpasswd(file: string, users: Record<string, string>): Promise<void> {
  // Cost 4: distribution checks the hash on every request, and these passwords guard throwaway registries.
  const lines = Object.entries(users).map(([user, password]) => `${user}:${bcrypt.hashSync(password, 4)}`);
  await writeFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}

function registryConfig(opts: {
  address: string;
  port: number;
  dataDir: string;
  deleteEnabled: boolean;
  auth: Record<string, unknown> | undefined;
  identity: string;
}): string {
  const config = {
    version: 0.1,
    log: { level: 'error', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: opts.dataDir },
      delete: { enabled: opts.deleteEnabled },
      maintenance: { uploadpurging: { enabled: false } },
    },
    // The identity header tells this registry's answers from those of whatever else took the port (see waitUntilReady).
    http: { addr: `${opts.address}:${opts.port}`, secret: randomBytes(16).toString('hex'), headers: { [IDENTITY_HEADER]: [opts.identity] } },
    ...(opts.auth ? { auth: opts.auth } : {}),
  };
  // YAML is a superset of JSON, so no YAML writer is needed.
  return JSON.stringify(config, null, 2);
}

/** The registry's own environment variables (REGISTRY_HTTP_ADDR...) would override the config file. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('REGISTRY_')) delete env[key];
  return env;
}

/*
 * A free port is probed and then bound a moment later; in between, another server (a registry another test file
 * starts, an outgoing connection's local port) can take it. The registry that lost the race exits, but the readiness
 * probe could be answered first by the winner, and the test would then use a registry that is not its own. Each
 * registry sends a header with a value of its own, and only that answer counts as ready.
 */
const IDENTITY_HEADER = 'X-Archway-Registry-Id';

async function waitUntilReady(url: string, identity: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`docker-registry exited (${child.exitCode ?? child.signalCode}): ${stderr().trim()}`);
    }
    try {
      // undici's request, not fetch: a registry may listen on a port fetch refuses (a test starts one on a "bad port").
      const res = await request(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      await res.body.dump();
      if (res.headers[IDENTITY_HEADER.toLowerCase()] !== identity) throw new PortTakenError(url);
      if (res.statusCode === 200 || res.statusCode === 401) return;
    } catch (err) {
      if (err instanceof PortTakenError) throw err;
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  throw new Error(`docker-registry did not answer ${url}/v2/ within ${READY_TIMEOUT_MS} ms: ${stderr().trim()}`);
}

class PortTakenError extends Error {
  constructor(url: string) {
    super(`another server answers ${url}: the port was taken between probing it and binding it`);
  }
}

async function launch(address: string, port: number, configPath: string, identity: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(REGISTRY_BIN, ['serve', configPath], { stdio: ['ignore', 'ignore', 'pipe'], env: cleanEnv() });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) => reject(new Error(`cannot start ${REGISTRY_BIN}: ${err.message} (apt-get install -y docker-registry)`)));
  });
  await spawned;
  const url = `http://${address}:${port}`;
  try {
    await waitUntilReady(url, identity, child, () => stderr);
  } catch (err) {
    await stopChild(child, STOP_GRACE_MS);
    throw err;
  }
  return { child, url };
}

/** Starts a real registry and resolves once `/v2/` answers. */
export async function startRegistry(opts: StartRegistryOptions = {}): Promise<RunningRegistry> {
  const auth = opts.auth ?? 'none';
  const users = opts.users ?? DEFAULT_USERS;
  const address = opts.address ?? '127.0.0.1';
  const workDir = await mkdtemp(path.join(tmpdir(), 'archway-registry-'));
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : path.join(workDir, 'data');
  await mkdir(dataDir, { recursive: true });

  let tokenServer: RunningTokenServer | undefined;
  let authConfig: Record<string, unknown> | undefined;
  if (auth === 'basic') {
    const htpasswd = path.join(workDir, 'htpasswd');
    await writeHtpasswd(htpasswd, users);
    authConfig = { htpasswd: { realm: 'archway-basic', path: htpasswd } };
  } else if (auth === 'token') {
    tokenServer = await startTokenServer({ ...opts.token, users, address });
    authConfig = {
      token: {
        realm: tokenServer.url,
        service: tokenServer.service,
        issuer: tokenServer.issuer,
        rootcertbundle: tokenServer.certPath,
      },
    };
  }

  // A free port can be taken between probing and binding: retry with a fresh one unless the caller chose it.
  const attempts = opts.port ? 1 : 3;
  let launched: { child: ChildProcess; url: string; port: number } | undefined;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts && !launched; attempt++) {
    const port = opts.port ?? (await freePort(address));
    const configPath = path.join(workDir, 'config.yml');
    const identity = randomBytes(8).toString('hex');
    await writeFile(configPath, registryConfig({ address, port, dataDir, deleteEnabled: opts.deleteEnabled ?? true, auth: authConfig, identity }));
    try {
      launched = { ...(await launch(address, port, configPath, identity)), port };
    } catch (err) {
      lastError = err;
    }
  }
  if (!launched) {
    await tokenServer?.stop();
    await rm(workDir, { recursive: true, force: true });
    throw lastError;
  }

  const { child, url, port } = launched;
  let stopped: Promise<void> | undefined;
  return {
    host: `${address}:${port}`,
    url,
    dataDir,
    auth,
    users,
    tokenServer,
    pid: child.pid ?? -1,
    stop() {
      stopped ??= (async () => {
        await stopChild(child, STOP_GRACE_MS);
        await tokenServer?.stop();
        await rm(workDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/** `npx tsx scripts/lib/registry-process.ts --port 5000 --data DIR [--auth none|basic|token]`: runs until Ctrl-C. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      auth: { type: 'string', default: 'none' },
      user: { type: 'string', multiple: true },
    },
  });
  const auth = values.auth as RegistryAuth;
  if (!['none', 'basic', 'token'].includes(auth)) throw new Error(`--auth must be none, basic or token, not ${auth}`);
  const users = values.user?.length
    ? Object.fromEntries(values.user.map((pair) => [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)]))
    : undefined;
  const registry = await startRegistry({
    auth,
    port: values.port ? Number(values.port) : undefined,
    dataDir: values.data,
    users,
  });
  console.log(`registry ${registry.url} (auth: ${auth}, data: ${registry.dataDir}, pid ${registry.pid}); Ctrl-C stops it`);
  const shutdown = () => {
    void registry.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

// __filename, not import.meta: Playwright specs load this module as CommonJS, and Node takes a file that mentions
// import.meta for an ES module (where `exports` is undefined).
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
