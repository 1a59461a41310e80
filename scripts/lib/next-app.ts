import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { stopChild } from './stop-child';

/*
 * Builds and starts Archway's production server for the demo, the end-to-end tests and the benchmark.
 * `next build` runs only when the build is missing or older than a source file: a fresh clone builds once,
 * a repeat run starts in a second, and any edit to the app triggers a rebuild.
 */

const ROOT = path.resolve(__dirname, '../..');
const NEXT_BIN = path.join(ROOT, 'node_modules/.bin/next');
/** What the production build is made of; tests beside the code are not. */
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'next.config.js',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'postcss.config.mjs',
  'proxy.ts',
  'instrumentation.ts',
];
const READY_TIMEOUT_MS = 60_000;
/** How long `next start` gets to exit on SIGTERM before it is killed. */
const STOP_GRACE_MS = 5000;

function newestSourceMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stats.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestSourceMtime(path.join(entry, name))), 0);
}

/**
 * Written last of what the servers read: `next build` writes `.next/BUILD_ID` seconds before the server files and the
 * standalone output (next.config.js), which copies BUILD_ID at its end. Another process's build still finishing has
 * the first and not yet this; trusting BUILD_ID alone started a server (the standalone test's) on a half-written build.
 */
const FINISHED_BUILD_ID = '.next/standalone/.next/BUILD_ID';

/** True when `.next` has no finished build, or a source file changed after it. */
export function isBuildStale(root = ROOT): boolean {
  const buildId = path.join(root, '.next/BUILD_ID');
  const finished = path.join(root, FINISHED_BUILD_ID);
  if (!existsSync(buildId) || !existsSync(finished)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  if (statSync(finished).mtimeMs < builtAt) return true;
  return BUILD_INPUTS.some((input) => newestSourceMtime(path.join(root, input)) > builtAt);
}

function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Another `next build` holds `.next` (a teammate's, or a demo's): wait for it instead of failing. */
const BUILD_BUSY = /Another next build process is already running/;
const BUILD_WAIT_MS = 10 * 60_000;
/** The file `next build` holds locked from its start and deletes as it exits. */
const BUILD_LOCK = '.next/lock';

/**
 * True while another `next build` runs in this folder. Waiting for its lock file to go, rather than retrying the build
 * until it stops being refused, matters: a retry started in the last seconds of the other build found the lock free
 * and cleaned `.next` under the server another test had just started from it. A lock file left by a killed build is
 * older than a build ever takes, and is ignored.
 */
function isBuildRunning(root = ROOT): boolean {
  const lock = path.join(root, BUILD_LOCK);
  return existsSync(lock) && Date.now() - statSync(lock).mtimeMs < BUILD_WAIT_MS;
}

/** Runs `next build` once; its output goes to stderr (stdout stays for machine-read lines) and is kept for checks. */
async function runBuild(): Promise<{ code: number; output: string }> {
  const child = spawn(NEXT_BIN, ['build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      output = (output + chunk.toString('utf8')).slice(-8000);
    });
  }
  return { code: await waitForExit(child), output };
}

/** Runs `next build` when the build is stale, waiting out a build someone else is running in the same folder. */
export async function buildIfStale(log: (line: string) => void = (line) => console.error(line)): Promise<'built' | 'fresh'> {
  const deadline = Date.now() + BUILD_WAIT_MS;
  let isWaiting = false;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`another next build in this folder did not finish within ${BUILD_WAIT_MS / 60_000} minutes`);
    if (isBuildRunning()) {
      if (!isWaiting) log('Another next build is running in this folder; waiting for it to finish...');
      isWaiting = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    if (!isBuildStale()) {
      log('Archway build is up to date (.next is newer than every source file)');
      return 'fresh';
    }
    log('Building Archway (next build)...');
    const { code, output } = await runBuild();
    if (code === 0) return 'built';
    // Two builds started at once: the other one took the lock, so wait for it as above.
    if (!BUILD_BUSY.test(output)) throw new Error(`next build failed with exit code ${code}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export type RunningNext = {
  url: string;
  pid: number;
  /** Resolves with the exit code (or the signal's name) once the process has exited, however it ended. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
};

/** Starts `next start` on a port and resolves once it answers HTTP; stop() ends it by PID. */
export async function startNext(options: { port: number; hostname?: string; env?: Record<string, string>; logFile?: string }): Promise<RunningNext> {
  const hostname = options.hostname ?? '127.0.0.1';
  // The server's stdout and stderr: this process's stderr, or a file the e2e secret scan reads afterwards.
  const output = options.logFile ? openSync(options.logFile, 'a') : 2;
  const child = spawn(NEXT_BIN, ['start', '-p', String(options.port), '-H', hostname], {
    cwd: ROOT,
    stdio: ['ignore', output, output],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env },
  });
  return untilAnswering(child, `http://${hostname}:${options.port}`);
}

/**
 * Resolves once a server process answers HTTP at `url`; stop() ends it by PID (SIGTERM, then SIGKILL). It is
 * killed synchronously if this process exits without stop(): next-server renames itself, so only the PID finds it.
 */
export async function untilAnswering(child: ChildProcess, url: string): Promise<RunningNext> {
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopChild(child, STOP_GRACE_MS);
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited with ${child.exitCode ?? child.signalCode} before answering ${url}`);
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      return { url, pid: child.pid ?? -1, exited, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new Error(`the server did not answer ${url} within ${READY_TIMEOUT_MS} ms`);
}

// `tsx scripts/lib/next-app.ts build-if-stale`: for the shell scripts.
// __filename, not import.meta: Playwright specs load this module as CommonJS, and Node takes a file that mentions
// import.meta for an ES module (where `exports` is undefined).
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  if (process.argv[2] !== 'build-if-stale') {
    console.error('usage: next-app.ts build-if-stale');
    process.exit(2);
  }
  buildIfStale().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
