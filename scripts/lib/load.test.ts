import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoadApart } from './load';

/* The load generator run as the benchmark runs it, from a process of its own, against a server that records what it is asked. */

let server: Server;
let base: string;
const seen: string[] = [];
const servedBy = new Set<number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    servedBy.add(req.socket.remotePort ?? 0);
    res.writeHead(req.url?.startsWith('/fail') ? 500 : 200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('runLoadApart', () => {
  it('runs the clients from another process and reports what they measured, a new address each request when asked', async () => {
    seen.length = 0;
    const result = await runLoadApart({ url: `${base}/page?x=1`, clients: 3, seconds: 1, warmupSeconds: 0, freshQuery: 'visit' });
    expect(result.requests).toBeGreaterThan(10);
    expect(result.errors).toBe(0);
    expect(result.statuses).toEqual({ '200': result.requests });
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    // Every request a new address, numbered 0, 1, 2… (the clients interleave, so in no set order); one connection per client.
    const numbers = seen.map((url) => Number(/^\/page\?x=1&visit=(\d+)$/.exec(url)?.[1] ?? Number.NaN)).sort((a, b) => a - b);
    expect(numbers).toEqual(seen.map((_, i) => i));
    expect(servedBy.size).toBe(3);
  });

  it('counts a non-2xx answer as an error', async () => {
    const result = await runLoadApart({ url: `${base}/fail`, clients: 1, seconds: 0.5, warmupSeconds: 0 });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.errors).toBe(result.requests);
    expect(result.statuses).toEqual({ '500': result.requests });
  });

  it("rejects with the load process's own error when that process fails", async () => {
    const broken = { url: undefined as unknown as string, clients: 1, seconds: 0.2, freshQuery: 'visit' };
    await expect(runLoadApart(broken)).rejects.toThrow(/the load process failed: TypeError/);
  });
});
