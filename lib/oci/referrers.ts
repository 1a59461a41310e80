import { z } from 'zod';

/*
 * How a registry told what refers to a manifest (distribution spec, "Listing Referrers"): its referrers API,
 * the `sha256-<hex>` tag index registries without that API fall back to, or neither.
 */

/** `api`: the registry's referrers API; `tag-schema`: the `sha256-<hex>` tag index; `none`: neither has any. */
export const ReferrersSource = z.enum(['api', 'tag-schema', 'none']);
export type ReferrersSource = z.infer<typeof ReferrersSource>;
