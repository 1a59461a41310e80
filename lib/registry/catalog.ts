import 'server-only';
import { z } from 'zod';
import { CATALOG_SCOPE } from './auth';
import type { ClientContext } from './context';
import { collectPages, sortNames } from './pagination';

const CatalogPage = z.looseObject({ repositories: z.array(z.string()).nullish() });

/** Every repository the registry lists in `/v2/_catalog` (often disabled or limited on public registries). */
export async function catalog(ctx: ClientContext): Promise<string[]> {
  const repositories = await collectPages(
    ctx,
    { firstTarget: '/v2/_catalog', scopes: [CATALOG_SCOPE], operation: 'list the catalog' },
    CatalogPage,
    (page) => page.repositories ?? [],
  );
  return sortNames(repositories);
}
