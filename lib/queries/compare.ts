import { queryOptions, useQuery } from '@tanstack/react-query';
import { CompareQuery, CompareResponse } from '@/lib/api/compare';
import { apiGetJson, apiPath } from './api-fetch';
import { isImmutableReference } from './inspect';
import { queryKeys } from './query-keys';

/** GET /api/v1/compare: two lists side by side. */
export function fetchCompare(a: string, b: string, signal?: AbortSignal): Promise<CompareResponse> {
  return apiGetJson(apiPath('compare', CompareQuery, { a, b }), CompareResponse, signal);
}

/** Query options for one comparison; two digests never change, so their comparison never goes stale. */
export function compareQueryOptions(a: string, b: string) {
  return queryOptions({
    queryKey: queryKeys.compare.pair(a, b),
    queryFn: ({ signal }) => fetchCompare(a, b, signal),
    ...(isImmutableReference(a) && isImmutableReference(b) ? { staleTime: Infinity } : {}),
  });
}

/** The comparison of `a` with `b`, from the hydrated cache first. */
export function useCompare(a: string, b: string) {
  return useQuery(compareQueryOptions(a, b));
}
