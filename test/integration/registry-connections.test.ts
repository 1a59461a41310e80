import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectImage } from '@/lib/inspect/inspect-image';
import { ContentCache } from '@/lib/registry/cache';
import { createRegistryClient, getRegistryClient } from '@/lib/registry/client';
import { agentFetch, createAgents, type RegistryAgents } from '@/lib/registry/transport';
import type { RegistryClient } from '@/lib/registry/types';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { startCountingTcpProxy, type CountingTcpProxy } from '@/test/support/counting-tcp-proxy';

/*
 * Connections to a registry are kept, HEADs included: a warm inspect is one HEAD, and undici closes a connection
 * after a HEAD unless told not to, which made every warm inspect (and under load, 110 in 10 s) a new connection;
 * over TLS without HTTP/2, a new handshake too. A real registry behind a TCP front that counts connections.
 */

let registry: RunningRegistry;
let proxy: CountingTcpProxy;
let seed: SeedResult<'golang'>;

beforeAll(async () => {
  registry = await startRegistry();
  [proxy, seed] = await Promise.all([startCountingTcpProxy(registry.host), seedDemo(getRegistryClient(registry.host), { only: ['golang'] })]);
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
});

/** A client of its own (pools, cache) for `host`, one request at a time so one connection can carry them all. */
async function withClient<T>(host: string, run: (client: RegistryClient) => Promise<T>): Promise<T> {
  const agents: RegistryAgents = createAgents({ timeoutMs: 5_000 });
  try {
    return await run(createRegistryClient(host, { fetch: agentFetch(agents), cache: new ContentCache(16 * 1024 * 1024), maxConcurrency: 1 }));
  } finally {
    await agents.close();
  }
}

describe('connections to a registry over HTTP/1.1', () => {
  it('carries ten warm inspects (a HEAD each) over the connection the cold one left open', async () => {
    const reference = seed.references.golang.replace(registry.host, proxy.host);
    const { afterCold, digests } = await withClient(proxy.host, async (client) => {
      const cold = await inspectImage(reference, { clientFor: () => client });
      const afterCold = proxy.connections();
      const digests = [cold.digest];
      for (let i = 0; i < 10; i++) digests.push((await inspectImage(reference, { clientFor: () => client })).digest);
      return { afterCold, digests };
    });
    expect(new Set(digests)).toEqual(new Set([digests[0]]));
    // Closed after each HEAD, the ten would have opened ten connections.
    expect(proxy.connections()).toBe(afterCold);
  });

  it('answers right after a HEAD whose answer carried a body (a server that breaks HTTP), on the connection or a new one', async () => {
    // A registry front that writes a body after a manifest HEAD's headers; its other answers are as HTTP says.
    const { server, host, connections } = await startBodyOnHeadServer();
    try {
      const answers = await withClient(host, async (client) => {
        const seen: unknown[] = [];
        for (let i = 0; i < 3; i++) {
          seen.push(await client.headManifest('app', 'latest'));
          seen.push(await client.hasBlob('app', BLOB_DIGEST));
        }
        return seen;
      });
      expect(answers).toEqual(Array.from({ length: 3 }, () => [{ digest: MANIFEST_DIGEST, mediaType: 'application/vnd.oci.image.index.v1+json', size: 5 }, true]).flat());
      // The stray bytes ended the connection they came on (undici's parser refuses them), never another answer.
      expect(connections()).toBeGreaterThan(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

const MANIFEST_DIGEST = `sha256:${'a'.repeat(64)}`;
const BLOB_DIGEST = `sha256:${'b'.repeat(64)}`;

/**
 * A server that answers a manifest HEAD with its headers and then, against HTTP, five bytes of body; a blob HEAD
 * properly (200, no body). Raw TCP: Node's own HTTP server would never send the body.
 */
async function startBodyOnHeadServer(): Promise<{ server: Server; host: string; /** Connections that carried HTTP. */ connections(): number }> {
  let connections = 0;
  const server = createServer((socket) => {
    let pending = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      // Archway tries HTTPS first on loopback too: a TLS hello is refused by closing, as a plain HTTP port would.
      if (!/^[A-Z]/.test(pending)) return void socket.destroy();
      if (pending.length === chunk.length) connections++;
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const [requestLine = ''] = pending.slice(0, end).split('\r\n');
        pending = pending.slice(end + 4);
        const [method, path = ''] = requestLine.split(' ');
        if (path === '/v2/') socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}');
        else if (method === 'HEAD' && path.includes('/manifests/')) {
          socket.write(
            `HTTP/1.1 200 OK\r\ncontent-type: application/vnd.oci.image.index.v1+json\r\ncontent-length: 5\r\ndocker-content-digest: ${MANIFEST_DIGEST}\r\n\r\n{"x":`,
          );
        } else if (method === 'HEAD' && path.includes('/blobs/')) socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 7\r\ndocker-content-digest: ${BLOB_DIGEST}\r\n\r\n`);
        else socket.write('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, host: `127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}
