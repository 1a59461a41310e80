import { describe, expect, it } from 'vitest';
import { invalidateAfterTagMove, makeQueryClient } from './query-client';
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
