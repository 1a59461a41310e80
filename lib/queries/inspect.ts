import { queryOptions, useQuery } from '@tanstack/react-query';
import { InspectQuery, InspectResponse, InspectWindow } from '@/lib/api/inspect';
import { tryParseReference } from '@/lib/oci/reference';
import { apiGetJson, apiPath } from './api-fetch';
import { queryKeys } from './query-keys';

/** GET /api/v1/inspect for one reference; `detailsFrom` reads the details of a long list from that entry on. */
export function fetchInspect(reference: string, signal?: AbortSignal, detailsFrom = 0): Promise<InspectResponse> {
  const query = { ref: reference, detailsFrom: detailsFrom > 0 ? String(detailsFrom) : undefined };
  return apiGetJson(apiPath('inspect', InspectQuery, query), InspectResponse, signal);
}

/** GET /api/v1/inspect?entries=window: what the inspect page draws (the entries whose details were read). */
export function fetchInspectWindow(reference: string, signal?: AbortSignal, detailsFrom = 0): Promise<InspectWindow> {
  const query = { ref: reference, detailsFrom: detailsFrom > 0 ? String(detailsFrom) : undefined, entries: 'window' };
  return apiGetJson(apiPath('inspect', InspectQuery, query), InspectWindow, signal);
}

/**
 * True when everything the inspect answer holds is fixed by a digest. A digest with a tag is not: the answer says
 * where the tag points now, and that moves.
 */
export function isImmutableReference(reference: string): boolean {
  const parsed = tryParseReference(reference);
  return parsed.ok && parsed.reference.digest !== null && parsed.reference.tag === null;
}

/** Query options for one inspect; the server prefetch and the hook both use them. */
export function inspectQueryOptions(reference: string, detailsFrom = 0) {
  return queryOptions({
    queryKey: queryKeys.inspect.detail(reference, detailsFrom),
    queryFn: ({ signal }) => fetchInspect(reference, signal, detailsFrom),
    ...(isImmutableReference(reference) ? { staleTime: Infinity } : {}),
  });
}

/** The inspect answer for a reference, from the hydrated cache first. */
export function useInspect(reference: string, detailsFrom = 0) {
  return useQuery(inspectQueryOptions(reference, detailsFrom));
}

/** Query options for the inspect page's window of one inspect; the server prefetch and the page's hook both use them. */
export function inspectWindowQueryOptions(reference: string, detailsFrom = 0) {
  return queryOptions({
    queryKey: queryKeys.inspect.window(reference, detailsFrom),
    queryFn: ({ signal }) => fetchInspectWindow(reference, signal, detailsFrom),
    ...(isImmutableReference(reference) ? { staleTime: Infinity } : {}),
  });
}

/** The inspect page's window of an inspect answer, from the hydrated cache first. */
export function useInspectWindow(reference: string, detailsFrom = 0) {
  return useQuery(inspectWindowQueryOptions(reference, detailsFrom));
}
