import { describe, expect, it } from 'vitest';
import { InspectEntry } from './entry';
import { allProblems, analyzeIndex, analyzeManifest, MAX_INDEX_DEPTH } from './analyze';
import type { ChildInfo } from './analyze';
import { readFixture } from './fixtures/read-fixture';
import { MediaType } from './media-types';
import { parseManifest } from './parse';
import type { Descriptor, ImageConfig, ImageIndex, ImageManifest, Platform } from './schemas';

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

function fixtureIndex(name: string): { mediaType: string; index: ImageIndex } {
  const parsed = parseManifest(readFixture(name));
  if (parsed.kind !== 'index') throw new Error(`${name} is not an index`);
  return parsed;
}

function imageManifest(mediaType: string, layerSizes: number[] = [100, 23]): ImageManifest {
  const config = { mediaType: mediaType === MediaType.ociManifest ? MediaType.ociConfig : MediaType.dockerConfig, digest: digest(999), size: 1 };
  const layerType = mediaType === MediaType.ociManifest ? MediaType.ociLayerGzip : MediaType.dockerLayerGzip;
  return { schemaVersion: 2, mediaType, config, layers: layerSizes.map((size, i) => ({ mediaType: layerType, digest: digest(1000 + i), size })) } as ImageManifest;
}

function configOf(platform: Platform, created = '2024-06-01T00:00:00Z'): ImageConfig {
  return { ...platform, created };
}

/** The children map a fetcher would build: each descriptor's manifest, with the config its own platform says. */
function childrenFor(index: ImageIndex, configs: Record<string, Platform> = {}): Map<string, ChildInfo> {
  return new Map(
    index.manifests.map((d): [string, ChildInfo] => [
      d.digest,
      { mediaType: d.mediaType, size: d.size, manifest: imageManifest(d.mediaType), config: configOf(configs[d.digest] ?? d.platform!) },
    ]),
  );
}

function listOf(mediaType: string, manifests: Descriptor[]): { mediaType: string; index: ImageIndex } {
  return { mediaType, index: { schemaVersion: 2, mediaType, manifests } as ImageIndex };
}

const entry = (n: number, platform?: Platform, mediaType: string = MediaType.dockerManifest): Descriptor => ({
  mediaType,
  digest: digest(n),
  size: 500 + n,
  ...(platform ? { platform } : {}),
});
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('analyzeIndex on real lists', () => {
  it('finds nothing wrong with golang:alpine when each config agrees', () => {
    const { mediaType, index } = fixtureIndex('golang-alpine.docker-list.json');
    const result = analyzeIndex({ mediaType, index, children: childrenFor(index) });
    expect(allProblems(result)).toEqual([]);
    expect(result.entries.map((e) => e.role)).toEqual(Array(6).fill('image'));
    expect(result.entries[2]).toMatchObject({
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      config: { os: 'linux', architecture: 'arm64', variant: 'v8', created: '2024-06-01T00:00:00Z' },
      layers: { count: 2, size: 123 },
      missing: null,
    });
    for (const e of result.entries) expect(InspectEntry.parse(e)).toEqual(e);
  });

  it('§9 case 6: buildx attestations are grouped under vnd.docker.reference.digest', () => {
    const { mediaType, index } = fixtureIndex('mysql-8.4.oci-index.json');
    const result = analyzeIndex({ mediaType, index, children: new Map() });
    expect(result.entries.map((e) => [e.role, e.subject])).toEqual([
      ['image', undefined],
      ['attestation', index.manifests[0]!.digest],
      ['image', undefined],
      ['attestation', index.manifests[2]!.digest],
    ]);
    expect(allProblems(result)).toEqual([]);
  });

  it('§9 case 23: Windows builds with different os.version are not duplicates', () => {
    const { mediaType, index } = fixtureIndex('pause-3.8.docker-list.json');
    expect(allProblems(analyzeIndex({ mediaType, index, children: childrenFor(index) }))).toEqual([]);
  });
});

describe('annotation against image config', () => {
  it('reports an arm64 image listed as amd64, with the config platform as the one-click fix', () => {
    const list = listOf(MediaType.dockerManifestList, [entry(1, { os: 'linux', architecture: 'amd64' })]);
    const children = childrenFor(list.index, { [digest(1)]: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    const [problem, ...rest] = analyzeIndex({ ...list, children }).entries[0]!.problems;
    expect(rest).toEqual([]);
    expect(problem).toEqual({
      code: 'platform-mismatch',
      severity: 'error',
      message: 'Listed as linux/amd64 but the image config says linux/arm64/v8.',
      params: { listed: 'linux/amd64', config: 'linux/arm64/v8' },
      fix: { description: "Use the image's own platform, linux/arm64/v8", platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    });
  });

  it('compares normalised values: arm64 "" against v8 and arm "" against v7 are not mismatches', () => {
    const list = listOf(MediaType.dockerManifestList, [
      entry(1, { os: 'linux', architecture: 'arm64' }),
      entry(2, { os: 'linux', architecture: 'arm', variant: 'v7' }),
    ]);
    const children = childrenFor(list.index, {
      [digest(1)]: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      [digest(2)]: { os: 'linux', architecture: 'arm' },
    });
    expect(allProblems(analyzeIndex({ ...list, children }))).toEqual([]);
  });

  it('reports variant and os.version mismatches', () => {
    const list = listOf(MediaType.dockerManifestList, [
      entry(1, { os: 'linux', architecture: 'arm', variant: 'v7' }),
      entry(2, { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' }),
    ]);
    const children = childrenFor(list.index, {
      [digest(1)]: { os: 'linux', architecture: 'arm', variant: 'v6' },
      [digest(2)]: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' },
    });
    const [arm, windows] = analyzeIndex({ ...list, children }).entries;
    expect(arm!.problems[0]?.message).toBe('Listed as linux/arm/v7 but the image config says linux/arm/v6.');
    expect(windows!.problems[0]).toMatchObject({
      code: 'platform-mismatch',
      fix: { platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' } },
    });
  });

  it('asks for the os.version a Windows config has but the entry lacks', () => {
    const list = listOf(MediaType.dockerManifestList, [entry(1, { os: 'windows', architecture: 'amd64' })]);
    const children = childrenFor(list.index, { [digest(1)]: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227' } });
    expect(analyzeIndex({ ...list, children }).entries[0]!.problems).toEqual([
      expect.objectContaining({
        code: 'os-version-missing',
        severity: 'warning',
        fix: expect.objectContaining({ platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227' } }),
      }),
    ]);
  });
});

describe('platform problems', () => {
  it('§9 case 1: an x86_64 entry gets a warning and the canonical fix, not a mismatch', () => {
    const list = listOf(MediaType.dockerManifestList, [entry(1, { os: 'linux', architecture: 'x86_64' })]);
    const children = childrenFor(list.index, { [digest(1)]: { os: 'linux', architecture: 'amd64' } });
    expect(analyzeIndex({ ...list, children }).entries[0]!.problems).toEqual([
      expect.objectContaining({
        code: 'platform-non-canonical-architecture',
        severity: 'warning',
        fix: { description: 'Set the platform to linux/amd64', platform: { os: 'linux', architecture: 'amd64' } },
      }),
    ]);
  });

  it('§9 case 2: arm64 and arm64/v8 in one list are duplicates; the later entry is flagged', () => {
    const list = listOf(MediaType.dockerManifestList, [
      entry(1, { os: 'linux', architecture: 'arm64', variant: 'v8' }),
      entry(2, { os: 'linux', architecture: 'amd64' }),
      entry(3, { os: 'linux', architecture: 'arm64' }),
    ]);
    const entries = analyzeIndex({ ...list, children: childrenFor(list.index) }).entries;
    expect(codes(entries[0]!.problems)).toEqual([]);
    expect(entries[2]!.problems).toEqual([
      expect.objectContaining({ code: 'duplicate-platform', severity: 'error', message: expect.stringContaining('entry 1') }),
    ]);
    // Named as the page shows entry 1, so the user is never told "arm64 at entry 1" while it reads arm64/v8.
    expect(entries[2]!.problems[0]!.message).toContain('linux/arm64 is the same platform as entry 1 (linux/arm64/v8, ');
  });

  it('reports an image without a platform, with its config platform as the fix', () => {
    const list = listOf(MediaType.ociIndex, [entry(1, undefined, MediaType.ociManifest)]);
    const children = new Map([[digest(1), { mediaType: MediaType.ociManifest, size: 501, manifest: imageManifest(MediaType.ociManifest), config: configOf({ os: 'linux', architecture: 'arm', variant: 'v6' }) }]]);
    expect(analyzeIndex({ ...list, children }).entries[0]!.problems).toEqual([
      expect.objectContaining({ code: 'platform-missing', fix: expect.objectContaining({ platform: { os: 'linux', architecture: 'arm', variant: 'v6' } }) }),
    ]);
    expect(analyzeIndex({ ...list, children: new Map() }).entries[0]!.problems[0]).not.toHaveProperty('fix');
  });
});

describe('children', () => {
  it('a child missing from the registry is an entry with a problem; the rest is analysed', () => {
    const list = listOf(MediaType.dockerManifestList, [entry(1, { os: 'linux', architecture: 'amd64' }), entry(2, { os: 'linux', architecture: 's390x' })]);
    const children = childrenFor(list.index);
    children.set(digest(2), { mediaType: MediaType.dockerManifest, size: 502, missing: { reason: 'MANIFEST_UNKNOWN', status: 404 } });
    const result = analyzeIndex({ ...list, children });
    expect(result.entries[0]!.problems).toEqual([]);
    expect(result.entries[1]).toMatchObject({ missing: { reason: 'MANIFEST_UNKNOWN', status: 404 }, config: null, layers: null });
    expect(result.entries[1]!.problems).toEqual([
      expect.objectContaining({ code: 'child-missing', severity: 'error', message: expect.stringContaining('(HTTP 404): MANIFEST_UNKNOWN') }),
    ]);
  });

  it('flags a Docker list holding OCI children once, at list level', () => {
    const list = listOf(MediaType.dockerManifestList, [
      entry(1, { os: 'linux', architecture: 'amd64' }, MediaType.ociManifest),
      entry(2, { os: 'linux', architecture: 'arm64' }),
    ]);
    const result = analyzeIndex({ ...list, children: childrenFor(list.index) });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'docker-list-oci-child', severity: 'warning', fix: { description: 'Convert the list to an OCI image index' } })]);
    expect(analyzeIndex({ ...list, mediaType: MediaType.ociIndex, index: { ...list.index, mediaType: MediaType.ociIndex }, children: childrenFor(list.index) }).problems).toEqual([]);
  });

  it('reports a descriptor whose media type or size disagrees with the child', () => {
    const list = listOf(MediaType.ociIndex, [entry(1, { os: 'linux', architecture: 'amd64' }, MediaType.ociManifest)]);
    const children = new Map([[digest(1), { mediaType: MediaType.dockerManifest, size: 999, manifest: imageManifest(MediaType.dockerManifest), config: configOf({ os: 'linux', architecture: 'amd64' }) }]]);
    expect(codes(analyzeIndex({ ...list, children }).entries[0]!.problems)).toEqual(['descriptor-media-type-mismatch', 'descriptor-size-mismatch']);
  });

  it('reports an attestation whose subject is not in the list', () => {
    const { mediaType, index } = fixtureIndex('mysql-8.4.oci-index.json');
    const withoutAmd64 = { ...index, manifests: index.manifests.slice(1) };
    const result = analyzeIndex({ mediaType, index: withoutAmd64, children: new Map() });
    expect(result.entries[0]!.problems).toEqual([expect.objectContaining({ code: 'attestation-subject-missing', severity: 'warning' })]);
    expect(result.entries[2]!.problems).toEqual([]);
  });

  it('an unknown child media type is an entry of role unknown, not an error', () => {
    const list = listOf(MediaType.ociIndex, [{ mediaType: 'application/vnd.example.sbom+json', digest: digest(1), size: 3, artifactType: 'application/spdx+json' }]);
    const [unknown] = analyzeIndex({ ...list, children: new Map() }).entries;
    expect(unknown).toMatchObject({ role: 'unknown', artifactType: 'application/spdx+json', problems: [] });
  });

  it('an OCI artifact in a list (signature, SBOM) is not linted as an image', () => {
    const artifact = imageManifest(MediaType.ociManifest);
    artifact.config = { mediaType: 'application/vnd.dev.cosign.artifact.sig.v1+json', digest: digest(998), size: 2 };
    const list = listOf(MediaType.ociIndex, [entry(1, undefined, MediaType.ociManifest)]);
    const children = new Map([[digest(1), { mediaType: MediaType.ociManifest, size: 501, manifest: artifact }]]);
    expect(analyzeIndex({ ...list, children }).entries[0]).toMatchObject({ role: 'unknown', problems: [] });
  });

  it('an empty list is an info problem', () => {
    expect(analyzeIndex({ ...listOf(MediaType.ociIndex, []), children: new Map() }).problems).toEqual([
      expect.objectContaining({ code: 'empty-list', severity: 'info' }),
    ]);
  });
});

describe('§9 case 20: nested indexes', () => {
  it('shows a nested index recursively, its problems on its entries', () => {
    const inner = listOf(MediaType.ociIndex, [entry(2, { os: 'linux', architecture: 'amd64' }, MediaType.ociManifest), entry(3, { os: 'linux', architecture: 'amd64' }, MediaType.ociManifest)]);
    const outer = listOf(MediaType.ociIndex, [{ mediaType: MediaType.ociIndex, digest: digest(1), size: 700 }]);
    const children = childrenFor(inner.index);
    children.set(digest(1), { mediaType: MediaType.ociIndex, size: 700, index: inner.index });
    const result = analyzeIndex({ ...outer, children });
    expect(result.entries[0]).toMatchObject({ role: 'index', platform: null });
    expect(result.entries[0]!.children?.map((c) => c.digest)).toEqual([digest(2), digest(3)]);
    expect(codes(result.entries[0]!.children![1]!.problems)).toEqual(['duplicate-platform']);
    expect(InspectEntry.parse(result.entries[0])).toEqual(result.entries[0]);
  });

  it('stops at the depth guard instead of looping on a map that refers to itself', () => {
    const self = listOf(MediaType.ociIndex, [{ mediaType: MediaType.ociIndex, digest: digest(1), size: 10 }]);
    const children = new Map([[digest(1), { mediaType: MediaType.ociIndex, size: 10, index: self.index }]]);
    const result = analyzeIndex({ ...self, children });
    expect(codes(allProblems(result))).toContain('nesting-too-deep');
    let depth = 0;
    for (let e = result.entries[0]; e?.children; e = e.children[0]) depth++;
    expect(depth).toBeLessThanOrEqual(MAX_INDEX_DEPTH);
  });
});

describe('analyzeManifest: §9 case 4, a tag that is one image', () => {
  const self = (mediaType: string): Descriptor => ({ mediaType, digest: digest(1), size: 528 });

  it('returns one entry from the config and offers to create a list', () => {
    const manifest = imageManifest(MediaType.dockerManifest, [5, 7, 11]);
    const child: ChildInfo = { mediaType: MediaType.dockerManifest, size: 528, manifest, config: configOf({ os: 'linux', architecture: 'arm64', variant: 'v8' }) };
    const result = analyzeManifest({ descriptor: self(MediaType.dockerManifest), child });
    expect(result.entries).toEqual([
      expect.objectContaining({ digest: digest(1), role: 'image', platform: null, config: expect.objectContaining({ architecture: 'arm64' }), layers: { count: 3, size: 23 }, problems: [] }),
    ]);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'single-manifest', severity: 'info', message: 'This tag points at a single linux/arm64/v8 image, not a list. Create a list from it to add more platforms.' }),
    ]);
    expect(InspectEntry.parse(result.entries[0])).toEqual(result.entries[0]);
  });

  it('marks an artifact as unknown and an unreadable config as a warning', () => {
    const manifest = { ...imageManifest(MediaType.ociManifest), artifactType: 'application/vnd.example+json' } as ImageManifest;
    const child: ChildInfo = { mediaType: MediaType.ociManifest, size: 528, manifest, configError: 'BLOB_UNKNOWN' };
    const result = analyzeManifest({ descriptor: self(MediaType.ociManifest), child });
    expect(result.entries[0]).toMatchObject({ role: 'unknown', artifactType: 'application/vnd.example+json', config: null });
    expect(result.entries[0]!.problems).toEqual([expect.objectContaining({ code: 'config-unreadable', severity: 'warning', message: expect.stringContaining('(BLOB_UNKNOWN)') })]);
    expect(result.problems[0]?.message).toContain('a single image,');
  });
});

describe('an unreadable config in a list', () => {
  it('warns that the platform cannot be checked, and still checks the names', () => {
    const list = listOf(MediaType.dockerManifestList, [entry(1, { os: 'linux', architecture: 'aarch64' })]);
    const children = new Map([[digest(1), { mediaType: MediaType.dockerManifest, size: 501, manifest: imageManifest(MediaType.dockerManifest), configError: 'timeout' }]]);
    expect(codes(analyzeIndex({ ...list, children }).entries[0]!.problems)).toEqual(['config-unreadable', 'platform-non-canonical-architecture']);
  });
});
