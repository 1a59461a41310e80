import { gzipSync } from 'node:zlib';
import { sha256Digest } from '@/lib/oci/digest';
import { MediaType } from '@/lib/oci/media-types';
import type { Platform } from '@/lib/oci/schemas';
import type { RegistryClient } from '@/lib/registry/types';

/*
 * Tiny hand-made images for the registry client's tests: one gzip layer, a config with the platform, a Docker
 * v2.2 manifest, and lists over them. Not real root filesystems (scripts/lib/image-builder.ts makes those for the
 * demo); just valid content-addressed documents a real registry accepts.
 */

export type TestBlob = { mediaType: string; digest: string; size: number; bytes: Uint8Array };
export type TestImage = { manifest: TestBlob; config: TestBlob; layer: TestBlob; platform: Platform };

function blob(mediaType: string, bytes: Uint8Array): TestBlob {
  return { mediaType, digest: sha256Digest(bytes), size: bytes.byteLength, bytes };
}

function json(value: unknown, indent?: number): Uint8Array {
  return Buffer.from(JSON.stringify(value, null, indent));
}

/** A small image for `platform`; `salt` makes its content unique to the test that asks. */
export function makeImage(platform: Platform, salt = ''): TestImage {
  const layer = blob(MediaType.dockerLayerGzip, gzipSync(Buffer.from(`layer of ${platform.os}/${platform.architecture} ${salt}`)));
  const config = blob(
    MediaType.dockerConfig,
    json({ ...platform, rootfs: { type: 'layers', diff_ids: [] }, config: { Labels: { salt } } }),
  );
  const manifest = blob(
    MediaType.dockerManifest,
    json(
      {
        schemaVersion: 2,
        mediaType: MediaType.dockerManifest,
        config: { mediaType: config.mediaType, size: config.size, digest: config.digest },
        layers: [{ mediaType: layer.mediaType, size: layer.size, digest: layer.digest }],
      },
      3,
    ),
  );
  return { manifest, config, layer, platform };
}

/** A Docker manifest list (or OCI index) over images, written with odd spacing on purpose: bytes are kept as is. */
export function makeIndex(images: TestImage[], mediaType: string = MediaType.dockerManifestList): TestBlob {
  const manifests = images.map((image) => ({
    mediaType: image.manifest.mediaType,
    size: image.manifest.size,
    digest: image.manifest.digest,
    platform: image.platform,
  }));
  const text = `{ "schemaVersion" :2,  "mediaType": ${JSON.stringify(mediaType)},\n"manifests": ${JSON.stringify(manifests)} }`;
  return blob(mediaType, Buffer.from(text));
}

/** Pushes an image's blobs and manifest (by digest, and by tag when given). */
export async function pushImage(client: RegistryClient, repository: string, image: TestImage, tag?: string): Promise<void> {
  for (const part of [image.layer, image.config]) {
    if (!(await client.hasBlob(repository, part.digest))) await client.uploadBlob(repository, part.digest, part.bytes);
  }
  await client.putManifest(repository, tag ?? image.manifest.digest, image.manifest.bytes, image.manifest.mediaType);
}
