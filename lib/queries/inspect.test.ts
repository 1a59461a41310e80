import { describe, expect, it } from 'vitest';
import { inspectQueryOptions, inspectWindowQueryOptions, isImmutableReference } from './inspect';
import { queryKeys } from './query-keys';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('inspect query options', () => {
  it('never refetch what a digest alone names; a tag (even pinned with a digest) can move', () => {
    expect(isImmutableReference(`127.0.0.1:5000/demo/golang@${DIGEST}`)).toBe(true);
    expect(isImmutableReference(`127.0.0.1:5000/demo/golang:alpine@${DIGEST}`)).toBe(false);
    expect(isImmutableReference('127.0.0.1:5000/demo/golang:alpine')).toBe(false);
    expect(isImmutableReference('Not A Reference')).toBe(false);
    expect(inspectQueryOptions(`golang@${DIGEST}`).staleTime).toBe(Infinity);
    expect(inspectQueryOptions('golang:alpine').staleTime).toBeUndefined();
  });

  it('keys the query by the reference as addressed, from the shared factory', () => {
    expect(inspectQueryOptions('golang:alpine').queryKey).toEqual(queryKeys.inspect.detail('golang:alpine'));
  });

  it("keeps the page's window apart from the whole answer, under the key a tag move invalidates", () => {
    const window = inspectWindowQueryOptions('golang:alpine', 500);
    expect(window.queryKey).toEqual(queryKeys.inspect.window('golang:alpine', 500));
    expect(window.queryKey).not.toEqual(queryKeys.inspect.detail('golang:alpine', 500));
    expect(window.queryKey.slice(0, queryKeys.inspect.all.length)).toEqual(queryKeys.inspect.all);
    expect(inspectWindowQueryOptions(`golang@${DIGEST}`).staleTime).toBe(Infinity);
    expect(window.staleTime).toBeUndefined();
  });
});
