import { describe, expect, it } from 'vitest';
import { BROWSER_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-rule';

const SERVER: RetryPolicy = { retries: 1, maxRetryAfterMs: 2_000, backoffMs: null };

describe('retryDelayMs', () => {
  it('never retries a 4xx other than 429', () => {
    for (const status of [400, 401, 403, 404, 405, 409, 413, 422]) {
      expect(retryDelayMs({ status }, 0, BROWSER_RETRY_POLICY)).toBeNull();
      expect(retryDelayMs({ status }, 0, SERVER)).toBeNull();
    }
  });

  it('waits out a short Retry-After on 429 and 503, and fails at once on a long or missing one', () => {
    expect(retryDelayMs({ status: 429, retryAfterSeconds: 1 }, 0, SERVER)).toBe(1_000);
    expect(retryDelayMs({ status: 503, retryAfterSeconds: 2 }, 0, SERVER)).toBe(2_000);
    expect(retryDelayMs({ status: 429, retryAfterSeconds: 120 }, 0, SERVER)).toBeNull();
    expect(retryDelayMs({ status: 429, retryAfterSeconds: 120 }, 0, BROWSER_RETRY_POLICY)).toBeNull();
    expect(retryDelayMs({ status: 503 }, 0, BROWSER_RETRY_POLICY)).toBeNull();
  });

  it('does not retry a timeout: the deadline was already spent', () => {
    expect(retryDelayMs({ status: 504 }, 0, BROWSER_RETRY_POLICY)).toBeNull();
    expect(retryDelayMs({ isTimeout: true }, 0, BROWSER_RETRY_POLICY)).toBeNull();
  });

  it('retries other failures with a growing pause up to the policy, and not at all without a pause', () => {
    expect(retryDelayMs({ status: 502 }, 0, BROWSER_RETRY_POLICY)).toBe(1_000);
    expect(retryDelayMs({}, 1, BROWSER_RETRY_POLICY)).toBe(2_000);
    expect(retryDelayMs({ status: 502 }, 2, BROWSER_RETRY_POLICY)).toBeNull();
    expect(retryDelayMs({ status: 500 }, 0, SERVER)).toBeNull();
    expect(retryDelayMs({ status: 429, retryAfterSeconds: 1 }, 1, SERVER)).toBeNull();
  });
});
