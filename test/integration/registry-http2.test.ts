import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectImage } from '@/lib/inspect/inspect-image';
import { sha256Digest } from '@/lib/oci/digest';
import { copyBlob } from '@/lib/registry/blobs';
import { ContentCache } from '@/lib/registry/cache';
import { createRegistryClient, getRegistryClient } from '@/lib/registry/client';
import { agentFetch, createAgents, type RegistryAgents } from '@/lib/registry/transport';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { startTlsProxy, type TlsProxy } from '@/test/support/tls-proxy';

/*
 * Issue 8: a registry away from loopback speaks TLS, and most offer HTTP/2 by ALPN; there a whole list (its 48
 * children and 48 configs) goes out over one connection at once instead of 96 connection set-ups. A real registry
 * behind a self-signed HTTPS front (test/support/tls-proxy.ts) that records each request's protocol.
 */

let registry: RunningRegistry;
let agents: RegistryAgents;
let proxy: TlsProxy;
let seed: SeedResult<'many'>;

beforeAll(async () => {
  registry = await startRegistry();
  [proxy, seed] = await Promise.all([startTlsProxy(registry.url), seedDemo(getRegistryClient(registry.host), { only: ['many'] })]);
  agents = createAgents({ timeoutMs: 15_000, ca: proxy.certPem });
});
afterAll(async () => {
  await agents?.close();
  await proxy?.stop();
  await registry?.stop();
});

describe('a registry that offers HTTP/2 over TLS', () => {
  it('gets a whole 48-entry list, children and configs, over one HTTP/2 connection', async () => {
    const client = createRegistryClient(proxy.host, { fetch: agentFetch(agents), cache: new ContentCache(64 * 1024 * 1024) });
    const reference = seed.references.many.replace(registry.host, proxy.host);
    const result = await inspectImage(reference, { clientFor: () => client });
    expect(result.entries.filter((entry) => entry.config)).toHaveLength(48);
    // The ping, the list, 48 children and 48 configs, every one of them HTTP/2, on the one connection.
    expect(proxy.versions()).toHaveLength(1 + 1 + 48 + 48);
    expect(new Set(proxy.versions())).toEqual(new Set(['2.0']));
    expect(proxy.connections()).toBe(1);
  });

  it('copies a blob within the registry over HTTP/2 without the upload waiting for its own download', async () => {
    // undici holds a write back until the other requests on its HTTP/2 connection finish: were the download and the
    // upload on one connection, the copy would wait for itself. One read slot, as in the HTTP/1.1 case.
    const client = createRegistryClient(proxy.host, { fetch: agentFetch(agents), cache: new ContentCache(1024), maxConcurrency: 1, timeoutMs: 5_000 });
    const bytes = randomBytes(4 * 1024 * 1024);
    const digest = sha256Digest(bytes);
    await client.uploadBlob('src/large', digest, bytes);
    await copyBlob(client, 'src/large', client, 'dst/large', digest);
    expect(await client.hasBlob('dst/large', digest)).toBe(true);
    expect(new Set(proxy.versions())).toEqual(new Set(['2.0']));
  });
});
