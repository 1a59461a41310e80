import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sha256Digest as sha256 } from '@/lib/oci/digest';
import { MediaType } from '@/lib/oci/media-types';
import { ImageConfig, ImageIndex, ImageManifest } from '@/lib/oci/schemas';
import {
  attestationEntry,
  buildAttestation,
  buildImage,
  buildIndex,
  pushImage,
  pushIndex,
  type Blob,
  type PushClient,
} from './image-builder';

const decode = (blob: Blob): unknown => JSON.parse(new TextDecoder().decode(blob.bytes));
const arm64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };
const amd64 = { os: 'linux', architecture: 'amd64' };

describe('buildImage', () => {
  it('writes gzip tar layers that GNU tar reads, with the files asked for', () => {
    const image = buildImage({ platform: arm64, layers: [[{ path: 'usr/share/hello.txt', content: 'hi\n' }]] });
    const listing = execFileSync('tar', ['-tvzf', '-'], { input: image.layers[0]!.bytes }).toString();
    expect(listing).toMatch(/drwxr-xr-x root\/root .* usr\/\n/);
    expect(listing).toMatch(/-rw-r--r-- root\/root +3 2001-09-09 .* usr\/share\/hello.txt/);
    const content = execFileSync('tar', ['-xzOf', '-', 'usr/share/hello.txt'], { input: image.layers[0]!.bytes });
    expect(content.toString()).toBe('hi\n');
  });

  it('states the platform in the config and lists the diff_ids of the uncompressed layers', () => {
    const platform = { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.5936' };
    const image = buildImage({ platform });
    const config = ImageConfig.parse(decode(image.config));
    expect(config).toMatchObject({ os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.5936' });
    expect(config.variant).toBeUndefined();
    expect(config.rootfs?.diff_ids).toEqual(image.layers.map((l) => sha256(gunzipSync(l.bytes))));
    expect(image.platform).toEqual(platform);
  });

  it('addresses every blob by the sha256 and length of its exact bytes', () => {
    const image = buildImage({ platform: arm64 });
    for (const blob of [image.manifest, image.config, ...image.layers]) {
      expect(blob.digest).toBe(sha256(blob.bytes));
      expect(blob.size).toBe(blob.bytes.length);
    }
    const manifest = ImageManifest.parse(decode(image.manifest));
    expect(manifest.config).toEqual({ mediaType: MediaType.dockerConfig, digest: image.config.digest, size: image.config.size });
    expect(manifest.layers.map((l) => l.digest)).toEqual(image.layers.map((l) => l.digest));
  });

  it('uses Docker v2.2 media types by default and OCI ones on request', () => {
    const docker = buildImage({ platform: amd64 });
    const oci = buildImage({ platform: amd64, format: 'oci', annotations: { 'org.opencontainers.image.title': 't' } });
    expect([docker.manifest.mediaType, docker.config.mediaType, docker.layers[0]!.mediaType]).toEqual([
      MediaType.dockerManifest,
      MediaType.dockerConfig,
      MediaType.dockerLayerGzip,
    ]);
    expect([oci.manifest.mediaType, oci.config.mediaType, oci.layers[0]!.mediaType]).toEqual([
      MediaType.ociManifest,
      MediaType.ociConfig,
      MediaType.ociLayerGzip,
    ]);
    expect(decode(oci.manifest)).toMatchObject({ annotations: { 'org.opencontainers.image.title': 't' } });
  });

  it('is deterministic, and a salt changes every layer and the manifest', () => {
    const first = buildImage({ platform: arm64 });
    const again = buildImage({ platform: arm64 });
    const salted = buildImage({ platform: arm64, salt: 'copy-1' });
    expect(again.manifest.digest).toBe(first.manifest.digest);
    expect(salted.manifest.digest).not.toBe(first.manifest.digest);
    const firstLayers = new Set(first.layers.map((l) => l.digest));
    expect(salted.layers.some((l) => firstLayers.has(l.digest))).toBe(false);
  });

  it('gives different platforms different images', () => {
    expect(buildImage({ platform: arm64 }).manifest.digest).not.toBe(buildImage({ platform: amd64 }).manifest.digest);
  });
});

describe('buildAttestation', () => {
  it('builds an OCI manifest of in-toto layers that name the subject, with a buildx index entry', () => {
    const subject = buildImage({ platform: amd64 });
    const attestation = buildAttestation(subject, 'demo/buildx');
    const manifest = ImageManifest.parse(decode(attestation.manifest));
    expect(manifest.mediaType).toBe(MediaType.ociManifest);
    expect(manifest.layers.map((l) => [l.mediaType, l.annotations?.['in-toto.io/predicate-type']])).toEqual([
      [MediaType.inTotoJson, 'https://spdx.dev/Document'],
      [MediaType.inTotoJson, 'https://slsa.dev/provenance/v0.2'],
    ]);
    const statement = decode(attestation.layers[0]!) as { subject: { digest: { sha256: string } }[] };
    expect(`sha256:${statement.subject[0]!.digest.sha256}`).toBe(subject.manifest.digest);
    expect(attestationEntry(attestation, subject)).toMatchObject({
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': subject.manifest.digest },
    });
  });
});

describe('buildIndex', () => {
  it('lists each image with its own platform unless the entry overrides or omits it', () => {
    const arm = buildImage({ platform: arm64 });
    const amd = buildImage({ platform: amd64 });
    const index = buildIndex({
      format: 'docker',
      entries: [{ image: arm, platform: { os: 'linux', architecture: 'amd64' } }, { image: amd }],
    });
    const list = ImageIndex.parse(decode(index.manifest));
    expect(list.mediaType).toBe(MediaType.dockerManifestList);
    expect(list.manifests).toEqual([
      { mediaType: MediaType.dockerManifest, digest: arm.manifest.digest, size: arm.manifest.size, platform: amd64 },
      { mediaType: MediaType.dockerManifest, digest: amd.manifest.digest, size: amd.manifest.size, platform: amd64 },
    ]);
    const oci = buildIndex({ format: 'oci', entries: [{ image: amd, platform: null }] });
    expect((decode(oci.manifest) as { manifests: object[] }).manifests[0]).not.toHaveProperty('platform');
  });

  it('keeps index and descriptor annotations on an OCI index and refuses them on a Docker list', () => {
    const image = buildImage({ platform: amd64, format: 'oci' });
    const index = buildIndex({
      format: 'oci',
      annotations: { 'org.opencontainers.image.version': '1.0' },
      entries: [{ image, annotations: { 'org.opencontainers.image.ref.name': '1.0' } }],
    });
    expect(decode(index.manifest)).toMatchObject({
      mediaType: MediaType.ociIndex,
      annotations: { 'org.opencontainers.image.version': '1.0' },
      manifests: [{ annotations: { 'org.opencontainers.image.ref.name': '1.0' } }],
    });
    expect(() => buildIndex({ format: 'docker', annotations: { a: 'b' }, entries: [] })).toThrow(/no annotations/);
    expect(() => buildIndex({ format: 'docker', entries: [{ image, annotations: { a: 'b' } }] })).toThrow(/no annotations/);
  });
});

/** Records what a push sends, answering like a registry that stores bytes verbatim. */
function recordingClient(present: Set<string> = new Set()) {
  const calls: string[] = [];
  const client: PushClient = {
    hasBlob: async (_repo, digest) => present.has(digest),
    uploadBlob: async (_repo, digest, bytes) => {
      expect(sha256(bytes)).toBe(digest);
      present.add(digest);
      calls.push(`blob ${digest}`);
    },
    putManifest: async (_repo, reference, bytes, mediaType) => {
      calls.push(`manifest ${reference} ${mediaType}`);
      return { digest: sha256(bytes) };
    },
  };
  return { client, calls };
}

describe('pushImage / pushIndex', () => {
  it('uploads only missing blobs, then puts the manifest with its media type', async () => {
    const image = buildImage({ platform: amd64 });
    const { client, calls } = recordingClient(new Set([image.layers[0]!.digest]));
    const digest = await pushImage(client, 'demo/x', image, 'latest');
    expect(digest).toBe(image.manifest.digest);
    expect(calls).toEqual([
      `blob ${image.config.digest}`,
      `blob ${image.layers[1]!.digest}`,
      `manifest latest ${MediaType.dockerManifest}`,
    ]);
  });

  it('pushes children by digest before the index', async () => {
    const amd = buildImage({ platform: amd64 });
    const index = buildIndex({ format: 'docker', entries: [{ image: amd }] });
    const { client, calls } = recordingClient();
    await pushIndex(client, 'demo/x', index, 'v1');
    expect(calls.filter((c) => c.startsWith('manifest'))).toEqual([
      `manifest ${amd.manifest.digest} ${MediaType.dockerManifest}`,
      `manifest v1 ${MediaType.dockerManifestList}`,
    ]);
  });

  it('fails when the registry reports a digest other than the bytes sent', async () => {
    const image = buildImage({ platform: amd64 });
    const { client } = recordingClient();
    client.putManifest = async () => ({ digest: `sha256:${'0'.repeat(64)}` });
    await expect(pushImage(client, 'demo/x', image)).rejects.toThrow(/hash to/);
  });
});
