import { z } from 'zod';
import { MediaType } from './media-types';
import { OCI_DIGEST_GRAMMAR } from './reference';

/*
 * zod is the source of truth for wire shapes. Every object is parsed loosely (`z.looseObject`): unknown fields,
 * annotations and future spec additions survive a parse, so an edit never drops what it did not touch.
 */

export const DigestString = z.string().regex(OCI_DIGEST_GRAMMAR, 'not a digest (algorithm:hex)');

export const Annotations = z.record(z.string(), z.string());
export type Annotations = z.infer<typeof Annotations>;

export const Platform = z.looseObject({
  architecture: z.string(),
  os: z.string(),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional(),
  variant: z.string().optional(),
  /** Docker-only and reserved in OCI: kept, but dropped (with a warning) on conversion to OCI. */
  features: z.array(z.string()).optional(),
});
export type Platform = z.infer<typeof Platform>;

export const Descriptor = z.looseObject({
  mediaType: z.string(),
  digest: DigestString,
  size: z.number().int().nonnegative(),
  urls: z.array(z.string()).optional(),
  annotations: Annotations.optional(),
  data: z.string().optional(),
  artifactType: z.string().optional(),
  platform: Platform.optional(),
});
export type Descriptor = z.infer<typeof Descriptor>;

/*
 * Docker v2.2 documents have no `annotations`; they are typed here anyway (optional) so that reading
 * `index.annotations` works on either kind of list. Converting to Docker drops them (edit.ts).
 */
export const DockerManifestList = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.literal(MediaType.dockerManifestList),
  manifests: z.array(Descriptor),
  annotations: Annotations.optional(),
});

export const OciIndex = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.literal(MediaType.ociIndex).optional(),
  artifactType: z.string().optional(),
  manifests: z.array(Descriptor),
  subject: Descriptor.optional(),
  annotations: Annotations.optional(),
});

/** Either kind of list; `mediaType` is absent only on an OCI index that omits it. */
export const ImageIndex = z.union([DockerManifestList, OciIndex]);
export type ImageIndex = z.infer<typeof ImageIndex>;

export const DockerManifest = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.literal(MediaType.dockerManifest),
  config: Descriptor,
  layers: z.array(Descriptor),
  annotations: Annotations.optional(),
});

export const OciManifest = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.literal(MediaType.ociManifest).optional(),
  artifactType: z.string().optional(),
  config: Descriptor,
  layers: z.array(Descriptor),
  subject: Descriptor.optional(),
  annotations: Annotations.optional(),
});

export const ImageManifest = z.union([DockerManifest, OciManifest]);
export type ImageManifest = z.infer<typeof ImageManifest>;

/** The image config blob: only the fields Archway reads are typed; the rest is kept. */
export const ImageConfig = z.looseObject({
  architecture: z.string().optional(),
  os: z.string().optional(),
  variant: z.string().optional(),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional(),
  created: z.string().optional(),
  config: z.looseObject({ Labels: z.record(z.string(), z.string()).nullish() }).nullish(),
  rootfs: z.looseObject({ type: z.string().optional(), diff_ids: z.array(z.string()).optional() }).optional(),
});
export type ImageConfig = z.infer<typeof ImageConfig>;
