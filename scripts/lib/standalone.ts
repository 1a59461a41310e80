import { spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { untilAnswering, type RunningNext } from './next-app';

/*
 * The standalone server as every deployment runs it (the Dockerfile's runtime stage does the same copy): the
 * contents of .next/standalone, with .next/static and public beside server.js, in a folder of its own.
 */

const ROOT = path.resolve(__dirname, '../..');
/** Debian's `nobody`: an unprivileged user that owns nothing. */
export const NOBODY = { uid: 65534, gid: 65534 };

/** Copies the built standalone server into `dest` (an empty folder) and makes the whole tree read-only. */
export function installStandalone(dest: string): void {
  const standalone = path.join(ROOT, '.next/standalone');
  if (!existsSync(path.join(standalone, 'server.js'))) throw new Error('no .next/standalone/server.js: run `npm run build` (next.config.js has output: standalone)');
  cpSync(standalone, dest, { recursive: true });
  cpSync(path.join(ROOT, '.next/static'), path.join(dest, '.next/static'), { recursive: true });
  if (existsSync(path.join(ROOT, 'public'))) cpSync(path.join(ROOT, 'public'), path.join(dest, 'public'), { recursive: true });
  makeReadOnly(dest);
}

/** Files r--r--r--, folders r-xr-xr-x: readable by the server's user, writable by nobody but root. */
function makeReadOnly(entry: string): void {
  const stats = statSync(entry);
  if (stats.isDirectory()) {
    for (const name of readdirSync(entry)) makeReadOnly(path.join(entry, name));
    chmodSync(entry, 0o555);
  } else {
    chmodSync(entry, 0o444);
  }
}

export type StartStandaloneOptions = {
  dir: string;
  port: number;
  env?: Record<string, string>;
  /** Run as this user (needs root); default: as this process. */
  user?: { uid: number; gid: number };
};

/** Runs `node server.js` from an installed standalone folder and resolves once it answers. */
export async function startStandalone(options: StartStandaloneOptions): Promise<RunningNext & { output: () => string }> {
  const child = spawn(process.execPath, [path.join(options.dir, 'server.js')], {
    cwd: options.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Nothing of the test's own environment: the server must start with its settings alone.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', HOSTNAME: '127.0.0.1', PORT: String(options.port), ...options.env },
    ...(options.user ?? {}),
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-200_000);
    });
  }
  const running = await untilAnswering(child, `http://127.0.0.1:${options.port}`).catch((err: Error) => {
    throw new Error(`${err.message}\n${output}`);
  });
  return { ...running, output: () => output };
}

/**
 * Deploys the standalone server as the container image runs it: installed read-only in `workDir/app`, run as
 * `nobody` when this process is root (root ignores file modes, so the switch is what makes read-only real), with
 * `dataDir` the one writable folder. The folders on the way are opened for traversal (mkdtemp makes them 0700).
 */
export async function deployStandalone(options: { workDir: string; dataDir: string; port: number; env?: Record<string, string> }) {
  const appDir = path.join(options.workDir, 'app');
  installStandalone(appDir);
  chmodSync(options.workDir, 0o755);
  mkdirSync(options.dataDir, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  if (isRoot) chownSync(options.dataDir, NOBODY.uid, NOBODY.gid);
  const server = await startStandalone({
    dir: appDir,
    port: options.port,
    env: { ARCHWAY_DATA_DIR: options.dataDir, ...options.env },
    user: isRoot ? NOBODY : undefined,
  });
  return { ...server, appDir, isUnprivileged: isRoot };
}
