import { gzipSync } from 'node:zlib';
import { ATTESTATION_MANIFEST, REFERENCE_DIGEST_ANNOTATION, REFERENCE_TYPE_ANNOTATION } from '@/lib/oci/attestation';
import { sha256Digest } from '@/lib/oci/digest';
import { MediaType } from '@/lib/oci/media-types';
import type { Annotations, Platform } from '@/lib/oci/schemas';
import type { RegistryClient } from '@/lib/registry/types';
import { createTar, type TarFile } from './tar';

/*
 * Builds real, small container images in memory: gzip tar layers, configs whose platform fields and diff_ids are
 * right, Docker v2.2 or OCI manifests, buildx-style attestation manifests, and lists over them. Everything is
 * deterministic (fixed mtimes, fixed `created`), so a seed run twice gives the same digests; a `salt` gives a
 * distinct copy when content must be new to whoever reads it (cold benchmarks).
 */

/** Content addressed by the sha256 of its exact bytes. */
export type Blob = { mediaType: string; digest: string; size: number; bytes: Uint8Array };

/** An image manifest with everything it references. `platform` is what its config says about itself. */
export type Image = { manifest: Blob; config: Blob; layers: Blob[]; platform: Platform };

/** An index (or Docker list) plus the manifests it lists, in the order they must be pushed. */
export type Index = { manifest: Blob; children: Image[] };

export type ImageFormat = 'docker' | 'oci';

export type ImageOptions = {
  platform: Platform;
  /** Docker v2.2 (default) or OCI media types for the manifest, config and layers. */
  format?: ImageFormat;
  /** Files of each layer, bottom first. Default: a platform-specific base layer and an app layer. */
  layers?: TarFile[][];
  /** Mixed into every layer, so the copy shares no blob or manifest with an unsalted build. */
  salt?: string;
  created?: string;
  labels?: Record<string, string>;
  /** OCI manifests only. */
  annotations?: Annotations;
};

/** One `manifests[]` entry: the descriptor's platform defaults to the image's own. `null` omits it. */
export type IndexEntry = { image: Image; platform?: Platform | null; annotations?: Annotations };

export type IndexOptions = {
  format: ImageFormat;
  entries: IndexEntry[];
  /** OCI indexes only. */
  annotations?: Annotations;
};

/** Every seeded image claims this build time, so configs (and digests) do not change between runs. */
export const SEED_CREATED = '2024-06-01T12:00:00Z';

const encoder = new TextEncoder();

/** Wraps exact bytes as a content-addressed blob. */
export function blobOf(mediaType: string, bytes: Uint8Array): Blob {
  return { mediaType, digest: sha256Digest(bytes), size: bytes.length, bytes };
}

/** Serialises a document once; the bytes are what gets hashed and pushed. */
export function jsonBlob(mediaType: string, document: unknown): Blob {
  return blobOf(mediaType, encoder.encode(JSON.stringify(document)));
}

/** The descriptor of a blob, with optional extra fields (platform, annotations) after the required three. */
export function descriptorOf(blob: Blob, extra: { platform?: Platform; annotations?: Annotations } = {}) {
  return {
    mediaType: blob.mediaType,
    digest: blob.digest,
    size: blob.size,
    ...(extra.platform ? { platform: extra.platform } : {}),
    ...(extra.annotations && Object.keys(extra.annotations).length > 0 ? { annotations: extra.annotations } : {}),
  };
}

/** `linux/arm64/v8`, `windows/amd64/10.0.17763.1`: a readable label for file contents and messages. */
export function platformLabel(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant, platform['os.version']].filter(Boolean).join('/');
}

function defaultLayers(platform: Platform): TarFile[][] {
  const label = platformLabel(platform);
  return [
    [
      { path: 'etc/archway-release', content: `ID=archway-seed\nPLATFORM=${label}\n` },
      { path: 'bin/hello', content: `#!/bin/sh\necho "hello from ${label}"\n`, mode: 0o755 },
    ],
    [{ path: 'app/README', content: 'Seeded by Archway: a real image with tiny layers.\n' }],
  ];
}

/** A gzip layer and the sha256 of its uncompressed tar (the config's diff_id). */
function buildLayer(files: TarFile[], format: ImageFormat, salt: string | undefined): { blob: Blob; diffId: string } {
  const withSalt = salt ? [...files, { path: '.archway-salt', content: salt }] : files;
  const tar = createTar(withSalt);
  // zlib writes mtime 0 and a fixed OS byte in the gzip header, so the output is as stable as the input.
  const gzipped = new Uint8Array(gzipSync(tar, { level: 9 }));
  const mediaType = format === 'oci' ? MediaType.ociLayerGzip : MediaType.dockerLayerGzip;
  return { blob: blobOf(mediaType, gzipped), diffId: sha256Digest(tar) };
}

/** Builds one runnable-looking image for a platform: layers, a config that states the platform, a manifest. */
export function buildImage(options: ImageOptions): Image {
  const { platform, format = 'docker', salt, created = SEED_CREATED } = options;
  const layers = (options.layers ?? defaultLayers(platform)).map((files) => buildLayer(files, format, salt));
  const config = jsonBlob(format === 'oci' ? MediaType.ociConfig : MediaType.dockerConfig, {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    ...(platform['os.version'] ? { 'os.version': platform['os.version'] } : {}),
    ...(platform['os.features'] ? { 'os.features': platform['os.features'] } : {}),
    created,
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/hello'],
      ...(options.labels ? { Labels: options.labels } : {}),
    },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map((_, i) => ({ created, created_by: `ADD layer-${i} / # archway seed` })),
  });
  return assembleImage({ platform, format, config, layers: layers.map((l) => l.blob), annotations: options.annotations });
}

function assembleImage(parts: {
  platform: Platform;
  format: ImageFormat;
  config: Blob;
  layers: Blob[];
  annotations?: Annotations | undefined;
  layerAnnotations?: Annotations[];
}): Image {
  const { format, config, layers } = parts;
  const isOci = format === 'oci';
  const manifest = jsonBlob(isOci ? MediaType.ociManifest : MediaType.dockerManifest, {
    schemaVersion: 2,
    mediaType: isOci ? MediaType.ociManifest : MediaType.dockerManifest,
    config: descriptorOf(config),
    layers: layers.map((layer, i) => descriptorOf(layer, { annotations: parts.layerAnnotations?.[i] })),
    ...(isOci && parts.annotations ? { annotations: parts.annotations } : {}),
  });
  return { manifest, config, layers, platform: parts.platform };
}

const ATTESTATION_PLATFORM: Platform = { architecture: 'unknown', os: 'unknown' };
const PREDICATE_SPDX = 'https://spdx.dev/Document';
const PREDICATE_PROVENANCE = 'https://slsa.dev/provenance/v0.2';

/**
 * A buildx-style attestation manifest for `subject`: an OCI manifest whose layers are in-toto statements
 * (an SBOM and a provenance), as buildkit writes them (moby/buildkit docs/attestations/attestation-storage.md).
 */
export function buildAttestation(subject: Image, repository: string): Image {
  const purl = `pkg:docker/${repository}@latest?platform=${encodeURIComponent(platformLabel(subject.platform))}`;
  const statementSubject = [{ name: purl, digest: { sha256: subject.manifest.digest.replace(/^sha256:/, '') } }];
  const statements = [
    {
      predicateType: PREDICATE_SPDX,
      predicate: { spdxVersion: 'SPDX-2.3', name: 'sbom', packages: [{ name: 'hello', versionInfo: '1.0.0' }] },
    },
    {
      predicateType: PREDICATE_PROVENANCE,
      predicate: { builder: { id: 'https://archway.invalid/seed' }, buildType: 'https://mobyproject.org/buildkit@v1' },
    },
  ];
  const layers = statements.map((s) =>
    jsonBlob(MediaType.inTotoJson, { _type: 'https://in-toto.io/Statement/v0.1', subject: statementSubject, ...s }),
  );
  // buildkit's attestation config is an image config of platform unknown/unknown whose diff_ids are the layers.
  const config = jsonBlob(MediaType.ociConfig, {
    architecture: 'unknown',
    os: 'unknown',
    config: {},
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
  });
  return assembleImage({
    platform: ATTESTATION_PLATFORM,
    format: 'oci',
    config,
    layers,
    layerAnnotations: statements.map((s) => ({ 'in-toto.io/predicate-type': s.predicateType })),
  });
}

/** The index entry buildx writes for an attestation: platform unknown/unknown plus the reference annotations. */
export function attestationEntry(attestation: Image, subject: Image): IndexEntry {
  return {
    image: attestation,
    platform: ATTESTATION_PLATFORM,
    annotations: {
      [REFERENCE_DIGEST_ANNOTATION]: subject.manifest.digest,
      [REFERENCE_TYPE_ANNOTATION]: ATTESTATION_MANIFEST,
    },
  };
}

/** Builds a Docker manifest list or an OCI index over `entries`, serialised once. */
export function buildIndex(options: IndexOptions): Index {
  const isOci = options.format === 'oci';
  if (!isOci && options.annotations) throw new Error('Docker manifest lists have no annotations; use an OCI index');
  const mediaType = isOci ? MediaType.ociIndex : MediaType.dockerManifestList;
  const manifests = options.entries.map((entry) => {
    const platform = entry.platform === null ? undefined : (entry.platform ?? entry.image.platform);
    if (!isOci && entry.annotations) throw new Error('Docker manifest list entries have no annotations');
    return descriptorOf(entry.image.manifest, { platform, annotations: entry.annotations });
  });
  const manifest = jsonBlob(mediaType, {
    schemaVersion: 2,
    mediaType,
    manifests,
    ...(options.annotations ? { annotations: options.annotations } : {}),
  });
  return { manifest, children: options.entries.map((e) => e.image) };
}

/** The part of the registry client a push needs. */
export type PushClient = Pick<RegistryClient, 'hasBlob' | 'uploadBlob' | 'putManifest'>;

/** Uploads an image's config and layers (skipping those the repository has), then its manifest; returns its digest. */
export async function pushImage(client: PushClient, repository: string, image: Image, tag?: string): Promise<string> {
  for (const blob of [image.config, ...image.layers]) {
    if (await client.hasBlob(repository, blob.digest)) continue;
    await client.uploadBlob(repository, blob.digest, blob.bytes);
  }
  return putBlobAsManifest(client, repository, image.manifest, tag);
}

/** Pushes every child by digest, then the index (by tag when given): the registry checks children exist. */
export async function pushIndex(client: PushClient, repository: string, index: Index, tag?: string): Promise<string> {
  for (const child of index.children) await pushImage(client, repository, child);
  return putBlobAsManifest(client, repository, index.manifest, tag);
}

async function putBlobAsManifest(client: PushClient, repository: string, manifest: Blob, tag?: string): Promise<string> {
  const { digest } = await client.putManifest(repository, tag ?? manifest.digest, manifest.bytes, manifest.mediaType);
  if (digest !== manifest.digest) {
    throw new Error(`registry stored ${repository} as ${digest}, but the bytes sent hash to ${manifest.digest}`);
  }
  return digest;
}
