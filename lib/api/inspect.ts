import { z } from 'zod';
import { InspectEntry } from '@/lib/oci/entry';
import { Problem, Severity } from '@/lib/oci/problems';
import { Annotations } from '@/lib/oci/schemas';
import { countParam, optionalParam, requiredParam } from './query';

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
  /**
   * `entries=window`: only the entries whose details were read (the inspect page's shape, InspectWindow); absent
   * or `all`: every entry (InspectResponse).
   */
  entries: optionalParam.pipe(
    z.enum(['all', 'window'], { error: (issue) => `?entries= takes "all" or "window" (got "${String(issue.input)}").` }).default('all'),
  ),
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

/** How many problems of one code and severity the entries outside the read window have. */
export const ProblemCount = z.object({ code: z.string(), severity: Severity, count: z.number().int().positive() });
export type ProblemCount = z.infer<typeof ProblemCount>;

/**
 * `GET /api/v1/inspect?entries=window`, and what the inspect page draws: the answer with `entries` cut to the
 * entries whose details were read (`details.from` to `details.to`; all of them when `details` is absent), so a
 * 10,000-entry list costs the page what its 500-entry window does. What the others say is kept as counts:
 * `outside` (absent when every entry is in the window).
 */
export const InspectWindow = InspectResponse.extend({
  outside: z
    .object({
      /** Top-level entries outside the window (listed from their descriptor only). */
      entries: z.number().int().nonnegative(),
      /** Of those, how many have at least one problem. */
      withProblems: z.number().int().nonnegative(),
      /** Their problems per code and severity, worst first. */
      problems: z.array(ProblemCount),
    })
    .optional(),
});
export type InspectWindow = z.infer<typeof InspectWindow>;
