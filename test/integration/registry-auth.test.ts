import { toAppError } from '@/lib/api/error-mapping';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentCache } from '@/lib/registry/cache';
import { createRegistryClient, type RegistryClientOptions } from '@/lib/registry/client';
import type { RegistryClient } from '@/lib/registry/types';
import { pushImage } from '@/scripts/lib/image-builder';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import type { TokenAcl } from '@/scripts/lib/token-server';
import { registryRejection } from '@/test/support/registry-error';
import { makeImage } from '@/test/support/images';

// Anonymous, Basic (htpasswd) and Bearer token auth against real registries and our token server.

const USERS = { archway: 'archway-secret', reader: 'reader-secret', pusher: 'pusher-secret' };
const amd64 = { os: 'linux', architecture: 'amd64' };

/** archway: everything; pusher: pull and push, no delete; reader: pull; anonymous: pull on public/*. */
const acl: TokenAcl = (account, requested) => {
  if (account === 'archway') return requested.actions;
  if (account === 'pusher') return requested.actions.filter((a) => a === 'pull' || a === 'push');
  if (account === 'reader') return requested.actions.filter((a) => a === 'pull');
  return requested.type === 'repository' && requested.name.startsWith('public/') ? requested.actions.filter((a) => a === 'pull') : [];
};

let basic: RunningRegistry;
let token: RunningRegistry;
let shortTokens: RunningRegistry;
let noOAuth: RunningRegistry;

function client(registry: RunningRegistry, options: RegistryClientOptions = {}): RegistryClient {
  return createRegistryClient(registry.host, { cache: new ContentCache(16 * 1024 * 1024), ...options });
}

function as(user: keyof typeof USERS) {
  return { kind: 'basic' as const, username: user, password: USERS[user] };
}


beforeAll(async () => {
  [basic, token, shortTokens, noOAuth] = await Promise.all([
    startRegistry({ auth: 'basic', users: USERS }),
    startRegistry({ auth: 'token', users: USERS, token: { acl } }),
    startRegistry({ auth: 'token', users: USERS, token: { acl, replyFields: ['access_token'] } }),
    startRegistry({ auth: 'token', users: USERS, token: { acl, oauth: false } }),
  ]);
});

afterAll(async () => {
  await Promise.all([basic?.stop(), token?.stop(), shortTokens?.stop(), noOAuth?.stop()]);
});

describe('Basic auth (htpasswd)', () => {
  it('sends the credentials straight to the registry and never asks a token server', async () => {
    const c = client(basic, { credentials: as('archway') });
    const image = makeImage(amd64, 'basic');
    await pushImage(c, 'team/basic', image, 'v1');
    expect((await c.getManifest('team/basic', 'v1')).digest).toBe(image.manifest.digest);
    expect(c.stats().tokenRequests).toBe(0);
  });

  it('says credentials are needed when there are none, and UNAUTHORIZED when they are wrong', async () => {
    const anonymous = await registryRejection(client(basic, { credentials: null }).listTags('team/basic'));
    expect(toAppError(anonymous).code).toBe('UNAUTHORIZED');
    expect(anonymous.message).toMatch(/needs credentials/);

    const wrong = await registryRejection(client(basic, { credentials: { kind: 'basic', username: 'archway', password: 'not-it' } }).listTags('team/basic'));
    expect(toAppError(wrong).code).toBe('UNAUTHORIZED');
    expect(wrong.message).toContain('archway');
    expect(wrong.message).not.toContain('not-it');
  });
});

describe('Bearer token auth', () => {
  it('pushes and reads with one token per scope set, reused until it expires', async () => {
    let now = Date.now();
    const c = client(token, { credentials: as('archway'), now: () => now });
    const image = makeImage(amd64, 'token');
    await pushImage(c, 'team/token', image, 'v1');
    const log = token.tokenServer!.requests;
    const pullRequests = () => log.filter((r) => r.scopes.join(' ') === 'repository:team/token:pull').length;
    // The push already needed pull (HEAD of its blobs): that token serves every read that follows.
    expect(pullRequests()).toBe(1);
    for (let i = 0; i < 3; i++) await c.headManifest('team/token', 'v1');
    await c.listTags('team/token');
    expect(pullRequests()).toBe(1);
    // The server said expires_in 300: near its end (less a safety margin) the client asks again.
    now += 295_000;
    await c.headManifest('team/token', 'v1');
    expect(pullRequests()).toBe(2);
    expect(log.at(-1)).toMatchObject({ method: 'GET', account: 'archway' });
  });

  it('shares one token request between parallel requests', async () => {
    const c = client(token, { credentials: as('archway') });
    const image = makeImage(amd64, 'parallel');
    await pushImage(client(token, { credentials: as('archway') }), 'team/parallel', image, 'v1');
    await Promise.all(Array.from({ length: 8 }, (_, i) => c.headManifest('team/parallel', i % 2 ? 'v1' : image.manifest.digest)));
    expect(c.stats().tokenRequests).toBe(1);
  });

  it('treats a token with only access_token and no expires_in as valid for 60 s', async () => {
    let now = Date.now();
    const c = client(shortTokens, { credentials: as('archway'), now: () => now });
    await pushImage(c, 'team/short', makeImage(amd64, 'short'), 'v1');
    const requests = () => c.stats().tokenRequests;
    await c.headManifest('team/short', 'v1');
    const afterFirst = requests();
    now += 45_000;
    await c.headManifest('team/short', 'v1');
    expect(requests()).toBe(afterFirst);
    now += 20_000;
    await c.headManifest('team/short', 'v1');
    expect(requests()).toBe(afterFirst + 1);
  });

  it('re-authenticates once on insufficient_scope, then reports DENIED without the password', async () => {
    const c = client(token, { credentials: as('reader') });
    const image = makeImage(amd64, 'denied');
    const pushScope = 'repository:team/denied:pull,push';
    const log = token.tokenServer!.requests;
    const before = log.filter((r) => r.scopes.includes(pushScope)).length;
    const err = await registryRejection(c.uploadBlob('team/denied', image.layer.digest, image.layer.bytes));
    expect(log.filter((r) => r.scopes.includes(pushScope)).length - before).toBe(2);
    expect(toAppError(err).code).toBe('DENIED');
    expect(err.message).toMatch(/reader do not grant/);
    expect(err.message).not.toContain(USERS.reader);
  });

  it('gets anonymous tokens for public pulls and asks for credentials to push', async () => {
    const owner = client(token, { credentials: as('archway') });
    const image = makeImage(amd64, 'public');
    await pushImage(owner, 'public/app', image, 'v1');
    const anonymous = client(token, { credentials: null });
    expect((await anonymous.getManifest('public/app', 'v1')).digest).toBe(image.manifest.digest);
    expect(token.tokenServer!.requests.at(-1)).toMatchObject({ account: null, granted: [{ name: 'public/app', actions: ['pull'] }] });
    const err = await registryRejection(anonymous.putManifest('public/app', 'v2', image.manifest.bytes, image.manifest.mediaType));
    expect(toAppError(err).code).toBe('UNAUTHORIZED');
    expect(err.message).toMatch(/needs credentials/);
  });

  it('mounts across repositories with a token for push on the target and pull on the source', async () => {
    const owner = client(token, { credentials: as('archway') });
    const image = makeImage(amd64, 'mount');
    await pushImage(owner, 'src/mount', image);
    const pusher = client(token, { credentials: as('pusher') });
    expect(await pusher.mountBlob('dst/mount', image.layer.digest, 'src/mount')).toBe('mounted');
    const mountRequest = token.tokenServer!.requests.find((r) => r.scopes.includes('repository:src/mount:pull') && r.scopes.length === 2);
    expect(mountRequest?.scopes.sort()).toEqual(['repository:dst/mount:pull,push', 'repository:src/mount:pull']);
    expect(await pusher.hasBlob('dst/mount', image.layer.digest)).toBe(true);
  });

  it('needs the delete action to delete', async () => {
    const image = makeImage(amd64, 'delete');
    await pushImage(client(token, { credentials: as('archway') }), 'team/delete', image, 'v1');
    const denied = await registryRejection(client(token, { credentials: as('pusher') }).deleteManifest('team/delete', image.manifest.digest));
    expect(toAppError(denied).code).toBe('DENIED');
    await client(token, { credentials: as('archway') }).deleteManifest('team/delete', image.manifest.digest);
    expect(await client(token, { credentials: as('archway') }).headManifest('team/delete', 'v1')).toBeNull();
  });

  it('lists the catalog with a registry:catalog:* token', async () => {
    const c = client(token, { credentials: as('archway') });
    await pushImage(c, 'team/catalog', makeImage(amd64, 'catalog'), 'v1');
    expect(await c.catalog()).toContain('team/catalog');
    expect(token.tokenServer!.requests.some((r) => r.scopes.includes('registry:catalog:*'))).toBe(true);
  });

  it('exchanges an identity token with the OAuth POST flow', async () => {
    const identityToken = token.tokenServer!.issueRefreshToken('archway');
    const c = client(token, { credentials: { kind: 'identity', identityToken } });
    await pushImage(c, 'team/oauth', makeImage(amd64, 'oauth'), 'v1');
    expect(await c.listTags('team/oauth')).toEqual(['v1']);
    expect(token.tokenServer!.requests.at(-1)).toMatchObject({ method: 'POST', account: 'archway' });
  });

  it('falls back to GET when the token server has no OAuth endpoint (POST 404)', async () => {
    const identityToken = noOAuth.tokenServer!.issueRefreshToken('archway');
    const c = client(noOAuth, { credentials: { kind: 'identity', identityToken } });
    await pushImage(c, 'team/fallback', makeImage(amd64, 'fallback'), 'v1');
    expect(await c.listTags('team/fallback')).toEqual(['v1']);
    expect(noOAuth.tokenServer!.requests.every((r) => r.method === 'GET' && r.account === 'archway')).toBe(true);
    // Each scope set: a POST answered 404, then the GET.
    expect(c.stats().tokenRequests).toBe(2 * noOAuth.tokenServer!.requests.length);
  });

  it('sends a registry token as the bearer token without asking the token server', async () => {
    await pushImage(client(token, { credentials: as('archway') }), 'team/registry-token', makeImage(amd64, 'registry-token'), 'v1');
    const server = token.tokenServer!;
    const url = `${server.url}?service=${server.service}&scope=repository:team/registry-token:pull`;
    const reply = (await (await fetch(url, { headers: { authorization: `Basic ${Buffer.from('archway:archway-secret').toString('base64')}` } })).json()) as { token: string };
    const c = client(token, { credentials: { kind: 'registry-token', registryToken: reply.token } });
    expect(await c.listTags('team/registry-token')).toEqual(['v1']);
    expect(c.stats().tokenRequests).toBe(0);
  });
});

describe('credentials from the docker config', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'archway-docker-config-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeConfig(name: string, config: unknown): Promise<string> {
    const configDir = path.join(dir, name);
    await rm(configDir, { recursive: true, force: true });
    await mkdir(configDir, { recursive: true });
    await writeFile(path.join(configDir, 'config.json'), JSON.stringify(config));
    return configDir;
  }

  const auth = (user: keyof typeof USERS) => Buffer.from(`${user}:${USERS[user]}`).toString('base64');

  it('reads auths; a key with a scheme matches by host', async () => {
    const configDir = await writeConfig('auths', { auths: { [`http://${token.host}/v1/`]: { auth: auth('archway') } } });
    const c = client(token, { env: { DOCKER_CONFIG: configDir } });
    await pushImage(c, 'team/config', makeImage(amd64, 'config'), 'v1');
    expect(token.tokenServer!.requests.at(-1)?.account).toBe('archway');
  });

  it('lets DOCKER_AUTH_CONFIG override the file', async () => {
    const wrong = Buffer.from('archway:wrong-password').toString('base64');
    const configDir = await writeConfig('override', { auths: { [basic.host]: { auth: wrong } } });
    const env = { DOCKER_CONFIG: configDir, DOCKER_AUTH_CONFIG: JSON.stringify({ auths: { [basic.host]: { auth: auth('archway') } } }) };
    await pushImage(client(basic, { env }), 'team/override', makeImage(amd64, 'override'), 'v1');
    await expect(client(basic, { env: { DOCKER_CONFIG: configDir } }).listTags('team/override')).rejects.toThrow(/refused/);
  });

  it('asks a credential helper; "not found" means anonymous and <token> means an identity token', async () => {
    const bin = path.join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    const identityToken = token.tokenServer!.issueRefreshToken('archway');
    const helper = path.join(bin, 'docker-credential-archwaytest');
    await writeFile(
      helper,
      [
        '#!/bin/sh',
        'read server',
        `if [ "$server" = "${token.host}" ]; then echo '{"ServerURL":"'$server'","Username":"<token>","Secret":"${identityToken}"}'; exit 0; fi`,
        'echo "credentials not found in native keychain"; exit 1',
      ].join('\n'),
    );
    await chmod(helper, 0o755);
    const configDir = await writeConfig('helper', { credsStore: 'archwaytest' });
    const previousPath = process.env.PATH;
    process.env.PATH = `${bin}:${previousPath}`;
    try {
      const c = client(token, { env: { DOCKER_CONFIG: configDir } });
      await pushImage(c, 'team/helper', makeImage(amd64, 'helper'), 'v1');
      expect(token.tokenServer!.requests.at(-1)).toMatchObject({ method: 'POST', account: 'archway' });
      const anonymous = await registryRejection(client(basic, { env: { DOCKER_CONFIG: configDir } }).listTags('team/basic'));
      expect(anonymous.message).toMatch(/needs credentials/);
    } finally {
      process.env.PATH = previousPath;
    }
  });
});
