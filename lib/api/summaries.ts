import { z } from 'zod';

/*
 * The contract of `POST /api/v1/summaries`: what a tags list shows per row (digest, list or single image, platform
 * and problem counts), for a batch of references at once. A reference that cannot be read gets `error` instead of
 * failing the batch.
 */

export const SummariesRequest = z.object({
  references: z.array(z.string().trim().min(1, 'references: pass image references such as localhost:5000/app:1.0')),
});
export type SummariesRequest = z.infer<typeof SummariesRequest>;

export const TagSummary = z.looseObject({
  reference: z.string(),
  digest: z.string().nullable(),
  kind: z.enum(['index', 'manifest']).nullable(),
  /** Distinct platforms (attestations not counted); 1 for a single image. */
  platforms: z.number().nullable(),
  /** Problems of every severity, the list's and its entries'. */
  problems: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type TagSummary = z.infer<typeof TagSummary>;

export const SummariesResponse = z.object({ summaries: z.array(TagSummary) });
export type SummariesResponse = z.infer<typeof SummariesResponse>;
