import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryApi, type RegistryApi } from '@/e2e/fixtures/registry';
import { sha256Digest } from '@/lib/oci/digest';
import { MediaType } from '@/lib/oci/media-types';
import { ImageConfig, ImageIndex, ImageManifest, type Platform } from '@/lib/oci/schemas';
import { createRegistryClient } from '@/lib/registry/client';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { GOLANG_PLATFORMS, MANY_PLATFORMS, SEED_NAMES, seedDemo, type SeedResult } from '@/scripts/lib/seed';

/*
 * scripts/lib/seed.ts (the demo and e2e data) against a real registry (docker-registry 2.8.2, deletes enabled).
 * Reads go through the registry's plain HTTP API, not Archway's client, so what is checked here is what any
 * registry client would see; skopeo reads it too.
 */

let registry: RunningRegistry;
let api: RegistryApi;
let seed: SeedResult;

beforeAll(async () => {
  registry = await startRegistry();
  api = registryApi(registry.host);
  seed = await seedDemo(createRegistryClient(registry.host, { insecure: true }));
}, 120_000);

afterAll(async () => {
  await registry?.stop();
});

/** `host/repo:tag` → repository and tag. */
function splitReference(reference: string): { repository: string; tag: string } {
  const path = reference.slice(reference.indexOf('/') + 1);
  const colon = path.lastIndexOf(':');
  return { repository: path.slice(0, colon), tag: path.slice(colon + 1) };
}

const json = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

async function fetchJson(repository: string, reference: string): Promise<unknown> {
  return json((await api.getManifest(repository, reference)).bytes);
}

async function fetchConfig(repository: string, manifest: unknown) {
  const { config } = ImageManifest.parse(manifest);
  return ImageConfig.parse(json(await api.getBlob(repository, config.digest)));
}

/** The platform an image's config states, in descriptor form. */
function configPlatform(config: ImageConfig): Platform {
  return {
    os: config.os!,
    architecture: config.architecture!,
    ...(config.variant ? { variant: config.variant } : {}),
    ...(config['os.version'] ? { 'os.version': config['os.version'] } : {}),
  };
}

async function readList(name: keyof SeedResult['references']) {
  const { repository, tag } = splitReference(seed.references[name]);
  const top = await api.getManifest(repository, tag);
  expect(sha256Digest(top.bytes)).toBe(seed.digests[name]);
  return { repository, index: ImageIndex.parse(json(top.bytes)) };
}

describe('seedDemo', () => {
  it('pushes every shape, each tag resolving to the digest it reports', async () => {
    expect(Object.keys(seed.references).sort()).toEqual([...SEED_NAMES].sort());
    for (const name of SEED_NAMES) {
      expect(seed.references[name].startsWith(`${registry.host}/demo/`)).toBe(true);
      const { repository, tag } = splitReference(seed.references[name]);
      const { digest, bytes } = await api.getManifest(repository, tag);
      expect(sha256Digest(bytes)).toBe(seed.digests[name]);
      expect(digest).toBe(seed.digests[name]);
    }
  });

  it('pushes golang:alpine as a Docker list of six platforms whose configs agree with it', async () => {
    const { repository, index } = await readList('golang');
    expect(index.mediaType).toBe(MediaType.dockerManifestList);
    expect(index.manifests.map((d) => d.platform)).toEqual(GOLANG_PLATFORMS);
    for (const descriptor of index.manifests) {
      const child = await api.getManifest(repository, descriptor.digest);
      expect(sha256Digest(child.bytes)).toBe(descriptor.digest);
      expect(child.size).toBe(descriptor.size);
      expect(configPlatform(await fetchConfig(repository, json(child.bytes)))).toEqual(descriptor.platform);
    }
  });

  it('pushes an OCI index with index and descriptor annotations', async () => {
    const { index } = await readList('ociAnnotated');
    expect(index.mediaType).toBe(MediaType.ociIndex);
    expect('annotations' in index && index.annotations?.['org.opencontainers.image.version']).toBe('1.0');
    for (const descriptor of index.manifests) {
      expect(descriptor.mediaType).toBe(MediaType.ociManifest);
      expect(descriptor.annotations?.['org.opencontainers.image.ref.name']).toBe('1.0');
    }
  });

  it('pushes a buildx-style index whose attestations describe images of the same list', async () => {
    const { repository, index } = await readList('buildx');
    const images = index.manifests.filter((d) => d.platform?.os !== 'unknown');
    const attestations = index.manifests.filter((d) => d.platform?.os === 'unknown');
    expect(images).toHaveLength(2);
    expect(attestations).toHaveLength(2);
    expect(index.manifests.slice(2)).toEqual(attestations);
    for (const attestation of attestations) {
      expect(attestation.platform).toEqual({ architecture: 'unknown', os: 'unknown' });
      expect(attestation.annotations?.['vnd.docker.reference.type']).toBe('attestation-manifest');
      expect(images.map((d) => d.digest)).toContain(attestation.annotations?.['vnd.docker.reference.digest']);
      const manifest = ImageManifest.parse(await fetchJson(repository, attestation.digest));
      expect(manifest.layers.every((l) => l.mediaType === MediaType.inTotoJson)).toBe(true);
    }
  });

  it('pushes a list with an arm64 image listed as amd64 and an entry annotated x86_64', async () => {
    const { repository, index } = await readList('wrongArch');
    const [mislabelled, nonCanonical] = index.manifests;
    expect(mislabelled!.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    const mislabelledConfig = await fetchConfig(repository, await fetchJson(repository, mislabelled!.digest));
    expect(mislabelledConfig.architecture).toBe('arm64');
    expect(nonCanonical!.platform?.architecture).toBe('x86_64');
    const nonCanonicalConfig = await fetchConfig(repository, await fetchJson(repository, nonCanonical!.digest));
    expect(nonCanonicalConfig.architecture).toBe('amd64');
  });

  it('pushes a Windows list with two os.version builds', async () => {
    const { index } = await readList('windows');
    expect(index.manifests.map((d) => [d.platform?.os, d.platform?.['os.version']])).toEqual([
      ['windows', '10.0.17763.6189'],
      ['windows', '10.0.20348.2655'],
    ]);
  });

  it('pushes single-manifest tags, the x86-64 and arm64 ones in separate repositories', async () => {
    const expected = { x8664: ['demo/x8664-test', 'amd64'], arm64v8: ['demo/arm64v8-test', 'arm64'], single: ['demo/single', 'amd64'] };
    for (const [name, [repository, architecture]] of Object.entries(expected) as [keyof typeof expected, string[]][]) {
      expect(splitReference(seed.references[name]).repository).toBe(repository);
      expect(seed.entries[name]).toEqual([]);
      const manifest = await fetchJson(repository!, seed.digests[name]);
      expect((await fetchConfig(repository!, manifest)).architecture).toBe(architecture);
    }
  });

  it('pushes an index of at least 48 distinct platforms', async () => {
    const { index } = await readList('many');
    expect(index.manifests.length).toBeGreaterThanOrEqual(48);
    expect(index.manifests.map((d) => d.platform)).toEqual(MANY_PLATFORMS);
    expect(new Set(index.manifests.map((d) => JSON.stringify(d.platform))).size).toBe(index.manifests.length);
  });

  it('leaves the dangling list with one child deleted and the other readable', async () => {
    const { repository, index } = await readList('dangling');
    expect(seed.deleted).toHaveLength(1);
    const found = await Promise.all(index.manifests.map((d) => api.tagDigest(repository, d.digest)));
    expect(index.manifests.map((d) => d.digest)).toEqual([index.manifests[0]!.digest, seed.deleted[0]]);
    expect(found).toEqual([index.manifests[0]!.digest, null]);
  });

  it('gives the same digests when run again', async () => {
    const again = await seedDemo(createRegistryClient(registry.host, { insecure: true }));
    expect(again.digests).toEqual(seed.digests);
    expect(again.deleted).toEqual(seed.deleted);
  }, 60_000);

  it('stores bytes that skopeo reads back with the same digest', () => {
    const raw = execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${seed.references.golang}`]);
    expect(sha256Digest(new Uint8Array(raw))).toBe(seed.digests.golang);
  });
});
