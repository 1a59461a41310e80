import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushRequest, PushResponse } from '@/lib/api/push';
import { closeAuditStores } from '@/lib/audit/log';
import { inspectImage } from '@/lib/inspect/inspect-image';
import { sha256Digest } from '@/lib/oci/digest';
import { MediaType } from '@/lib/oci/media-types';
import type { ImageIndex } from '@/lib/oci/schemas';
import { planRegistryPush } from '@/lib/push/plan-registry-push';
import { commitPush } from '@/lib/push/service';
import { getRegistryClient } from '@/lib/registry/client';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { skopeoRaw as skopeoRawAs } from '@/test/support/skopeo';

/*
 * Interop with real clients: what Archway pushes is what skopeo and the docker CLI read (same bytes, same digest),
 * and a list made by `docker manifest create / annotate / push` is read and edited by Archway.
 * skopeo is installed by .ci/run, so it is required; the docker CLI may be absent and is checked for.
 */

const run = promisify(execFile);
const hasDocker = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v docker'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let registry: RunningRegistry;
let seed: SeedResult<'x8664' | 'arm64v8' | 'buildx'>;
let workDir: string;
/** A throwaway docker config: no credentials, and nothing left in the user's ~/.docker. */
let dockerEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archway-interop-'));
  process.env.ARCHWAY_DATA_DIR = path.join(workDir, 'data');
  fs.mkdirSync(path.join(workDir, 'docker'));
  fs.writeFileSync(path.join(workDir, 'docker', 'config.json'), '{}');
  dockerEnv = { ...process.env, DOCKER_CONFIG: path.join(workDir, 'docker') };
  registry = await startRegistry();
  seed = await seedDemo(getRegistryClient(registry.host), { only: ['x8664', 'arm64v8', 'buildx'] });
});

afterAll(async () => {
  await registry?.stop();
  await closeAuditStores();
  delete process.env.ARCHWAY_DATA_DIR;
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function archwayPush(request: PushRequest): Promise<PushResponse & { sent: Uint8Array }> {
  const plan = await planRegistryPush(request);
  const result = await commitPush(plan, { user: 'interop' });
  return { ...result, sent: plan.index.bytes };
}

const skopeoRaw = (reference: string) => skopeoRawAs(reference, dockerEnv);

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env: dockerEnv });
  return stdout;
}

describe('a list pushed by Archway', () => {
  let pushed: Awaited<ReturnType<typeof archwayPush>>;
  const target = () => `${registry.host}/demo/interop:latest`;

  beforeAll(async () => {
    pushed = await archwayPush({
      target: target(),
      base: null,
      manifests: [
        { source: seed.references.x8664 },
        { source: seed.references.arm64v8, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    });
  });

  it('is read by skopeo inspect --raw as the same bytes and digest', async () => {
    const raw = await skopeoRaw(target());
    expect(Buffer.compare(raw, Buffer.from(pushed.sent))).toBe(0);
    expect(sha256Digest(raw)).toBe(pushed.digest);
  });

  it('is read the same by skopeo when it is an OCI index with annotations and attestations', async () => {
    const oci = await archwayPush({
      target: `${registry.host}/demo/interop-oci:1`,
      base: null,
      annotations: { 'org.opencontainers.image.source': 'https://example.com/interop' },
      manifests: [{ source: seed.references.buildx }, { source: seed.references.x8664, annotations: { 'com.example.origin': 'x8664-test' } }],
    });
    expect(oci.mediaType).toBe(MediaType.ociIndex);
    const raw = await skopeoRaw(`${registry.host}/demo/interop-oci:1`);
    expect(sha256Digest(raw)).toBe(oci.digest);
    expect(Buffer.compare(raw, Buffer.from(oci.sent))).toBe(0);
  });

  it.skipIf(!hasDocker)('is read by docker manifest inspect --insecure with the same entries', async () => {
    const printed = JSON.parse(await docker('manifest', 'inspect', '--insecure', target())) as ImageIndex;
    const ours = JSON.parse(new TextDecoder().decode(pushed.sent)) as ImageIndex;
    // docker prints a list it rebuilt from the children, not the registry's bytes: compare the entries.
    expect(printed.mediaType).toBe(MediaType.dockerManifestList);
    expect(printed.manifests.map((d) => [d.digest, d.size, d.platform])).toEqual(ours.manifests.map((d) => [d.digest, d.size, d.platform]));
  });
});

describe.skipIf(!hasDocker)('a list made by docker manifest create / annotate / push', () => {
  const list = () => `${registry.host}/demo/from-docker:latest`;
  let dockerDigest: string;

  beforeAll(async () => {
    await docker('manifest', 'create', '--insecure', list(), seed.references.x8664, seed.references.arm64v8);
    await docker('manifest', 'annotate', '--variant', 'v8', list(), seed.references.arm64v8);
    const out = await docker('manifest', 'push', '--purge', '--insecure', list());
    dockerDigest = /sha256:[a-f0-9]{64}\s*$/.exec(out)![0].trim();
  });

  it('is inspected by Archway with docker’s digest and annotations, and nothing to fix', async () => {
    const inspected = await inspectImage(list());
    expect(inspected).toMatchObject({ kind: 'index', digest: dockerDigest, mediaType: MediaType.dockerManifestList });
    // docker orders the entries its own way (by its local file names), so compare them as a set.
    const rows = inspected.entries.map((entry) => [entry.digest, entry.platform, entry.config?.architecture]);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        [seed.digests.x8664, { architecture: 'amd64', os: 'linux' }, 'amd64'],
        [seed.digests.arm64v8, { architecture: 'arm64', os: 'linux', variant: 'v8' }, 'arm64'],
      ]),
    );
    expect(inspected.entries.flatMap((entry) => entry.problems.filter((problem) => problem.severity === 'error'))).toEqual([]);
  });

  it('is edited by Archway (reordered, one platform fixed) and read back by skopeo and docker', async () => {
    const source = (digest: string) => `${registry.host}/demo/from-docker@${digest}`;
    const edited = await archwayPush({
      target: list(),
      base: dockerDigest,
      manifests: [
        { source: source(seed.digests.x8664), platform: { os: 'linux', architecture: 'amd64', variant: 'v2' } },
        { source: source(seed.digests.arm64v8) },
      ],
      // The x8664-test config says plain amd64: the v2 level is a claim the config cannot contradict or confirm.
      allowMismatch: true,
    });
    const raw = await skopeoRaw(list());
    expect(sha256Digest(raw)).toBe(edited.digest);
    const printed = JSON.parse(await docker('manifest', 'inspect', '--insecure', list())) as ImageIndex;
    expect(printed.manifests.map((d) => [d.digest, d.platform])).toEqual([
      [seed.digests.x8664, { architecture: 'amd64', os: 'linux', variant: 'v2' }],
      [seed.digests.arm64v8, { architecture: 'arm64', os: 'linux', variant: 'v8' }],
    ]);
  });
});
