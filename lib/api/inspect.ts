import { z } from 'zod';
import { Annotations, Platform } from '@/lib/oci/schemas';

/*
 * The contract of `GET /api/v1/inspect`. Fields may be added, never renamed: teammates' scripts read it.
 */

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** A fix the UI can apply in one click; `platform` is the descriptor platform to set. */
export const ProblemFix = z.looseObject({
  description: z.string(),
  platform: Platform.optional(),
});
export type ProblemFix = z.infer<typeof ProblemFix>;

export const Problem = z.looseObject({
  code: z.string(),
  severity: Severity,
  message: z.string(),
  fix: ProblemFix.optional(),
});
export type Problem = z.infer<typeof Problem>;

export const EntryRole = z.enum(['image', 'attestation', 'index', 'unknown']);
export type EntryRole = z.infer<typeof EntryRole>;

/** The platform fields an image config declares for itself. */
export const ConfigPlatform = z.looseObject({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional(),
  created: z.string().optional(),
});
export type ConfigPlatform = z.infer<typeof ConfigPlatform>;

export type InspectEntry = {
  digest: string;
  mediaType: string;
  size: number;
  platform: Platform | null;
  annotations: Annotations;
  role: EntryRole;
  /** For attestations: the digest of the image they describe. */
  subject?: string;
  artifactType?: string;
  config: ConfigPlatform | null;
  /** Layers of an image manifest: how many and their summed compressed size. */
  layers?: { count: number; size: number } | null;
  /** Set when the child could not be read; the rest of the list still is. */
  missing?: { reason: string; status?: number } | null;
  /** A nested index, shown as one entry with its own children. */
  children?: InspectEntry[];
  problems: Problem[];
};

export const InspectEntry: z.ZodType<InspectEntry> = z.lazy(() =>
  z.looseObject({
    digest: z.string(),
    mediaType: z.string(),
    size: z.number(),
    platform: Platform.nullable(),
    annotations: Annotations,
    role: EntryRole,
    subject: z.string().optional(),
    artifactType: z.string().optional(),
    config: ConfigPlatform.nullable(),
    layers: z.object({ count: z.number(), size: z.number() }).nullable().optional(),
    missing: z.object({ reason: z.string(), status: z.number().optional() }).nullable().optional(),
    children: z.array(InspectEntry).optional(),
    problems: z.array(Problem),
  }),
) as z.ZodType<InspectEntry>;

export const InspectResponse = z.looseObject({
  /** The canonical reference asked for, e.g. `docker.io/library/golang:alpine`. */
  reference: z.string(),
  registry: z.string(),
  repository: z.string(),
  tag: z.string().nullable(),
  digest: z.string(),
  mediaType: z.string(),
  size: z.number(),
  kind: z.enum(['index', 'manifest']),
  /** Index-level annotations (OCI only). */
  annotations: Annotations.optional(),
  entries: z.array(InspectEntry),
  problems: z.array(Problem),
  /**
   * For a reference pinned by digest that also names a tag: where the tag points now (null if it is gone).
   * The UI says "the tag has moved" when it differs from `digest`.
   */
  tagDigest: z.string().nullable().optional(),
});
export type InspectResponse = z.infer<typeof InspectResponse>;
