import type { z } from 'zod';
import { bareMediaType, MediaType } from './media-types';
import { DockerManifest, DockerManifestList, ImageConfig, OciIndex, OciManifest } from './schemas';
import type { ImageIndex, ImageManifest } from './schemas';

/*
 * Reading manifest bytes. The rules follow what distribution and the docker CLI enforce
 * (registry-protocol.md §3, §5): the body's mediaType must agree with Content-Type, a Docker list must name
 * its mediaType, an OCI index must not look like an image. Parsing is loose: unknown fields survive.
 */

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; index: ImageIndex }
  | { kind: 'manifest'; mediaType: string; manifest: ImageManifest };

/** Bytes that are not a manifest (or config) Archway can read; the message says why. */
export class ManifestParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestParseError';
  }
}

const SCHEMA1_MEDIA_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
]);
const SCHEMA1_MESSAGE = 'schema 1 manifests are not supported: push with a current docker';

const SCHEMA_BY_MEDIA_TYPE = {
  [MediaType.dockerManifestList]: { kind: 'index', schema: DockerManifestList },
  [MediaType.ociIndex]: { kind: 'index', schema: OciIndex },
  [MediaType.dockerManifest]: { kind: 'manifest', schema: DockerManifest },
  [MediaType.ociManifest]: { kind: 'manifest', schema: OciManifest },
} as const;
type KnownMediaType = keyof typeof SCHEMA_BY_MEDIA_TYPE;

function isKnownMediaType(mediaType: string): mediaType is KnownMediaType {
  return Object.hasOwn(SCHEMA_BY_MEDIA_TYPE, mediaType);
}

/** One strict decoder for every document: decode() without `stream` keeps no state, and building one per call showed in profiles. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Parses JSON bytes into a plain object, or throws ManifestParseError naming `what`. */
function parseJsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(bytes));
  } catch (error) {
    throw new ManifestParseError(`The ${what} is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestParseError(`The ${what} is JSON but not an object.`);
  }
  return value as Record<string, unknown>;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The media type the body is, from its own `mediaType`, else the Content-Type, else its shape (an OCI index
 * or manifest may omit mediaType). Throws on every disagreement the registry itself would refuse.
 */
function resolveMediaType(body: Record<string, unknown>, contentType: string | undefined): string {
  const declared = typeof body.mediaType === 'string' ? body.mediaType : undefined;
  const header = contentType === undefined ? '' : bareMediaType(contentType);
  if (body.schemaVersion === 1 || SCHEMA1_MEDIA_TYPES.has(header) || (declared && SCHEMA1_MEDIA_TYPES.has(declared))) {
    throw new ManifestParseError(SCHEMA1_MESSAGE);
  }
  if (declared !== undefined && header !== '' && declared !== header) {
    throw new ManifestParseError(`The registry sent Content-Type ${header} but the manifest says its mediaType is ${declared}; refusing to guess which is right.`);
  }
  if (declared !== undefined) return declared;
  if (header === MediaType.dockerManifestList || header === MediaType.dockerManifest) {
    throw new ManifestParseError(`A Docker ${header === MediaType.dockerManifestList ? 'manifest list' : 'manifest'} must carry "mediaType": "${header}" in its body.`);
  }
  if (header !== '' && header !== 'application/json' && header !== 'application/octet-stream') return header;
  if (Array.isArray(body.manifests)) return MediaType.ociIndex;
  if ('config' in body || 'layers' in body) return MediaType.ociManifest;
  throw new ManifestParseError('The document has no mediaType and neither manifests nor config/layers: it is not a manifest.');
}

/**
 * Parses manifest bytes (a Docker list, OCI index, Docker v2 or OCI manifest). `contentType` is the
 * response's Content-Type; its parameters are ignored. Throws ManifestParseError with a readable reason.
 */
export function parseManifest(bytes: Uint8Array, contentType?: string): ParsedManifest {
  const body = parseJsonObject(bytes, 'manifest');
  const mediaType = resolveMediaType(body, contentType);
  if (!isKnownMediaType(mediaType)) {
    throw new ManifestParseError(`Unsupported manifest media type ${mediaType}: Archway reads Docker v2.2 and OCI manifests and lists.`);
  }
  const { kind, schema } = SCHEMA_BY_MEDIA_TYPE[mediaType];
  if (mediaType === MediaType.ociIndex && ('config' in body || 'layers' in body)) {
    throw new ManifestParseError('The document says it is an OCI index but has config/layers, like an image manifest.');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new ManifestParseError(`Not a valid ${mediaType} document: ${describeIssues(result.error)}.`);
  }
  // zod only validates here: its output lists declared keys first, which would reorder every descriptor and
  // change the bytes of entries an edit never touched. The schemas have no transforms, so the input is the value.
  return kind === 'index' ? { kind, mediaType, index: body as ImageIndex } : { kind, mediaType, manifest: body as ImageManifest };
}

/** Parses an image config blob loosely (unknown fields kept); throws ManifestParseError. */
export function parseImageConfig(bytes: Uint8Array): ImageConfig {
  const body = parseJsonObject(bytes, 'image config');
  const result = ImageConfig.safeParse(body);
  if (!result.success) throw new ManifestParseError(`Not a valid image config: ${describeIssues(result.error)}.`);
  return body as ImageConfig;
}
