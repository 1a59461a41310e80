import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getInspect } from '@/app/api/v1/inspect/route';
import { ErrorBody } from '@/lib/api/errors';
import { InspectResponse } from '@/lib/api/inspect';
import { sha256Digest } from '@/lib/oci/digest';
import { MediaType } from '@/lib/oci/media-types';
import { getRegistryClient } from '@/lib/registry/client';
import { freePort, startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { sendRegistryError, startFaultServer, type FaultHandler, type FaultServer } from '@/test/support/fault-server';
import { makeImage } from '@/test/support/images';

/*
 * GET /api/v1/inspect as the browser calls it (issue 2 §4): the contract on success, and the HTTP status and error
 * code for each way a registry fails: down, 500, a body that is not JSON, bytes that are not the digest, too slow,
 * rate-limited, and refused credentials. The server's own registry clients are used, configured from the
 * environment (a short timeout, and a docker config with credentials for the Basic and token registries).
 */

const TIMEOUT_MS = 3_000;
const image = makeImage({ os: 'linux', architecture: 'amd64' }, 'inspect-api');

let plain: RunningRegistry;
let basic: RunningRegistry;
let token: RunningRegistry;
let basicWithoutCredentials: RunningRegistry;
let seed: SeedResult<'golang'>;
let dockerConfig: string;

beforeAll(async () => {
  dockerConfig = await mkdtemp(path.join(tmpdir(), 'archway-inspect-api-'));
  [plain, basic, token, basicWithoutCredentials] = await Promise.all([
    startRegistry(),
    startRegistry({ auth: 'basic' }),
    startRegistry({ auth: 'token' }),
    startRegistry({ auth: 'basic' }),
  ]);
  const auth = Buffer.from('archway:archway-secret').toString('base64');
  await writeFile(path.join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [basic.host]: { auth }, [token.host]: { auth } } }));
  // Read when the server creates its client for a registry, which happens below, after these are set.
  vi.stubEnv('DOCKER_CONFIG', dockerConfig);
  vi.stubEnv('DOCKER_AUTH_CONFIG', undefined);
  vi.stubEnv('ARCHWAY_REGISTRY_TIMEOUT_MS', String(TIMEOUT_MS));
  seed = await seedDemo(getRegistryClient(plain.host), { only: ['golang'] });
  for (const secured of [basic, token]) await seedDemo(getRegistryClient(secured.host), { only: ['golang'] });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([plain?.stop(), basic?.stop(), token?.stop(), basicWithoutCredentials?.stop()]);
  await rm(dockerConfig, { recursive: true, force: true });
});

const faultServers: FaultServer[] = [];

async function faultRegistry(handler: FaultHandler): Promise<string> {
  const server = await startFaultServer(handler);
  faultServers.push(server);
  return server.host;
}

afterEach(async () => {
  await Promise.all(faultServers.splice(0).map((server) => server.stop()));
});

function inspect(ref: string | null): Promise<Response> {
  const query = ref === null ? '' : `?ref=${encodeURIComponent(ref)}`;
  return getInspect(new NextRequest(`http://localhost/api/v1/inspect${query}`));
}

/** The status and the `{ error: { code, message } }` body of a failed inspect. */
async function failure(ref: string | null): Promise<{ status: number; code: string; message: string }> {
  const response = await inspect(ref);
  const { error } = ErrorBody.parse(await response.json());
  return { status: response.status, code: error.code, message: error.message };
}

function sendManifest(res: Parameters<FaultHandler>[1], bytes: Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': MediaType.dockerManifest, 'content-length': String(bytes.byteLength), ...headers });
  res.end(bytes);
}

describe('GET /api/v1/inspect: answers', () => {
  it('answers the contract for a list: every platform, uncached', async () => {
    const response = await inspect(seed.references.golang);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^no-store\b/);
    const body = InspectResponse.parse(await response.json());
    expect(body).toMatchObject({ reference: seed.references.golang, registry: plain.host, repository: 'demo/golang', tag: 'alpine', digest: seed.digests.golang, kind: 'index' });
    expect(body.entries.map((entry) => entry.digest)).toEqual(seed.entries.golang.map((entry) => entry.digest));
  });

  it('reads a Basic-auth registry and a token-auth registry with the server-wide docker config credentials', async () => {
    for (const secured of [basic, token]) {
      const response = await inspect(`${secured.host}/demo/golang:alpine`);
      expect(response.status, secured.auth).toBe(200);
      expect(InspectResponse.parse(await response.json()).digest, secured.auth).toBe(seed.digests.golang);
    }
  });

  it('is 400 for a missing or malformed reference, 404 for an unknown repository', async () => {
    expect(await failure(null)).toMatchObject({ status: 400 });
    expect(await failure('ghcr.io/Owner/App:1')).toMatchObject({ status: 400, code: 'INVALID_REFERENCE' });
    expect(await failure(`${plain.host}/demo/nothing-here:1`)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('is 401 when a registry wants credentials the server has not got', async () => {
    expect(await failure(`${basicWithoutCredentials.host}/demo/golang:alpine`)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });
});

describe('GET /api/v1/inspect: registry faults', () => {
  it('is 502 when the registry is down', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const result = await failure(`${host}/app:latest`);
    expect(result).toMatchObject({ status: 502, code: 'REGISTRY_ERROR' });
    expect(result.message).toContain(host);
  });

  it('is 502 when the registry answers 500, naming what it said', async () => {
    const host = await faultRegistry((_req, res) => sendRegistryError(res, 500, 'UNKNOWN', 'storage backend exploded'));
    const result = await failure(`${host}/app:latest`);
    expect(result).toMatchObject({ status: 502, code: 'REGISTRY_ERROR' });
    expect(result.message).toContain('storage backend exploded');
  });

  it('is 502 when the manifest is not JSON', async () => {
    const host = await faultRegistry((_req, res) => sendManifest(res, Buffer.from('{"schemaVersion": 2, oops')));
    expect(await failure(`${host}/app:latest`)).toMatchObject({ status: 502, code: 'REGISTRY_ERROR' });
  });

  it('is 502 when the bytes are not the digest asked for, or not the Docker-Content-Digest sent', async () => {
    const other = Buffer.from(`${Buffer.from(image.manifest.bytes).toString()}\n`);
    const host = await faultRegistry((req, res) =>
      req.url?.endsWith('/latest') ? sendManifest(res, image.manifest.bytes, { 'docker-content-digest': sha256Digest(other) }) : sendManifest(res, other),
    );
    const byDigest = await failure(`${host}/app@${image.manifest.digest}`);
    expect(byDigest).toMatchObject({ status: 502, code: 'REGISTRY_ERROR' });
    expect(byDigest.message).toContain(image.manifest.digest);
    expect(await failure(`${host}/app:latest`)).toMatchObject({ status: 502, code: 'REGISTRY_ERROR' });
  });

  it('is 504 when the registry is slower than ARCHWAY_REGISTRY_TIMEOUT_MS', async () => {
    // Answers long after the timeout; the server stops (and drops the connection) after the test.
    const host = await faultRegistry((_req, res) => void setTimeout(() => sendManifest(res, image.manifest.bytes), 10 * TIMEOUT_MS));
    expect(await failure(`${host}/app:latest`)).toMatchObject({ status: 504, code: 'TIMEOUT' });
  });

  it('is 429 with the registry’s Retry-After when it rate-limits', async () => {
    const host = await faultRegistry((_req, res) => sendRegistryError(res, 429, 'TOOMANYREQUESTS', 'pull rate limit reached', { 'retry-after': '30' }));
    const response = await inspect(`${host}/app:latest`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(ErrorBody.parse(await response.json()).error.code).toBe('TOO_MANY_REQUESTS');
  });
});
