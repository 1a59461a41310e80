import 'server-only';
import { AppError } from '@/lib/api/errors';
import { configPlatformOf } from '@/lib/oci/config-platform';
import { isDigest } from '@/lib/oci/reference';
import { isImageConfigMediaType } from '@/lib/oci/media-types';
import { ManifestParseError, parseImageConfig, parseManifest, type ParsedManifest } from '@/lib/oci/parse';
import { DEFAULT_TAG, tryParseReference } from '@/lib/oci/reference';
import type { Descriptor, ImageConfig, ImageManifest, Platform } from '@/lib/oci/schemas';
import type { ManifestResponse } from '@/lib/registry/types';
import type { ChildTransfer, ClientFor, RepoLocation } from './types';

/*
 * Reading what a push is made of: the sources named in the request, the configs that give or check platforms,
 * and the children that must be copied into the target repository.
 */

/** Nested indexes copied this deep; content addressing rules out cycles, a broken registry does not. */
const MAX_TRANSFER_DEPTH = 4;
/** Image configs are small JSON; anything bigger is not one. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export type SourceLocation = RepoLocation & { reference: string };

/**
 * Where a request entry's source lives; a bare `sha256:…` digest names a manifest in the target repository
 * (only registered algorithms: `golang:alpine` fits the digest grammar too).
 */
export function locateSource(source: string, target: RepoLocation): SourceLocation {
  if (/^sha(?:256|512):/.test(source) && isDigest(source)) return { ...target, reference: source };
  const parsed = tryParseReference(source);
  if (!parsed.ok) throw new AppError('INVALID_REFERENCE', `Source "${source}": ${parsed.error}`);
  const { registry, repository, digest, tag } = parsed.reference;
  return { registry, repository, reference: digest ?? tag ?? DEFAULT_TAG };
}

export const isSameRepository = (a: RepoLocation, b: RepoLocation) => a.registry === b.registry && a.repository === b.repository;

export type ReadManifest = { response: ManifestResponse; parsed: ParsedManifest };

/** Fetches and parses a manifest; a manifest Archway cannot read is a 422 naming it. */
export async function readManifest(clientFor: ClientFor, from: RepoLocation, reference: string): Promise<ReadManifest> {
  const response = await clientFor(from.registry).getManifest(from.repository, reference);
  try {
    return { response, parsed: parseManifest(response.bytes, response.mediaType) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError('UNPROCESSABLE', `${from.registry}/${from.repository}@${response.digest} cannot be listed: ${reason}`);
  }
}

/** The platform an image's config declares, exactly as written there; null when it names none (or is an artifact). */
export async function readConfigPlatform(clientFor: ClientFor, from: RepoLocation, manifest: ImageManifest): Promise<Platform | null> {
  if (!isImageConfigMediaType(manifest.config.mediaType)) return null;
  const bytes = await clientFor(from.registry).getBlob(from.repository, manifest.config.digest, { maxBytes: MAX_CONFIG_BYTES });
  let parsed: ImageConfig;
  try {
    parsed = parseImageConfig(bytes);
  } catch (err) {
    if (!(err instanceof ManifestParseError)) throw err;
    throw new AppError('UNPROCESSABLE', `${from.registry}/${from.repository}: config ${manifest.config.digest} cannot be read: ${err.message}`);
  }
  const config = configPlatformOf(parsed);
  if (!config) return null;
  const { created: _created, ...platform } = config;
  return platform as Platform;
}

/** The blobs an image needs in its repository: config and layers; foreign layers (with `urls`) are never pushed, as docker does. */
export function pushedBlobs(manifest: ImageManifest): Descriptor[] {
  return [manifest.config, ...manifest.layers.filter((layer) => !layer.urls?.length)];
}

/**
 * What writing `digest` from `from` into another repository takes: its exact bytes, the blobs of an image, or
 * the children of a nested index (recursively).
 */
export async function planTransfer(clientFor: ClientFor, from: RepoLocation, digest: string, depth = 0): Promise<ChildTransfer> {
  const { response, parsed } = await readManifest(clientFor, from, digest);
  const transfer: ChildTransfer = { digest: response.digest, mediaType: response.mediaType, bytes: response.bytes, from, blobs: [], children: [] };
  if (parsed.kind === 'manifest') {
    transfer.blobs = pushedBlobs(parsed.manifest).map((d) => ({
      digest: d.digest,
      size: d.size,
      mediaType: d.mediaType,
      from,
    }));
    return transfer;
  }
  if (depth >= MAX_TRANSFER_DEPTH) {
    throw new AppError('UNPROCESSABLE', `${digest} nests indexes more than ${MAX_TRANSFER_DEPTH} deep; Archway does not copy it.`);
  }
  transfer.children = await Promise.all(parsed.index.manifests.map((d) => planTransfer(clientFor, from, d.digest, depth + 1)));
  return transfer;
}
