import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentCache } from '@/lib/registry/cache';
import { createRegistryClient } from '@/lib/registry/client';
import { pushImage } from '@/scripts/lib/image-builder';
import { freePort, isPortFree, startRegistry } from '@/scripts/lib/registry-process';
import { makeImage } from '@/test/support/images';
import { listenOnLoopback } from '@/test/support/loopback-server';

// The harness others build on (demo, e2e, benchmark): real processes, stopped by PID, data kept only when asked.

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const dataRoot = await mkdtemp(path.join(tmpdir(), 'archway-harness-'));

afterAll(async () => {
  await rm(dataRoot, { recursive: true, force: true });
});

describe('startRegistry', () => {
  it('keeps a given data folder across restarts, and kills the process on stop', async () => {
    const dataDir = path.join(dataRoot, 'kept');
    const image = makeImage({ os: 'linux', architecture: 'arm64', variant: 'v8' }, 'harness');
    const first = await startRegistry({ dataDir });
    await pushImage(createRegistryClient(first.host, { cache: new ContentCache(1024 * 1024) }), 'demo/kept', image, 'v1');
    await first.stop();
    expect(isAlive(first.pid)).toBe(false);
    expect(await readdir(dataDir)).toContain('docker');

    const second = await startRegistry({ dataDir });
    try {
      const c = createRegistryClient(second.host, { cache: new ContentCache(1024 * 1024) });
      expect((await c.getManifest('demo/kept', 'v1')).digest).toBe(image.manifest.digest);
    } finally {
      await second.stop();
    }
  });

  it('removes its temp folder on stop when no data folder was given', async () => {
    const registry = await startRegistry({ auth: 'basic' });
    expect(registry.url).toBe(`http://${registry.host}`);
    expect(existsSync(registry.dataDir)).toBe(true);
    const challenge = await fetch(`${registry.url}/v2/`);
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    await registry.stop();
    expect(existsSync(registry.dataDir)).toBe(false);
  });

  it('runs token auth with its own token server, stopped with the registry', async () => {
    const registry = await startRegistry({ auth: 'token' });
    const server = registry.tokenServer!;
    const challenge = await fetch(`${registry.url}/v2/`);
    expect(challenge.headers.get('www-authenticate')).toBe(`Bearer realm="${server.url}",service="${server.service}"`);
    await registry.stop();
    await expect(fetch(server.url)).rejects.toThrow();
  });

  it('is not fooled by another server on its port: that server answering /v2/ is not the registry being ready', async () => {
    // What a race between probing a free port and binding it looks like: something else listens there, and answers
    // the readiness probe like a registry would.
    const squatter = await listenOnLoopback((_req, res) => {
      res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0', 'content-type': 'application/json' });
      res.end('{}');
    });
    try {
      const port = Number(squatter.host.split(':')[1]);
      await expect(startRegistry({ port })).rejects.toThrow(/another server answers|exited/);
    } finally {
      await squatter.stop();
    }
  });

  it('answers with its own identity header, which the readiness probe checks', async () => {
    const registry = await startRegistry();
    try {
      const answer = await fetch(`${registry.url}/v2/`);
      expect(answer.headers.get('x-archway-registry-id')).toMatch(/^[0-9a-f]{16}$/);
    } finally {
      await registry.stop();
    }
  });

  it('draws free ports from outside the kernel\'s ephemeral range, where no listen(0) or outgoing connection lands', async () => {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number) as [number, number];
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
    // Where the kernel's range leaves a thousand ports or more beside it (Linux's default, 32768-60999, does).
    if (low - 15_000 >= 1000 || 65_535 - high >= 1000) {
      for (const port of ports) expect(port < low || port > high).toBe(true);
      for (const port of ports) expect(port).toBeGreaterThanOrEqual(15_000);
    }
  });
});
