import { z } from 'zod';
import { Annotations } from '@/lib/oci/schemas';

/*
 * The contract of `GET /api/v1/referrers?ref=<registry/repository@digest>[&artifactType=]`: the manifests that
 * name the subject in their `subject` field (signatures, SBOMs, attestations), and how the registry told us.
 */

/** `api`: the registry's referrers API; `tag-schema`: the `sha256-<hex>` tag index; `none`: neither has any. */
export const ReferrersSource = z.enum(['api', 'tag-schema', 'none']);
export type ReferrersSource = z.infer<typeof ReferrersSource>;

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
