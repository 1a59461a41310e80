import { queryOptions } from '@tanstack/react-query';
import { HistoryResponse, RevertResponse, type RevertRequest } from '@/lib/api/push';
import { apiGetJson, apiPath, apiPostJson } from './api-fetch';
import { queryKeys } from './query-keys';

/*
 * The browser side of `GET /api/v1/history` and `POST /api/v1/revert`: a tag's pushes, newest first, and the
 * one-click return to an earlier digest.
 */

/** Fetches the pushes recorded for a tag reference (`registry/repo:tag`), newest first. */
export function fetchHistory(ref: string, signal?: AbortSignal): Promise<HistoryResponse> {
  return apiGetJson(apiPath('history', { ref }), HistoryResponse, signal);
}

/** Query options for a tag's history: refetched after every push and revert (they invalidate it). */
export function historyQueryOptions(ref: string) {
  return queryOptions({
    queryKey: queryKeys.history.tag(ref),
    queryFn: ({ signal }) => fetchHistory(ref, signal),
  });
}

/** Points a tag back to an earlier digest; a tag that moved since `base` is a 409 carrying where it is now. */
export function revertTag(request: RevertRequest, signal?: AbortSignal): Promise<RevertResponse> {
  return apiPostJson('/api/v1/revert', request, RevertResponse, signal);
}
