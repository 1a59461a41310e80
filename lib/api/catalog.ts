import { z } from 'zod';

/**
 * The contract of `GET /api/v1/catalog?registry=&n=&last=`: one page of the registry's repositories, and the
 * `last` to pass for the next page (null on the last one).
 */
export const CatalogResponse = z.object({
  registry: z.string(),
  repositories: z.array(z.string()),
  next: z.string().nullable(),
});
export type CatalogResponse = z.infer<typeof CatalogResponse>;
