import 'server-only';
import { z } from 'zod';
import { CATALOG_SCOPE } from './auth';
import type { ClientContext } from './context';
import { collectPages, readPage, sortNames, type PagedRequest } from './pagination';

const CatalogPage = z.looseObject({ repositories: z.array(z.string()).nullish() });

const CATALOG_REQUEST: PagedRequest = { firstTarget: '/v2/_catalog', scopes: [CATALOG_SCOPE], operation: 'list the catalog' };

/** Every repository the registry lists in `/v2/_catalog` (often disabled or limited on public registries). */
export async function catalog(ctx: ClientContext): Promise<string[]> {
  const repositories = await collectPages(ctx, CATALOG_REQUEST, CatalogPage, (page) => page.repositories ?? []);
  return sortNames(repositories);
}

export type CatalogPageResult = { repositories: string[]; next: string | null };

/**
 * One page of the catalog: up to `n` repositories after `last`, in the registry's (lexical) order. `next` is the
 * `last` to ask for the page after, read from the registry's `Link`; null when it sends none.
 */
export async function catalogPage(ctx: ClientContext, options: { n: number; last?: string | null }): Promise<CatalogPageResult> {
  const query = new URLSearchParams({ n: String(options.n) });
  if (options.last) query.set('last', options.last);
  const { items, next } = await readPage(ctx, CATALOG_REQUEST, `/v2/_catalog?${query}`, CatalogPage, (page) => page.repositories ?? []);
  if (next === null) return { repositories: items, next: null };
  // A Link without `last` (a registry paging by opaque cursor) still means more: continue after this page's last name.
  return { repositories: items, next: new URL(next).searchParams.get('last') ?? items.at(-1) ?? null };
}
