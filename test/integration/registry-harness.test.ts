import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentCache } from '@/lib/registry/cache';
import { createRegistryClient } from '@/lib/registry/client';
import { pushImage } from '@/scripts/lib/image-builder';
import { startRegistry } from '@/scripts/lib/registry-process';
import { makeImage } from '@/test/support/images';

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
});
