import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { invalidateAfterTagMove, makeQueryClient, shouldRetry } from './query-client';
import { queryKeys } from './query-keys';

describe('invalidateAfterTagMove', () => {
  it('marks every inspect answer, history and tag list stale, and leaves by-digest data alone', async () => {
    const queryClient = makeQueryClient();
    const keys = {
      inspect: queryKeys.inspect.detail('localhost:5000/a:1'),
      history: queryKeys.history.tag('localhost:5000/a:1'),
      tags: queryKeys.tags.list('localhost:5000/a'),
      raw: queryKeys.manifest.raw(`localhost:5000/a@sha256:${'a'.repeat(64)}`),
    };
    for (const key of Object.values(keys)) queryClient.setQueryData(key, {});
    await invalidateAfterTagMove(queryClient);
    const isInvalidated = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated;
    expect(isInvalidated(keys.inspect)).toBe(true);
    expect(isInvalidated(keys.history)).toBe(true);
    expect(isInvalidated(keys.tags)).toBe(true);
    expect(isInvalidated(keys.raw)).toBe(false);
  });
});

describe('shouldRetry', () => {
  it('follows the shared rule for API errors: no 4xx, 429 only with a short Retry-After, 502 up to twice', () => {
    expect(shouldRetry(0, new AppError('NOT_FOUND', 'no such tag'))).toBe(false);
    expect(shouldRetry(0, new AppError('UNAUTHORIZED', 'credentials'))).toBe(false);
    expect(shouldRetry(0, new AppError('TOO_MANY_REQUESTS', 'slow down', { retryAfterSeconds: 120 }))).toBe(false);
    expect(shouldRetry(0, new AppError('UNAVAILABLE', 'busy', { retryAfterSeconds: 1 }))).toBe(true);
    expect(shouldRetry(0, new AppError('TIMEOUT', 'slow registry'))).toBe(false);
    expect(shouldRetry(1, new AppError('REGISTRY_ERROR', 'down'))).toBe(true);
    expect(shouldRetry(2, new AppError('REGISTRY_ERROR', 'down'))).toBe(false);
  });
});
