import { queryOptions, useQuery } from '@tanstack/react-query';
import { ReferrersQuery, ReferrersResponse } from '@/lib/api/referrers';
import { apiGetJson, apiPath } from './api-fetch';
import { queryKeys } from './query-keys';

/** GET /api/v1/referrers: the signatures, SBOMs and attestations whose subject is `subject` (pinned by digest). */
export async function fetchReferrers(subject: string, artifactType: string | null, signal?: AbortSignal): Promise<ReferrersResponse> {
  return apiGetJson(apiPath('referrers', ReferrersQuery, { ref: subject, artifactType: artifactType ?? undefined }), ReferrersResponse, signal);
}

/** A subject is addressed by digest, so its answer is kept for the page's life (a reload asks again). */
export function referrersQueryOptions(subject: string, artifactType: string | null = null) {
  return queryOptions({
    queryKey: queryKeys.referrers.list(subject, artifactType),
    queryFn: ({ signal }) => fetchReferrers(subject, artifactType, signal),
    staleTime: Infinity,
  });
}

/** The referrers of a manifest, fetched once `enabled` (its details are open). */
export function useReferrers(subject: string, enabled: boolean) {
  return useQuery({ ...referrersQueryOptions(subject), enabled });
}
