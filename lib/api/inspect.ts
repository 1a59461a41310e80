import { z } from 'zod';
import { InspectEntry } from '@/lib/oci/entry';
import { Problem } from '@/lib/oci/problems';
import { Annotations } from '@/lib/oci/schemas';

/*
 * The contract of `GET /api/v1/inspect`. Fields may be added, never renamed: teammates' scripts read it. Entries,
 * roles, problems and config platforms are the domain's own types (lib/oci), sent as they are.
 */

export { ConfigPlatform } from '@/lib/oci/config-platform';
export { EntryRole, InspectEntry } from '@/lib/oci/entry';
export { Problem, ProblemFix, Severity } from '@/lib/oci/problems';

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
