import { QueryClient } from '@tanstack/react-query';
import { AppError } from '@/lib/api/errors';
import { BROWSER_RETRY_POLICY, retryDelayMs, type RetryableFailure } from '@/lib/oci/retry-rule';
import { queryKeys } from './query-keys';

/** Registry data seen less than this long ago is not refetched (tags move, but not every second). */
export const TAG_STALE_TIME_MS = 30_000;

/** What the shared retry rule needs of an error: Archway's status, its Retry-After, whether it was a timeout. */
function asRetryable(error: unknown): RetryableFailure {
  if (!(error instanceof AppError)) return {};
  const { retryAfterSeconds } = error;
  return { status: error.status, isTimeout: error.code === 'TIMEOUT', ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
}

/** The server's rule (lib/oci/retry-rule.ts) with the browser's policy: 4xx never, 429/503 per Retry-After. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return retryDelayMs(asRetryable(error), failureCount, BROWSER_RETRY_POLICY) !== null;
}

function retryDelay(failureCount: number, error: unknown): number {
  return retryDelayMs(asRetryable(error), failureCount, BROWSER_RETRY_POLICY) ?? 0;
}

/** The QueryClient for a browser tab or for one server render; both share defaults so hydration does not refetch. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: TAG_STALE_TIME_MS,
        refetchOnWindowFocus: false,
        retry: shouldRetry,
        retryDelay,
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
    // What a tags row and a comparison of tags said is as old as the tag's last position.
    queryClient.invalidateQueries({ queryKey: queryKeys.summaries.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.compare.all }),
  ]).then(() => undefined);
}
