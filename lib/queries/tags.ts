import { queryOptions, useQuery } from '@tanstack/react-query';
import { TagsQuery, TagsResponse } from '@/lib/api/tags';
import { apiGetJson, apiPath } from './api-fetch';
import { queryKeys } from './query-keys';

/** GET /api/v1/tags: every tag of a repository, sorted by the server. */
export async function fetchTags(repository: string, signal?: AbortSignal): Promise<TagsResponse> {
  return apiGetJson(apiPath('tags', TagsQuery, { repository }), TagsResponse, signal);
}

/** Tags come and go: a minute-old list is fine for browsing, and a reload refetches it. */
export function tagsQueryOptions(repository: string) {
  return queryOptions({
    queryKey: queryKeys.tags.list(repository),
    queryFn: ({ signal }) => fetchTags(repository, signal),
    staleTime: 60_000,
  });
}

/** The tags of a repository, fetched once `enabled` (the panel is opened). */
export function useTags(repository: string, enabled: boolean) {
  return useQuery({ ...tagsQueryOptions(repository), enabled });
}
