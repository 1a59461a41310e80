import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/lib/server/data-dir';
import { writePrivateFileOnce } from '@/lib/server/private-files';
import { MIN_SESSION_SECRET_LENGTH } from './settings';

/** The file a generated secret is kept in, inside ARCHWAY_DATA_DIR. */
export const SECRET_FILE = 'session-secret';

const globalForSecret = globalThis as typeof globalThis & { __archwaySessionSecret?: { dir: string; secret: string } };

/**
 * The key that seals session cookies: ARCHWAY_SESSION_SECRET when set (replicas share it), else one generated once
 * into the data folder (private to the server's user), so a server started with no settings still has sessions
 * that survive a restart.
 */
export function sessionSecret(configured: string | undefined): string {
  if (configured) return configured;
  const dir = dataDir();
  const cached = globalForSecret.__archwaySessionSecret;
  if (cached?.dir === dir) return cached.secret;
  const secret = readOrCreateSecret(dir);
  globalForSecret.__archwaySessionSecret = { dir, secret };
  return secret;
}

function readOrCreateSecret(dir: string): string {
  const file = path.join(dir, SECRET_FILE);
  const existing = readSecret(file);
  if (existing) return existing;
  const secret = randomBytes(48).toString('base64url');
  // Created exclusively: two processes starting together must not each write their own; the loser reads the winner's.
  const written = writePrivateFileOnce(file, `${secret}\n`).trim();
  if (written.length < MIN_SESSION_SECRET_LENGTH) {
    throw new Error(`${file} holds no usable session secret (${MIN_SESSION_SECRET_LENGTH}+ characters): delete it or set ARCHWAY_SESSION_SECRET.`);
  }
  if (written === secret) {
    console.warn(
      `[archway] ARCHWAY_SESSION_SECRET is not set: generated one into ${file}. Replicas must share one secret: set ARCHWAY_SESSION_SECRET (32+ characters) on each.`,
    );
  }
  return written;
}

function readSecret(file: string): string | null {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    return text.length >= MIN_SESSION_SECRET_LENGTH ? text : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
