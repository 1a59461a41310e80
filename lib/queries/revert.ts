import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RevertResponse, type RevertRequest } from '@/lib/api/push';
import { apiPostJson } from './api-fetch';
import { invalidateAfterTagMove } from './query-client';

/* The browser side of `POST /api/v1/revert`: the one-click return of a tag to an earlier digest. */

/** Asks the server to point a tag back to an earlier digest; a tag that moved since `base` is a 409 carrying where it is now. */
export function requestRevert(request: RevertRequest, signal?: AbortSignal): Promise<RevertResponse> {
  return apiPostJson('/api/v1/revert', request, RevertResponse, signal);
}

/**
 * Reverts `ref` to the digest passed to `mutate`, checked against `base` (the digest the page shows); every inspect
 * answer, history and tag list is refetched before the caller's own `onSuccess` runs.
 */
export function useRevert(ref: string, base: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (digest: string) => requestRevert({ ref, digest, base }),
    onSuccess: () => invalidateAfterTagMove(queryClient),
  });
}
