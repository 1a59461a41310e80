import { gzipSync } from 'node:zlib';
import { MediaType } from '@/lib/oci/media-types';
import type { Platform } from '@/lib/oci/schemas';
import { blobOf, type Blob, type Image } from '@/scripts/lib/image-builder';

/*
 * Tiny hand-made images for the registry client's tests: one gzip layer, a config with the platform, a Docker
 * v2.2 manifest, and lists over them. Not real root filesystems (scripts/lib/image-builder.ts makes those for the
 * demo); just valid content-addressed documents a real registry accepts. They are that builder's Image, so its
 * pushImage pushes them.
 */

/** An image with its one layer at hand. */
export type TestImage = Image & { layer: Blob };

function json(value: unknown, indent?: number): Uint8Array {
  return Buffer.from(JSON.stringify(value, null, indent));
}

/** A small image for `platform`; `salt` makes its content unique to the test that asks. */
export function makeImage(platform: Platform, salt = ''): TestImage {
  const layer = blobOf(MediaType.dockerLayerGzip, gzipSync(Buffer.from(`layer of ${platform.os}/${platform.architecture} ${salt}`)));
  const config = blobOf(
    MediaType.dockerConfig,
    json({ ...platform, rootfs: { type: 'layers', diff_ids: [] }, config: { Labels: { salt } } }),
  );
  const manifest = blobOf(
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
  return { manifest, config, layers: [layer], layer, platform };
}

/** A Docker manifest list (or OCI index) over images, written with odd spacing on purpose: bytes are kept as is. */
export function makeIndex(images: TestImage[], mediaType: string = MediaType.dockerManifestList): Blob {
  const manifests = images.map((image) => ({
    mediaType: image.manifest.mediaType,
    size: image.manifest.size,
    digest: image.manifest.digest,
    platform: image.platform,
  }));
  const text = `{ "schemaVersion" :2,  "mediaType": ${JSON.stringify(mediaType)},\n"manifests": ${JSON.stringify(manifests)} }`;
  return blobOf(mediaType, Buffer.from(text));
}
