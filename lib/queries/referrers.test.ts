import { describe, expect, it } from 'vitest';
import { referrersQueryOptions } from './referrers';

const SUBJECT = `localhost:5000/app@sha256:${'a'.repeat(64)}`;

describe('referrersQueryOptions', () => {
  it('keys by subject and filter and never goes stale (the subject is a digest)', () => {
    const options = referrersQueryOptions(SUBJECT);
    expect(options.queryKey).toEqual(['referrers', SUBJECT, null]);
    expect(referrersQueryOptions(SUBJECT, 'application/spdx+json').queryKey).toEqual(['referrers', SUBJECT, 'application/spdx+json']);
    expect(options.staleTime).toBe(Infinity);
  });
});
