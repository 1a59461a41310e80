import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testLookup } from '@/test/support/hostile-hosts';
import { listenOnLoopback, type LoopbackServer } from '@/test/support/loopback-server';
import { agentFetch, createAgents } from './transport';

// However many registry names answer, the server keeps connections to at most ARCHWAY_MAX_ORIGINS origins.

const NAMES = 40;
const MAX_ORIGINS = 8;
const name = (i: number) => `registry-${i}.pools.test`;

/** A loopback port nothing listens on (one just freed). */
async function closedPort(): Promise<string> {
  const closed = await listenOnLoopback(() => undefined);
  await closed.stop();
  return closed.host.split(':')[1]!;
}

let server: LoopbackServer;
const open = new Set<Socket>();

beforeAll(async () => {
  server = await listenOnLoopback((req, res) => {
    if (!open.has(req.socket)) {
      open.add(req.socket);
      req.socket.once('close', () => open.delete(req.socket));
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

afterAll(async () => {
  await server?.stop();
});

describe('connection pools', () => {
  it(`keep connections to at most ${MAX_ORIGINS} origins however many names answer, reopen a dropped one, keep none for a refused one`, async () => {
    const port = server.host.split(':')[1]!;
    const lookup = testLookup(Object.fromEntries(Array.from({ length: NAMES }, (_, i) => [name(i), '127.0.0.1'])));
    const agents = createAgents({ timeoutMs: 5000, maxOrigins: MAX_ORIGINS, lookup });
    const fetch = agentFetch(agents);
    const ping = async (i: number, method: 'GET' | 'PUT') => {
      const response = await fetch(`http://${name(i)}:${port}/v2/`, { method, ...(method === 'PUT' ? { body: '{}' } : {}) });
      await response.arrayBuffer();
      return response.status;
    };
    try {
      // An origin nothing listens on keeps no pool at all.
      const refused = await fetch(`http://127.0.0.1:${await closedPort()}/v2/`, { method: 'GET' }).catch((err: unknown) => err);
      expect((refused as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
      expect(agents.reads.originCount).toBe(0);
      for (let i = 0; i < NAMES; i++) expect([await ping(i, 'GET'), await ping(i, 'PUT')]).toEqual([200, 200]);
      expect(agents.reads.originCount).toBe(MAX_ORIGINS);
      expect(agents.exclusive.originCount).toBe(MAX_ORIGINS);
      // The dropped origins' idle connections are closed, not left to their keep-alive timeout (30 s).
      await vi.waitFor(() => expect(open.size).toBeLessThanOrEqual(2 * MAX_ORIGINS), { timeout: 20_000 });
      // The least recently used origin was dropped; asking it again opens a new pool and drops another.
      expect(await ping(0, 'GET')).toBe(200);
      expect(agents.reads.originCount).toBe(MAX_ORIGINS);

    } finally {
      await agents.close();
    }
  });
});
