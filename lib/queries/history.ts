import { queryOptions, useQuery } from '@tanstack/react-query';
import { HistoryQuery, HistoryResponse } from '@/lib/api/push';
import { apiGetJson, apiPath } from './api-fetch';
import { queryKeys } from './query-keys';

/* The browser side of `GET /api/v1/history`: a tag's pushes, newest first. */

/** Fetches the pushes recorded for a tag reference (`registry/repo:tag`), newest first. */
export function fetchHistory(ref: string, signal?: AbortSignal): Promise<HistoryResponse> {
  return apiGetJson(apiPath('history', HistoryQuery, { ref }), HistoryResponse, signal);
}

/** Query options for a tag's history: refetched after every push and revert (they invalidate it). */
export function historyQueryOptions(ref: string) {
  return queryOptions({
    queryKey: queryKeys.history.tag(ref),
    queryFn: ({ signal }) => fetchHistory(ref, signal),
  });
}

/** The pushes recorded for a tag, newest first. */
export function useHistory(ref: string) {
  return useQuery(historyQueryOptions(ref));
}
