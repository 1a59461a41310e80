import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { CatalogQuery, CatalogResponse } from '@/lib/api/catalog';
import { apiGetJson, apiPath } from './api-fetch';
import { queryKeys } from './query-keys';

/** GET /api/v1/catalog: one page of a registry's repositories, after `last`. */
export function fetchCatalogPage(registry: string, last: string | null, signal?: AbortSignal): Promise<CatalogResponse> {
  return apiGetJson(apiPath('catalog', CatalogQuery, { registry, last: last ?? undefined }), CatalogResponse, signal);
}

/** The catalog as an infinite query: each page names where the next one starts. */
export function catalogQueryOptions(registry: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.catalog.pages(registry),
    queryFn: ({ pageParam, signal }) => fetchCatalogPage(registry, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
    staleTime: 60_000,
  });
}

/** The pages of a registry's catalog read so far. */
export function useCatalog(registry: string) {
  return useInfiniteQuery(catalogQueryOptions(registry));
}
