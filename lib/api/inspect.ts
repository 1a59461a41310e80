import { z } from 'zod';
import { InspectEntry } from '@/lib/oci/entry';
import { Problem } from '@/lib/oci/problems';
import { Annotations } from '@/lib/oci/schemas';
import { countParam, requiredParam } from './query';

/*
 * The contract of `GET /api/v1/inspect`. Fields may be added, never renamed: teammates' scripts read it. Entries,
 * roles, problems and config platforms are the domain's own types (lib/oci), sent as they are.
 */

export { ConfigPlatform } from '@/lib/oci/config-platform';
export { EntryRole, InspectEntry } from '@/lib/oci/entry';
export { Problem, ProblemFix, Severity } from '@/lib/oci/problems';

/**
 * Which top-level entries had their child manifest and config read, when not all of them did: Archway reads at most
 * `maxEntries` (ARCHWAY_MAX_ENTRIES) per request. Entries outside [from, to) are listed from their descriptor only
 * (no config platform, no layers, no child checks); `?detailsFrom=<n>` reads the details from position n
 * (`nextFrom` for the next ones).
 */
export const InspectDetails = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  maxEntries: z.number().int().positive(),
  nextFrom: z.number().int().nonnegative().nullable(),
});
export type InspectDetails = z.infer<typeof InspectDetails>;

/** `GET /api/v1/inspect?ref=`: the reference as typed (Docker Hub defaults apply). */
export const InspectQuery = z.object({
  ref: requiredParam('ref', 'an image reference such as golang:alpine or localhost:5000/app@sha256:…'),
  detailsFrom: countParam('detailsFrom', 'the position of the first entry whose details to read'),
});
export type InspectQuery = z.infer<typeof InspectQuery>;

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
  /** Absent when every entry's details were read. */
  details: InspectDetails.optional(),
});
export type InspectResponse = z.infer<typeof InspectResponse>;
