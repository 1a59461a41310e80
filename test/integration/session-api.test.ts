import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getHistory } from '@/app/api/v1/history/route';
import { GET as getInspect } from '@/app/api/v1/inspect/route';
import { POST as postPush } from '@/app/api/v1/push/route';
import { POST as postRevert } from '@/app/api/v1/revert/route';
import { DELETE as deleteRegistry } from '@/app/api/v1/session/registries/[registry]/route';
import { GET as getRegistries, POST as postRegistry } from '@/app/api/v1/session/registries/route';
import { DELETE as deleteSession, GET as getSession } from '@/app/api/v1/session/route';
import { registryApi } from '@/e2e/fixtures/registry';
import { ErrorBody } from '@/lib/api/errors';
import { HistoryResponse, PushResponse, type PushRequest } from '@/lib/api/push';
import { RegistriesResponse, RegistrySignInSummary, SessionResponse } from '@/lib/api/session';
import { closeAuditStores } from '@/lib/audit/log';
import { createRegistryClient } from '@/lib/registry/client';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import type { TokenAcl } from '@/scripts/lib/token-server';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { apiRequest, CookieJar, fromPeer } from '@/test/support/api-requests';

/*
 * Each person's registry access through the real route handlers (issue 7 §2-3): signing in to a Basic and a
 * token-auth registry (checked with the registry first), the rate limit, own credentials over the shared robot
 * account, and who may push with the robot account. Registries are real docker-registry processes.
 */

const ROBOT = { username: 'robot', password: 'robot-secret-1' };
const ALICE = { username: 'alice', password: 'alice-secret-1' };
const READER = { username: 'reader', password: 'reader-secret-1' };
const WRITER = { username: 'writer', password: 'writer-secret-1' };

// The token registry's rights: the writer may do anything, the reader only pull, nobody anonymous.
const tokenAcl: TokenAcl = (account, requested) => (account === 'writer' ? requested.actions : account === 'reader' ? requested.actions.filter((a) => a === 'pull') : []);

let basic: RunningRegistry;
let token: RunningRegistry;
let open: RunningRegistry;
let basicSeed: SeedResult<'x8664' | 'arm64v8'>;
let tokenSeed: SeedResult<'x8664'>;
let dataDir: string;

const PROXY = '10.9.0.1';
const ENV = {
  ARCHWAY_SESSION_SECRET: 'the-session-secret-of-the-session-api-test-0123456789',
  ARCHWAY_USER_HEADER: 'x-forwarded-user',
  ARCHWAY_TRUSTED_PROXIES: '10.9.0.0/16',
  ARCHWAY_WRITERS: 'lead@example.com, group:release',
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archway-session-api-'));
  [basic, token, open] = await Promise.all([
    startRegistry({ auth: 'basic', users: { [ROBOT.username]: ROBOT.password, [ALICE.username]: ALICE.password } }),
    startRegistry({ auth: 'token', users: { [READER.username]: READER.password, [WRITER.username]: WRITER.password }, token: { acl: tokenAcl } }),
    startRegistry(),
  ]);
  const robotAuth = Buffer.from(`${ROBOT.username}:${ROBOT.password}`).toString('base64');
  Object.assign(process.env, ENV, {
    ARCHWAY_DATA_DIR: dataDir,
    // The team's robot account, for the Basic registry only.
    DOCKER_AUTH_CONFIG: JSON.stringify({ auths: { [basic.host]: { auth: robotAuth } } }),
  });
  basicSeed = await seedDemo(createRegistryClient(basic.host, { credentials: { kind: 'basic', ...ROBOT } }), { only: ['x8664', 'arm64v8'] });
  tokenSeed = await seedDemo(createRegistryClient(token.host, { credentials: { kind: 'basic', ...WRITER } }), { only: ['x8664'] });
});

afterAll(async () => {
  await Promise.all([basic?.stop(), token?.stop(), open?.stop()]);
  await closeAuditStores();
  for (const key of [...Object.keys(ENV), 'ARCHWAY_DATA_DIR', 'DOCKER_AUTH_CONFIG', 'ARCHWAY_SHARED_CREDENTIALS']) delete process.env[key];
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Signs `jar` in to a registry; returns the answer. */
async function signIn(jar: CookieJar, registry: string, credentials: { username: string; password: string }, peer = '192.0.2.1') {
  const response = await postRegistry(apiRequest('/api/v1/session/registries', { body: { registry, ...credentials }, headers: { ...jar.header(), ...fromPeer(peer) } }));
  jar.take(response);
  return response;
}

async function errorOf(response: Response) {
  return ErrorBody.parse(await response.json()).error;
}

const listOf = (seed: SeedResult<'x8664' | 'arm64v8'>, target: string): PushRequest => ({
  target,
  base: null,
  manifests: [{ source: seed.references.x8664 }, { source: seed.references.arm64v8 }],
});

function push(body: PushRequest, headers: Record<string, string> = {}) {
  return postPush(apiRequest('/api/v1/push', { body, headers }));
}

/** The request headers of a person named by the trusted proxy. */
const viaProxy = (name: string) => ({ 'x-forwarded-user': name, ...fromPeer(PROXY) });

async function historyOf(ref: string) {
  const response = await getHistory(apiRequest(`/api/v1/history?ref=${encodeURIComponent(ref)}`));
  return HistoryResponse.parse(await response.json()).entries;
}

describe('POST /api/v1/session/registries', () => {
  it('keeps credentials a Basic registry accepted, in an encrypted httpOnly cookie, and never sends the password back', async () => {
    const jar = new CookieJar();
    const response = await signIn(jar, basic.host.toUpperCase(), ALICE);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(RegistrySignInSummary.parse(JSON.parse(text))).toEqual({ registry: basic.host, username: 'alice' });
    expect(text).not.toContain(ALICE.password);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('archway-session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).not.toContain(ALICE.password);
    expect(Buffer.from(jar.get('archway-session')!, 'utf8').toString()).not.toContain('alice');

    const listed = RegistriesResponse.parse(await (await getRegistries(apiRequest('/api/v1/session/registries', { headers: jar.header() }))).json());
    expect(listed.registries).toEqual([{ registry: basic.host, username: 'alice' }]);
    const session = SessionResponse.parse(await (await getSession(apiRequest('/api/v1/session', { headers: jar.header() }))).json());
    expect(session).toEqual({ user: { name: `alice@${basic.host}`, email: null, groups: [], via: 'registry' }, registries: listed.registries, oidc: false });
  });

  it('answers 401 with the registry reason for refused credentials, and 400 for a registry that asks for none', async () => {
    const wrong = { username: 'alice', password: 'not-the-password-42' };
    for (const registry of [basic, token]) {
      const response = await signIn(new CookieJar(), registry.host, wrong, '192.0.2.2');
      expect(response.status).toBe(401);
      const error = await errorOf(response);
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.message).toContain(registry.host);
      expect(error.message).toContain('alice');
      expect(JSON.stringify(error)).not.toContain(wrong.password);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    const anonymous = await signIn(new CookieJar(), open.host, ALICE, '192.0.2.2');
    expect(anonymous.status).toBe(400);
    expect((await errorOf(anonymous)).message).toContain('asks for no credentials');
  });

  it('limits sign-in attempts per client address with 429 and Retry-After', async () => {
    process.env.ARCHWAY_SIGNIN_ATTEMPTS_PER_MINUTE = '3';
    try {
      const wrong = { username: 'alice', password: 'guess' };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await signIn(new CookieJar(), basic.host, wrong, '192.0.2.77')).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await signIn(new CookieJar(), basic.host, ALICE, '192.0.2.77');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address is not held back by the first one's guesses.
      expect((await signIn(new CookieJar(), basic.host, ALICE, '192.0.2.78')).status).toBe(200);
    } finally {
      delete process.env.ARCHWAY_SIGNIN_ATTEMPTS_PER_MINUTE;
    }
  });

  it('signs out of one registry, then of everything', async () => {
    const jar = new CookieJar();
    await signIn(jar, basic.host, ALICE);
    await signIn(jar, token.host, READER);
    const removed = await deleteRegistry(apiRequest(`/api/v1/session/registries/${encodeURIComponent(basic.host)}`, { method: 'DELETE', headers: jar.header() }), {
      params: Promise.resolve({ registry: encodeURIComponent(basic.host) }),
    });
    expect(removed.status).toBe(204);
    jar.take(removed);
    const listed = RegistriesResponse.parse(await (await getRegistries(apiRequest('/api/v1/session/registries', { headers: jar.header() }))).json());
    expect(listed.registries).toEqual([{ registry: token.host, username: 'reader' }]);
    const signedOut = await deleteSession(apiRequest('/api/v1/session', { method: 'DELETE', headers: jar.header() }));
    expect(signedOut.status).toBe(204);
    jar.take(signedOut);
    expect(jar.get('archway-session')).toBeUndefined();
  });
});

describe('reading with a person’s own access', () => {
  it('shows a private image only to a session signed in to its registry, and never from another session’s cache', async () => {
    const ref = tokenSeed.references.x8664;
    const inspect = (jar: CookieJar) => getInspect(apiRequest(`/api/v1/inspect?ref=${encodeURIComponent(ref)}`, { headers: jar.header() }));
    const stranger = new CookieJar();
    const before = await inspect(stranger);
    expect(before.status).toBe(401);
    expect((await errorOf(before)).details).toMatchObject({ registry: token.host });

    const reader = new CookieJar();
    expect((await signIn(reader, token.host, READER)).status).toBe(200);
    const seen = await inspect(reader);
    expect(seen.status).toBe(200);
    expect((await seen.json()).digest).toBe(tokenSeed.digests.x8664);
    // The reader's read is cached by digest, but the stranger is still asked for credentials.
    expect((await inspect(stranger)).status).toBe(401);
  });
});

describe('who may push with which credentials', () => {
  it('pushes with a person’s own sign-in over the shared robot account, and records both identities', async () => {
    const jar = new CookieJar();
    await signIn(jar, basic.host, ALICE);
    const target = `${basic.host}/team/own:1`;
    const response = await push(listOf(basicSeed, target), jar.header());
    expect(response.status).toBe(200);
    const result = PushResponse.parse(await response.json());
    expect((await historyOf(target))[0]).toMatchObject({ user: `alice@${basic.host}`, registryUser: 'alice', after: result.digest });
  });

  it('refuses a push the policy does not allow before writing anything: 401 for nobody, 403 for a non-writer', async () => {
    const target = `${basic.host}/team/policy:1`;
    const anonymous = await push(listOf(basicSeed, target));
    expect(anonymous.status).toBe(401);
    expect(await errorOf(anonymous)).toMatchObject({ code: 'UNAUTHORIZED', details: { registry: basic.host, signIn: true } });
    const stranger = await push(listOf(basicSeed, target), viaProxy('dev@example.com'));
    expect(stranger.status).toBe(403);
    expect((await errorOf(stranger)).code).toBe('FORBIDDEN');
    expect(await registryApi(basic.host).tagDigest('team/policy', '1').catch(() => null)).toBeNull();
    expect(await historyOf(target)).toEqual([]);
  });

  it('lets ARCHWAY_WRITERS push with the shared account, and everyone signed in under write; off uses it for nothing', async () => {
    const target = `${basic.host}/team/shared:1`;
    const lead = await push(listOf(basicSeed, target), viaProxy('lead@example.com'));
    expect(lead.status).toBe(200);
    const first = PushResponse.parse(await lead.json());
    expect((await historyOf(target))[0]).toMatchObject({ user: 'lead@example.com', registryUser: 'robot' });

    process.env.ARCHWAY_SHARED_CREDENTIALS = 'write';
    try {
      const again = { ...listOf(basicSeed, target), base: first.digest, manifests: [{ source: basicSeed.references.x8664 }] };
      const dev = await push(again, viaProxy('dev@example.com'));
      expect(dev.status).toBe(200);
      expect((await historyOf(target))[0]).toMatchObject({ user: 'dev@example.com', registryUser: 'robot' });
      const second = PushResponse.parse(await dev.json());

      process.env.ARCHWAY_SHARED_CREDENTIALS = 'off';
      const revert = await postRevert(apiRequest('/api/v1/revert', { body: { ref: target, digest: first.digest, base: second.digest }, headers: viaProxy('lead@example.com') }));
      expect(revert.status).toBe(403);
      const read = await getInspect(apiRequest(`/api/v1/inspect?ref=${encodeURIComponent(target)}`, { headers: viaProxy('lead@example.com') }));
      expect(read.status).toBe(401);
    } finally {
      delete process.env.ARCHWAY_SHARED_CREDENTIALS;
    }
  });

  it('lets the registry refuse a push the person’s own account may not make (403 DENIED), with nothing written', async () => {
    const jar = new CookieJar();
    await signIn(jar, token.host, READER);
    const target = `${token.host}/demo/reader-push:1`;
    const response = await push({ target, base: null, manifests: [{ source: tokenSeed.references.x8664 }] }, jar.header());
    expect(response.status).toBe(403);
    const error = await errorOf(response);
    // Refused at the first write (a blob mount into the target), so nothing reached the registry.
    expect(error).toMatchObject({ code: 'DENIED', details: { cause: { registry: token.host } } });
    expect(error.message).toContain('reader');
    expect(await historyOf(target)).toEqual([]);
  });
});
