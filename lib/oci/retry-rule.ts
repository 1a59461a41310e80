/*
 * The one rule for trying a failed request again, shared by the server (a registry request) and the browser (a
 * TanStack Query retry of an `/api` call), so both give up on the same failures:
 * - a 4xx is the caller's to fix (a typo, credentials, a refusal): never retried;
 * - 429 and 503 say when to come back: waited out when Retry-After is short enough, else reported at once with it;
 * - a timeout already spent the whole deadline: trying again would double the wait, so it is reported;
 * - anything else (a 5xx, no answer at all) is retried with a growing pause, up to the policy's attempts, unless the
 *   policy has no pause (`backoffMs: null`): the server, which answers the browser promptly rather than guessing.
 * Pure: no clock, no I/O; the callers do the waiting.
 */

/** What the rule needs to know of a failure: the HTTP status when there was one, and the Retry-After it came with. */
export type RetryableFailure = { status?: number; retryAfterSeconds?: number; isTimeout?: boolean };

/** How far one caller goes: attempts after the first, the longest Retry-After worth waiting, the first pause. */
export type RetryPolicy = { retries: number; maxRetryAfterMs: number; backoffMs: number | null };

/** The browser's policy: two more tries, a second and then two apart; a Retry-After of up to 10 s is waited out. */
export const BROWSER_RETRY_POLICY: RetryPolicy = { retries: 2, maxRetryAfterMs: 10_000, backoffMs: 1_000 };

/** Milliseconds to wait before attempt `retry` (0 = the first retry), or null when trying again cannot help. */
export function retryDelayMs(failure: RetryableFailure, retry: number, policy: RetryPolicy): number | null {
  if (retry >= policy.retries) return null;
  const { status } = failure;
  if (status === 429 || status === 503) {
    if (failure.retryAfterSeconds === undefined) return null;
    const waitMs = failure.retryAfterSeconds * 1000;
    return waitMs <= policy.maxRetryAfterMs ? waitMs : null;
  }
  if (status !== undefined && status >= 400 && status < 500) return null;
  if (failure.isTimeout || status === 504 || policy.backoffMs === null) return null;
  return policy.backoffMs * 2 ** retry;
}
