import { QueryClient } from '@tanstack/react-query';
import { AppError } from '@/lib/api/errors';
import { queryKeys } from './query-keys';

/** Registry data seen less than this long ago is not refetched (tags move, but not every second). */
export const TAG_STALE_TIME_MS = 30_000;

/** Errors the user must act on (a bad reference, credentials, a missing tag): retrying will not help. */
const NOT_RETRYABLE = new Set(['BAD_REQUEST', 'INVALID_REFERENCE', 'UNAUTHORIZED', 'DENIED', 'NOT_FOUND', 'UNPROCESSABLE']);

/** The QueryClient for a browser tab or for one server render; both share defaults so hydration does not refetch. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: TAG_STALE_TIME_MS,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => failureCount < 2 && !(error instanceof AppError && NOT_RETRYABLE.has(error.code)),
      },
    },
  });
}

/** After a push or revert moved a tag: every inspect answer and every history may now be out of date. */
export function invalidateAfterTagMove(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.inspect.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.history.all }),
    // A push can create a tag: an open tags panel must not miss it for the minute its list stays fresh.
    queryClient.invalidateQueries({ queryKey: queryKeys.tags.all }),
  ]).then(() => undefined);
}
