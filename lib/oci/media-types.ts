/** Media types of the manifests, configs and layers Archway reads and writes, written once. */
export const MediaType = {
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerForeignLayerGzip: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  ociLayerTar: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  inTotoJson: 'application/vnd.in-toto+json',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
} as const;

export type IndexMediaType = typeof MediaType.dockerManifestList | typeof MediaType.ociIndex;
export type ImageManifestMediaType = typeof MediaType.dockerManifest | typeof MediaType.ociManifest;

/**
 * Every manifest GET/HEAD sends all four: without the list types distribution answers with the amd64 child,
 * without the OCI types an OCI index is MANIFEST_UNKNOWN (registry-protocol.md §5).
 */
export const MANIFEST_ACCEPT: readonly string[] = [
  MediaType.ociIndex,
  MediaType.dockerManifestList,
  MediaType.ociManifest,
  MediaType.dockerManifest,
];

/** True for a Docker manifest list or an OCI image index. */
export function isIndexMediaType(mediaType: string | undefined | null): mediaType is IndexMediaType {
  return mediaType === MediaType.dockerManifestList || mediaType === MediaType.ociIndex;
}

/** True for a single-image manifest (Docker v2.2 or OCI). */
export function isImageManifestMediaType(mediaType: string | undefined | null): mediaType is ImageManifestMediaType {
  return mediaType === MediaType.dockerManifest || mediaType === MediaType.ociManifest;
}

/** True for an image config blob (Docker or OCI); artifacts carry other config types and no platform. */
export function isImageConfigMediaType(mediaType: string | undefined | null): boolean {
  return mediaType === MediaType.dockerConfig || mediaType === MediaType.ociConfig;
}

/** True for `application/json` and `application/…+json` types: what every manifest is, and nothing a browser renders. */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[a-z0-9!#$&^_.-]+\+)?json$/.test(mediaType);
}

/** Content-Type without parameters, lower-cased (registries may add `; charset=utf-8`). */
export function bareMediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
