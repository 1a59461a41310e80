import type { IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Digest } from '@/lib/oci/digest';
import { appErrorFromRegistry } from '@/lib/api/error-mapping';
import { ContentCache } from '@/lib/registry/cache';
import { createRegistryClient } from '@/lib/registry/client';
import type { Credentials } from '@/lib/registry/credentials';
import { agentFetch, createAgents } from '@/lib/registry/transport';
import { answer, makeTestCertificate, startHostileServer, testLookup, type HostileHandler, type HostileServer, type TestCertificate } from '@/test/support/hostile-hosts';
import { registryRejection } from '@/test/support/registry-error';

/*
 * A hostile registry and its accomplices try to get the registry's credentials sent somewhere else, or to make
 * Archway reach a cloud metadata address (issue 7 §4). Every server records what it was sent; each test asserts
 * where the secret went and where it did not.
 */

const PASSWORD = 'hostile-test-password-6f1c0e';
const REFRESH_TOKEN = 'hostile-test-refresh-token-93ab7d';
const BASIC: Credentials = { kind: 'basic', username: 'robot', password: PASSWORD };
const IDENTITY: Credentials = { kind: 'identity', username: 'robot', identityToken: REFRESH_TOKEN };
const SECRETS = [PASSWORD, REFRESH_TOKEN, Buffer.from(`robot:${PASSWORD}`).toString('base64'), Buffer.from(`robot:${REFRESH_TOKEN}`).toString('base64')];
const BLOB = sha256Digest(new TextEncoder().encode('hostile blob'));
const TOKEN_REPLY = JSON.stringify({ token: 'granted-token', expires_in: 300 });

const NAMES: Record<string, string> = {
  'registry.example.test': '127.0.0.1',
  'auth.example.test': '127.0.0.1',
  'storage.other.test': '127.0.0.1',
  'tokens.evil.test': '127.0.0.1',
  'metadata.test': '169.254.169.254',
};

let cert: TestCertificate;
let fetchViaTestDns: ReturnType<typeof agentFetch>;
const servers: HostileServer[] = [];

beforeAll(() => {
  cert = makeTestCertificate(['*.example.test', '*.other.test', '*.evil.test', 'metadata.test']);
  fetchViaTestDns = agentFetch(createAgents({ timeoutMs: 5000, lookup: testLookup(NAMES), ca: cert.cert }));
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

afterAll(() => undefined);

async function server(name: string, handler: HostileHandler, opts: { plain?: boolean } = {}): Promise<HostileServer> {
  const started = await startHostileServer(name, handler, opts.plain ? undefined : cert);
  servers.push(started);
  return started;
}

function client(registry: string, credentials: Credentials | null, env: Record<string, string> = {}) {
  return createRegistryClient(registry, { credentials, fetch: fetchViaTestDns, cache: new ContentCache(1024 * 1024), env, timeoutMs: 5000 });
}

function expectNoSecret(...wrongHosts: HostileServer[]): void {
  for (const host of wrongHosts) {
    const seen = host.everythingSeen();
    for (const secret of SECRETS) expect(seen, `${host.host} saw a secret`).not.toContain(secret);
  }
}

const hasAuthorization = (req: IncomingMessage) => req.headers.authorization !== undefined;

/** A registry that wants Basic credentials and redirects every blob to `blobLocation`. */
function basicRegistryRedirectingBlobsTo(blobLocation: () => string): HostileHandler {
  return (req, res) => {
    if (!hasAuthorization(req)) return answer(res, 401, { 'www-authenticate': 'Basic realm="registry"' });
    if (req.url?.includes('/blobs/')) return answer(res, 307, { location: blobLocation() });
    answer(res, 200);
  };
}

/** A registry that wants Bearer tokens from `realm` and redirects every blob to `blobLocation`. */
function bearerRegistry(realm: () => string, blobLocation?: () => string): HostileHandler {
  return (req, res) => {
    const challenge = `Bearer realm="${realm()}",service="registry.example.test"`;
    if (req.headers.authorization !== 'Bearer granted-token') return answer(res, 401, { 'www-authenticate': challenge });
    if (blobLocation && req.url?.includes('/blobs/')) return answer(res, 307, { location: blobLocation() });
    answer(res, 404, {}, JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }));
  };
}

const tokenServer: HostileHandler = (_req, res) => answer(res, 200, {}, TOKEN_REPLY);

describe('a redirect never earns another host the registry’s credentials', () => {
  it('does not answer a foreign 401 challenge after a blob redirect (Basic registry)', async () => {
    const evil = await server('tokens.evil.test', tokenServer);
    const storage = await server('storage.other.test', (_req, res) =>
      answer(res, 401, { 'www-authenticate': `Bearer realm="${evil.origin}/token",service="storage"` }),
    );
    const registry = await server('registry.example.test', basicRegistryRedirectingBlobsTo(() => `${storage.origin}/blob`));
    const err = await registryRejection(client(registry.host, BASIC).getBlob('app', BLOB));
    expect(err.status).toBe(401);
    // The credentials were in play: the registry itself got them.
    expect(registry.requests.some((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
    expect(storage.requests).toHaveLength(1);
    expect(storage.requests[0]!.headers.authorization).toBeUndefined();
    expect(evil.requests).toHaveLength(0);
    expectNoSecret(storage, evil);
  });

  it('does not answer a foreign challenge after a blob redirect (token registry), nor send the token to storage', async () => {
    const evil = await server('tokens.evil.test', tokenServer);
    const auth = await server('auth.example.test', tokenServer);
    const storage = await server('storage.other.test', (_req, res) =>
      answer(res, 401, { 'www-authenticate': `Bearer realm="${evil.origin}/token",service="storage"` }),
    );
    const registry = await server('registry.example.test', bearerRegistry(() => `${auth.origin}/token`, () => `${storage.origin}/blob`));
    await registryRejection(client(registry.host, BASIC).getBlob('app', BLOB));
    // auth.example.test shares the registry's domain: it is the registry's token server and gets the credentials.
    expect(auth.requests.some((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
    expect(storage.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(evil.requests).toHaveLength(0);
    expectNoSecret(storage, evil);
  });

  it('does not send credentials to a token realm on another domain, and says how to trust it', async () => {
    const evil = await server('tokens.evil.test', tokenServer);
    const registry = await server('registry.example.test', bearerRegistry(() => `${evil.origin}/token`));
    for (const credentials of [BASIC, IDENTITY]) {
      const err = await registryRejection(client(registry.host, credentials).getManifest('app', 'latest'));
      expect(err.kind).toBe('policy');
      expect(appErrorFromRegistry(err).status).toBe(403);
      expect(err.message).toContain('ARCHWAY_TRUSTED_TOKEN_REALMS');
    }
    expect(evil.requests).toHaveLength(0);
    // Listed by the operator, the same realm is trusted.
    const trusted = client(registry.host, BASIC, { ARCHWAY_TRUSTED_TOKEN_REALMS: 'tokens.evil.test' });
    expect((await registryRejection(trusted.getManifest('app', 'latest'))).status).toBe(404);
    expect(evil.requests.some((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
  });

  it('does not follow a token endpoint’s redirect to another host with a password or a refresh token', async () => {
    const evil = await server('tokens.evil.test', tokenServer);
    const auth = await server('auth.example.test', (_req, res) => answer(res, 307, { location: `${evil.origin}/token` }));
    const registry = await server('registry.example.test', bearerRegistry(() => `${auth.origin}/token`));
    for (const credentials of [BASIC, IDENTITY]) {
      const err = await registryRejection(client(registry.host, credentials).getManifest('app', 'latest'));
      expect(err.kind).toBe('policy');
      expect(err.message).toMatch(/redirected to https:\/\/tokens\.evil\.test/);
    }
    // The refresh token did go to the registry's own token server (in the POST body), and nowhere else.
    expect(auth.requests.some((r) => r.method === 'POST' && r.body.includes(REFRESH_TOKEN))).toBe(true);
    expect(evil.requests).toHaveLength(0);
    expectNoSecret(evil);
  });

  it('follows a token endpoint’s redirect within its own origin', async () => {
    const auth = await server('auth.example.test', (req, res) =>
      req.url?.startsWith('/v2/token') ? answer(res, 200, {}, TOKEN_REPLY) : answer(res, 307, { location: '/v2/token' }),
    );
    const registry = await server('registry.example.test', bearerRegistry(() => `${auth.origin}/token`));
    expect((await registryRejection(client(registry.host, BASIC).getManifest('app', 'latest'))).status).toBe(404);
  });
});

describe('no downgrade from https to plain http', () => {
  it('refuses a blob redirect to plain http', async () => {
    const storage = await server('storage.other.test', (_req, res) => answer(res, 200), { plain: true });
    const registry = await server('registry.example.test', basicRegistryRedirectingBlobsTo(() => `${storage.origin}/blob`));
    const err = await registryRejection(client(registry.host, BASIC).getBlob('app', BLOB));
    expect(err.message).toMatch(/refusing to downgrade/);
    expect(storage.requests).toHaveLength(0);
  });

  it('refuses a token realm on plain http away from loopback, with or without credentials', async () => {
    const auth = await server('auth.example.test', tokenServer, { plain: true });
    const registry = await server('registry.example.test', bearerRegistry(() => `${auth.origin}/token`));
    for (const credentials of [BASIC, null]) {
      const err = await registryRejection(client(registry.host, credentials).getManifest('app', 'latest'));
      expect(err.kind).toBe('policy');
      expect(err.message).toMatch(/not HTTPS/);
    }
    expect(auth.requests).toHaveLength(0);
  });

  it('refuses a token server that redirects to plain http, even without credentials', async () => {
    const plain = await server('tokens.evil.test', tokenServer, { plain: true });
    const auth = await server('auth.example.test', (_req, res) => answer(res, 302, { location: `${plain.origin}/token` }));
    const registry = await server('registry.example.test', bearerRegistry(() => `${auth.origin}/token`));
    const err = await registryRejection(client(registry.host, null).getManifest('app', 'latest'));
    expect(err.message).toMatch(/plain HTTP/);
    expect(plain.requests).toHaveLength(0);
  });
});

describe('cloud metadata and link-local addresses are never reached', () => {
  it('refuses a registry at a metadata address, written as one or behind a name', async () => {
    for (const registry of ['169.254.169.254', '[fd00:ec2::254]', 'metadata.test:443']) {
      const err = await registryRejection(client(registry, BASIC).getManifest('app', 'latest'));
      expect(err.kind, registry).toBe('policy');
      expect(appErrorFromRegistry(err)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      expect(err.message).toMatch(/link-local or cloud metadata address/);
    }
  });

  it('refuses a token realm and a blob redirect that point at one', async () => {
    const realms = ['https://metadata.test/latest/meta-data/', 'https://169.254.169.254/latest/api/token'];
    for (const realm of realms) {
      const registry = await server('registry.example.test', bearerRegistry(() => realm));
      const err = await registryRejection(client(registry.host, null).getManifest('app', 'latest'));
      expect(err.kind, realm).toBe('policy');
      expect(err.message).toMatch(/link-local or cloud metadata address/);
    }
    const redirecting = await server('registry.example.test', basicRegistryRedirectingBlobsTo(() => 'https://metadata.test/latest/meta-data/'));
    const err = await registryRejection(client(redirecting.host, BASIC).getBlob('app', BLOB));
    expect(err.kind).toBe('policy');
  });
});

describe('ARCHWAY_ALLOWED_REGISTRIES', () => {
  it('refuses any other registry with 403 before a connection is opened', async () => {
    const allowed = await server('registry.example.test', (_req, res) => answer(res, 404, {}, JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'no' }] })));
    const other = await server('storage.other.test', (_req, res) => answer(res, 200));
    const env = { ARCHWAY_ALLOWED_REGISTRIES: `*.example.test, 10.0.0.0/8` };
    const err = await registryRejection(client(other.host, null, env).getManifest('app', 'latest'));
    expect(appErrorFromRegistry(err)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(err.message).toContain('ARCHWAY_ALLOWED_REGISTRIES');
    expect(other.requests).toHaveLength(0);
    expect((await registryRejection(client(allowed.host, null, env).getManifest('app', 'latest'))).status).toBe(404);
  });
});
