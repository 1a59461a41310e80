import { z } from 'zod';
import { ReferrersSource } from '@/lib/oci/referrers';
import { Annotations } from '@/lib/oci/schemas';
import { optionalParam, requiredParam } from './query';

/*
 * The contract of `GET /api/v1/referrers?ref=<registry/repository@digest>[&artifactType=]`: the manifests that
 * name the subject in their `subject` field (signatures, SBOMs, attestations), and how the registry told us.
 */

export { ReferrersSource };

/** `GET /api/v1/referrers?ref=&artifactType=`: a reference pinned by digest, and optionally one artifact type. */
export const ReferrersQuery = z.object({
  ref: requiredParam('ref', 'a reference pinned by digest, such as localhost:5000/app@sha256:<64 hex>'),
  artifactType: optionalParam,
});
export type ReferrersQuery = z.infer<typeof ReferrersQuery>;

export const Referrer = z.object({
  digest: z.string(),
  mediaType: z.string(),
  /** The descriptor's artifactType, else the config media type of its embedded manifest; null when neither is known. */
  artifactType: z.string().nullable(),
  size: z.number().int().nonnegative(),
  annotations: Annotations,
});
export type Referrer = z.infer<typeof Referrer>;

export const ReferrersResponse = z.object({
  /** The subject as `registry/repository@digest`. */
  subject: z.string(),
  source: ReferrersSource,
  /** True when the registry itself applied the artifactType filter (OCI-Filters-Applied). */
  filtersApplied: z.boolean(),
  referrers: z.array(Referrer),
});
export type ReferrersResponse = z.infer<typeof ReferrersResponse>;
