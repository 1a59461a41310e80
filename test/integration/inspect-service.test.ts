import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryApi } from '@/e2e/fixtures/registry';
import { toAppError } from '@/lib/api/error-mapping';
import type { InspectEntry, InspectResponse } from '@/lib/api/inspect';
import { inspectImage, resolveManifest } from '@/lib/inspect/inspect-image';
import { sha256Digest } from '@/lib/oci/digest';
import { MediaType } from '@/lib/oci/media-types';
import { ProblemCode } from '@/lib/oci/problems';
import { getRegistryClient } from '@/lib/registry/client';
import { buildImage, pushImage } from '@/scripts/lib/image-builder';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';

// The inspect service end to end against a real distribution registry seeded with the demo shapes.
let registry: RunningRegistry;
let seed: SeedResult;

beforeAll(async () => {
  registry = await startRegistry();
  seed = await seedDemo(getRegistryClient(registry.host));
});
afterAll(async () => {
  await registry?.stop();
});

const images = (result: InspectResponse): InspectEntry[] => result.entries.filter((e) => e.role === 'image');
const codes = (entry: InspectEntry): string[] => entry.problems.map((p) => p.code);

describe('inspectImage against a real registry', () => {
  it('shows every platform of a Docker list with its config, layers and created date', async () => {
    const result = await inspectImage(seed.references.golang);
    expect(result.kind).toBe('index');
    expect(result.digest).toBe(seed.digests.golang);
    expect(result.tag).toBe('alpine');
    expect(result.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    const platforms = images(result).map((e) => [e.platform?.os, e.platform?.architecture, e.platform?.variant ?? ''].join('/'));
    expect(platforms).toEqual(['linux/amd64/', 'linux/arm/v7', 'linux/arm64/v8', 'linux/386/', 'linux/ppc64le/', 'linux/s390x/']);
    for (const entry of images(result)) {
      expect(entry.config?.architecture).toBe(entry.platform?.architecture);
      expect(entry.config?.created).toMatch(/^\d{4}-/);
      expect(entry.layers?.count).toBeGreaterThan(0);
      expect(entry.layers?.size).toBeGreaterThan(0);
      expect(entry.problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
  });

  it('names a wrong arch annotation and offers the image config as the fix', async () => {
    const result = await inspectImage(seed.references.wrongArch);
    const mismatch = images(result).find((e) => codes(e).includes(ProblemCode.platformMismatch));
    expect(mismatch?.platform?.architecture).toBe('amd64');
    expect(mismatch?.config?.architecture).toBe('arm64');
    const fix = mismatch?.problems.find((p) => p.code === ProblemCode.platformMismatch)?.fix;
    expect(fix?.platform).toMatchObject({ os: 'linux', architecture: 'arm64' });
    const x86 = images(result).find((e) => e.platform?.architecture === 'x86_64');
    expect(x86?.problems.some((p) => p.code.startsWith('platform-') && p.fix?.platform?.architecture === 'amd64')).toBe(true);
  });

  it('links buildx attestations to the image they describe', async () => {
    const result = await inspectImage(seed.references.buildx);
    const attestations = result.entries.filter((e) => e.role === 'attestation');
    expect(attestations.length).toBeGreaterThan(0);
    const imageDigests = new Set(images(result).map((e) => e.digest));
    for (const a of attestations) expect(imageDigests.has(a.subject!)).toBe(true);
    expect(attestations.every((a) => a.config === null)).toBe(true);
  });

  it('keeps os.version of Windows entries and treats different builds as different platforms', async () => {
    const result = await inspectImage(seed.references.windows);
    const versions = images(result).map((e) => e.platform?.['os.version']);
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.every((v) => v?.startsWith('10.0.'))).toBe(true);
    expect(result.entries.flatMap(codes)).not.toContain(ProblemCode.duplicatePlatform);
  });

  it('greys out a child the registry no longer has while the rest of the list is read', async () => {
    const result = await inspectImage(seed.references.dangling);
    const missing = result.entries.filter((e) => e.missing);
    expect(missing.map((e) => e.digest)).toEqual(seed.deleted);
    expect(missing[0]!.missing?.status).toBe(404);
    expect(codes(missing[0]!)).toContain(ProblemCode.childMissing);
    expect(result.entries.filter((e) => !e.missing).every((e) => e.config !== null)).toBe(true);
  });

  it('shows a tag that is a single manifest as one entry', async () => {
    const result = await inspectImage(seed.references.single);
    expect(result.kind).toBe('manifest');
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]!.config?.os).toBe('linux');
    expect(result.problems.map((p) => p.code)).toContain(ProblemCode.singleManifest);
  });

  it('reads an index of 48 or more entries', async () => {
    const result = await inspectImage(seed.references.many);
    expect(result.entries.length).toBeGreaterThanOrEqual(48);
    expect(result.entries.every((e) => !e.missing)).toBe(true);
  });

  it('resolves by digest when a reference has both, and says where the tag points now', async () => {
    // A tag of this test's own, holding the single image as demo/single:latest does: the seeded one stays put.
    const repository = 'demo/single';
    await registryApi(registry.host).copyTag(repository, seed.digests.single, 'moving');
    const pinned = `${registry.host}/${repository}:moving@${seed.digests.single}`;
    const before = await inspectImage(pinned);
    expect(before.digest).toBe(seed.digests.single);
    expect(before.tagDigest).toBe(seed.digests.single);

    const moved = buildImage({ platform: { os: 'linux', architecture: 'riscv64' }, salt: 'moved-tag' });
    const newDigest = await pushImage(getRegistryClient(registry.host), repository, moved, 'moving');
    const after = await inspectImage(pinned);
    expect(after.digest).toBe(seed.digests.single);
    expect(after.tagDigest).toBe(newDigest);
  });

  it('reads nested indexes as deep as it shows them: the innermost image has its config', async () => {
    const client = getRegistryClient(registry.host);
    const repository = 'nested/deep';
    const platform = { os: 'linux', architecture: 'riscv64' };
    const image = buildImage({ platform, salt: 'deep' });
    await pushImage(client, repository, image);
    // top → index → index → image
    let child: Record<string, unknown> = { mediaType: image.manifest.mediaType, digest: image.manifest.digest, size: image.manifest.size, platform };
    for (const reference of [null, null, 'top']) {
      const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [child] }));
      const { digest } = await client.putManifest(repository, reference ?? sha256Digest(bytes), bytes, MediaType.ociIndex);
      child = { mediaType: MediaType.ociIndex, digest, size: bytes.length };
    }
    const result = await inspectImage(`${registry.host}/${repository}:top`);
    const innermost = result.entries[0]?.children?.[0]?.children?.[0];
    expect(innermost?.digest).toBe(image.manifest.digest);
    expect(innermost?.config).toMatchObject(platform);
  });

  it('costs one registry request (a HEAD) to inspect a tag again', async () => {
    const client = getRegistryClient(registry.host);
    await inspectImage(seed.references.golang);
    const before = client.stats();
    const result = await inspectImage(seed.references.golang);
    const after = client.stats();
    expect(result.entries).toHaveLength(6);
    expect(after.requests - before.requests).toBe(1);
    expect((after.byMethod.HEAD ?? 0) - (before.byMethod.HEAD ?? 0)).toBe(1);
  });

  it('returns the exact registry bytes for the raw view', async () => {
    const { manifest } = await resolveManifest(seed.references.golang);
    expect(sha256Digest(manifest.bytes)).toBe(seed.digests.golang);
    expect(Buffer.from(manifest.bytes).equals(Buffer.from((await registryApi(registry.host).getManifest('demo/golang', 'alpine')).bytes))).toBe(true);
  });

  it('fails with clear errors for a bad reference and an unknown repository', async () => {
    await expect(inspectImage('a/B')).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    const unknown = await inspectImage(`${registry.host}/nope/nothing:1`).then(
      () => {
        throw new Error('an unknown repository was inspected');
      },
      (err: unknown) => toAppError(err),
    );
    expect(unknown.code).toBe('NOT_FOUND');
  });
});
