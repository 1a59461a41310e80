import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './registry-process';

/*
 * A throw-away PostgreSQL cluster for tests and the benchmark (real-components.md §6): Debian's binaries, a
 * temp folder, a free loopback port, TCP only. initdb and postgres refuse to run as root, so as root they run as
 * the `postgres` user in a folder it owns. The cluster is stopped and its folder removed by stop(), and killed
 * if the test process exits first.
 */

const run = promisify(execFile);

export type RunningPostgres = {
  /** `postgres://archway:PW@127.0.0.1:PORT/archway`: what ARCHWAY_DATABASE_URL is set to. */
  url: string;
  port: number;
  /** Stops the server, keeping its data (health checks see it down); start() brings it back on the same port. */
  pause(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  stop(): Promise<void>;
};

/** The newest installed PostgreSQL's bin folder, e.g. /usr/lib/postgresql/15/bin. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (scripts/ensure-system-packages.sh test does it)');
  return path.join(root, newest, 'bin');
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the user it accepts: `postgres` when we are root, ourselves otherwise. */
async function asPostgresUser(binary: string, args: string[]): Promise<void> {
  const [command, commandArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  await run(command, commandArgs, { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
}

const clusters = new Set<string>();
// A crashed test run must not leave a postgres behind: stop every cluster this process started.
process.once('exit', () => {
  for (const dataDir of clusters) {
    spawnSync(isRoot ? 'runuser' : path.join(postgresBinDir(), 'pg_ctl'), isRoot ? ['-u', 'postgres', '--', path.join(postgresBinDir(), 'pg_ctl'), '-D', dataDir, '-m', 'immediate', 'stop'] : ['-D', dataDir, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
  }
});

/** initdb, start, and create the `archway` role and database; resolves once it accepts connections. */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  // mkdtemp makes 0700 folders owned by root: the postgres user needs its own, reachable folder.
  const folder = mkdtempSync(path.join(tmpdir(), 'archway-pg-'));
  chmodSync(folder, 0o755);
  const dataDir = path.join(folder, 'data');
  const superPassword = randomBytes(12).toString('hex');
  const password = randomBytes(12).toString('hex');
  writeFileSync(path.join(folder, 'pw'), superPassword, { mode: 0o600 });
  if (isRoot) {
    const { uid, gid } = postgresIds();
    chownSync(folder, uid, gid);
    chownSync(path.join(folder, 'pw'), uid, gid);
  }
  await asPostgresUser(path.join(bin, 'initdb'), [
    '-D', dataDir, '-U', 'postgres', `--pwfile=${path.join(folder, 'pw')}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync',
  ]);
  const port = await freePort();
  const ctl = (...args: string[]) => asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, ...args]);
  const start = async () => {
    await ctl('-l', path.join(folder, 'log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories='' -c fsync=off`, 'start');
    clusters.add(dataDir);
  };
  const pause = async () => {
    await ctl('-m', 'fast', '-w', 'stop');
    clusters.delete(dataDir);
  };
  await start();

  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: superPassword, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE archway LOGIN PASSWORD '${password}'`);
    await admin.query('CREATE DATABASE archway OWNER archway');
  } finally {
    await admin.end();
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://archway:${password}@127.0.0.1:${port}/archway`,
    port,
    pause,
    start,
    stop() {
      stopped ??= (async () => {
        if (clusters.has(dataDir)) await ctl('-m', 'fast', '-w', 'stop').catch(() => undefined);
        clusters.delete(dataDir);
        rmSync(folder, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

function postgresIds(): { uid: number; gid: number } {
  const out = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gidOut = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error('no `postgres` user: apt-get install -y postgresql creates it');
  return { uid: Number(out.stdout.trim()), gid: Number(gidOut.stdout.trim()) };
}
