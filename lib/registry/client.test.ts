import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { sha256Digest } from '@/lib/oci/digest';
import { MANIFEST_ACCEPT, MediaType } from '@/lib/oci/media-types';
import { ContentCache } from './cache';
import { createRegistryClient, getRegistryClient, registryClientCount, type RegistryClientOptions } from './client';
import { RegistryError } from './errors';
import type { FetchLike } from './transport';

// The client's transport decisions (scheme, Docker Hub mapping, Accept, re-authentication) with a scripted fetch.

type Call = { url: string; method: string; headers: Record<string, string> };

const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.dockerManifest, config: {}, layers: [] }));

function networkError(code: string): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: { code } });
}

/** A fetch that records every call and answers with `route`; https:// URLs fail with `httpsError` when given. */
function scriptedFetch(route: (call: Call) => Response, httpsError?: string): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = async (input, init) => {
    const call = { url: input, method: init.method ?? 'GET', headers: Object.fromEntries(new Headers(init.headers).entries()) };
    calls.push(call);
    if (httpsError && input.startsWith('https://')) throw networkError(httpsError);
    return route(call);
  };
  return { fetch, calls };
}

const ok = () => new Response('{}', { status: 200 });
const manifestAnswer = () => new Response(manifest, { status: 200, headers: { 'content-type': MediaType.dockerManifest } });

function client(registry: string, options: RegistryClientOptions) {
  return createRegistryClient(registry, { cache: new ContentCache(1024 * 1024), credentials: null, ...options });
}

function serveManifests(call: Call): Response {
  return call.url.endsWith('/v2/') ? ok() : manifestAnswer();
}

describe('scheme', () => {
  it('tries HTTPS first and uses plain HTTP for a loopback registry that does not speak TLS', async () => {
    const { fetch, calls } = scriptedFetch(serveManifests, 'ERR_SSL_WRONG_VERSION_NUMBER');
    await client('127.0.0.1:5000', { fetch }).getManifest('app', 'v1');
    expect(calls.map((c) => c.url)).toEqual([
      'https://127.0.0.1:5000/v2/',
      'http://127.0.0.1:5000/v2/',
      'http://127.0.0.1:5000/v2/app/manifests/v1',
    ]);
  });

  it('never tries plain HTTP for a remote host that is not listed as insecure', async () => {
    const { fetch, calls } = scriptedFetch(serveManifests, 'ECONNREFUSED');
    const err = await client('reg.example:5000', { fetch }).getManifest('app', 'v1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).message).toContain('plain HTTP for non-loopback hosts needs ARCHWAY_INSECURE_REGISTRIES');
    expect(calls.every((c) => c.url.startsWith('https://'))).toBe(true);
  });

  it('uses plain HTTP for a host listed in ARCHWAY_INSECURE_REGISTRIES', async () => {
    const { fetch, calls } = scriptedFetch(serveManifests, 'ERR_SSL_WRONG_VERSION_NUMBER');
    await client('10.1.2.3:5000', { fetch, env: { ARCHWAY_INSECURE_REGISTRIES: '10.0.0.0/8' } }).getManifest('app', 'v1');
    expect(calls.at(-1)?.url).toBe('http://10.1.2.3:5000/v2/app/manifests/v1');
  });

  it('does not drop to HTTP when the host answered TLS with a certificate Node does not trust', async () => {
    const { fetch, calls } = scriptedFetch(serveManifests, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    const err = (await client('localhost:5443', { fetch }).getManifest('app', 'v1').catch((e: unknown) => e)) as RegistryError;
    expect(err.message).toContain('certificate');
    expect(err.message).toContain('NODE_EXTRA_CA_CERTS');
    expect(calls.map((c) => c.url)).toEqual(['https://localhost:5443/v2/']);
  });

  it('never downgrades a host that once answered over TLS, even for a new client', async () => {
    const host = 'tls-once.internal:5000';
    const env = { ARCHWAY_INSECURE_REGISTRIES: host };
    await client(host, { fetch: scriptedFetch(serveManifests).fetch, env }).getManifest('app', 'v1');
    const later = scriptedFetch(serveManifests, 'ECONNRESET');
    await expect(client(host, { fetch: later.fetch, env }).getManifest('app', 'v1')).rejects.toBeInstanceOf(RegistryError);
    expect(later.calls.every((c) => c.url.startsWith('https://'))).toBe(true);
  });
});

describe('requests', () => {
  it('maps Docker Hub names and sends all four manifest types in Accept', async () => {
    const { fetch, calls } = scriptedFetch(serveManifests);
    const result = await client('docker.io', { fetch }).getManifest('alpine', 'latest');
    expect(result.digest).toBe(sha256Digest(manifest));
    const get = calls.at(-1)!;
    expect(get.url).toBe('https://registry-1.docker.io/v2/library/alpine/manifests/latest');
    expect(get.headers.accept?.split(', ')).toEqual([...MANIFEST_ACCEPT]);
  });

  it('gets a fresh token after invalid_token and retries once', async () => {
    let tokens = 0;
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.url.endsWith('/v2/')) return new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"' } });
      if (call.url.startsWith('https://auth.example/token')) return Response.json({ token: `t${++tokens}`, expires_in: 300 });
      if (call.headers.authorization === 'Bearer t1') {
        return new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg",error="invalid_token"' } });
      }
      return manifestAnswer();
    });
    const c = client('reg.example', { fetch });
    await c.getManifest('team/app', 'v1');
    expect(tokens).toBe(2);
    expect(calls.filter((x) => x.url.includes('/manifests/')).map((x) => x.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
    expect(calls.find((x) => x.url.startsWith('https://auth.example'))?.url).toBe('https://auth.example/token?service=reg&scope=repository%3Ateam%2Fapp%3Apull');
    expect(c.stats()).toMatchObject({ tokenRequests: 2 });
  });
});

describe('request slots', () => {
  it('cancels a declined mount (202) without waiting for a second slot while holding the first', async () => {
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.url.endsWith('/v2/')) return ok();
      if (call.method === 'HEAD') return new Response(null, { status: 404 });
      if (call.method === 'POST') return new Response(null, { status: 202, headers: { location: '/v2/team/app/blobs/uploads/u1' } });
      return new Response(null, { status: 204 });
    });
    const digest = sha256Digest(manifest);
    // One slot: an upload cancelled from inside the mount's own request would wait for itself forever.
    const c = client('127.0.0.1:5000', { fetch, maxConcurrency: 1 });
    await expect(c.mountBlob('team/app', digest, 'team/src')).resolves.toBe('not-mounted');
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', url: 'https://127.0.0.1:5000/v2/team/app/blobs/uploads/u1' });
  }, 5_000);
});

describe('URLs the registry hands out', () => {
  const basic = { kind: 'basic' as const, username: 'u', password: 'p' };
  const challenge = () => new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="reg"' } });

  it('sends credentials only to the registry itself, not to a Link on another host', async () => {
    const { fetch, calls } = scriptedFetch((call) => {
      if (!call.headers.authorization && call.url.startsWith('https://reg.example/')) return challenge();
      if (call.url.endsWith('/v2/')) return ok();
      if (call.url.startsWith('https://reg.example/')) {
        return Response.json({ tags: ['a'] }, { headers: { link: '<https://mirror.example/v2/app/tags/list?last=a>; rel="next"' } });
      }
      return Response.json({ tags: ['b'] });
    });
    const tags = await client('reg.example', { fetch, credentials: basic }).listTags('app');
    expect(tags).toEqual(['a', 'b']);
    const mirror = calls.filter((c) => c.url.startsWith('https://mirror.example/'));
    expect(mirror).toHaveLength(1);
    expect(mirror[0]!.headers.authorization).toBeUndefined();
  });

  it('refuses an upload Location that would drop an HTTPS registry to plain HTTP', async () => {
    const { fetch, calls } = scriptedFetch((call) => {
      if (!call.headers.authorization) return challenge();
      if (call.url.endsWith('/v2/')) return ok();
      return new Response(null, { status: 202, headers: { location: 'http://reg.example/v2/app/blobs/uploads/u1?_state=s' } });
    });
    const err = await client('reg.example', { fetch, credentials: basic })
      .uploadBlob('app', sha256Digest(manifest), manifest)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).message).toContain('plain HTTP');
    expect(calls.some((c) => c.url.startsWith('http://'))).toBe(false);
  });
});

describe('server-wide credentials', () => {
  it('says which docker config is unreadable, and reads it again once it is fixed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'archway-client-config-'));
    try {
      await writeFile(path.join(dir, 'config.json'), '{"auths": ');
      const { fetch, calls } = scriptedFetch((call) => {
        if (!call.headers.authorization) return new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="reg"' } });
        return serveManifests(call);
      });
      const c = createRegistryClient('reg.example', { cache: new ContentCache(1024 * 1024), fetch, env: { DOCKER_CONFIG: dir } });
      const failure = (await c.getManifest('app', 'v1').catch((e: unknown) => e)) as RegistryError;
      expect(failure).toBeInstanceOf(RegistryError);
      expect(failure.kind).toBe('credentials');
      expect(failure.message).toContain(path.join(dir, 'config.json'));
      expect(failure.message).toContain('credentials for reg.example');

      await writeFile(path.join(dir, 'config.json'), JSON.stringify({ auths: { 'reg.example': { auth: Buffer.from('u:p').toString('base64') } } }));
      await c.getManifest('app', 'v1');
      expect(calls.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('token server answers', () => {
  it('refuses a token reply that never ends instead of buffering it', async () => {
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          async pull(controller) {
            await new Promise((resolve) => setTimeout(resolve, 0));
            controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    const { fetch } = scriptedFetch((call) => {
      if (call.url.startsWith('https://auth.example/')) return endless();
      if (!call.headers.authorization) return new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"' } });
      return serveManifests(call);
    });
    const err = await client('reg.example', { fetch }).getManifest('app', 'v1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).message).toContain('larger than');
  }, 5_000);
});

describe('the process-wide clients', () => {
  it('keeps a client while it is used and drops one idle for ARCHWAY_REGISTRY_IDLE_MS, tokens and all', async () => {
    // The table reads its settings when first used, which is here: this file asks for no shared client elsewhere.
    vi.stubEnv('ARCHWAY_REGISTRY_IDLE_MS', '50');
    try {
      const first = getRegistryClient('idle.example:5000');
      expect(getRegistryClient('IDLE.example:5000')).toBe(first);
      expect(registryClientCount()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Gone from memory by itself, not only replaced when its registry is named again.
      expect(registryClientCount()).toBe(0);
      expect(getRegistryClient('idle.example:5000')).not.toBe(first);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
