import { z } from 'zod';
import { requiredParam } from './query';

/** `GET /api/v1/catalog?registry=&n=&last=`: `n` and `last` are passed on as given (the service checks `n`). */
export const CatalogQuery = z.object({
  registry: requiredParam('registry', 'a registry host such as localhost:5000 or ghcr.io'),
  n: z.string().optional(),
  last: z.string().optional(),
});
export type CatalogQuery = z.infer<typeof CatalogQuery>;

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
