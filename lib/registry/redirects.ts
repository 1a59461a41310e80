import 'server-only';

/*
 * Redirect rules shared by registry requests and token requests (both are fetched with `redirect: 'manual'`, so
 * every hop passes through here):
 * - never from https to plain http (a TLS-terminating proxy that forgot X-Forwarded-Proto does that; so does an
 *   attacker who wants the bytes in clear);
 * - credentials stay with the origin they were meant for: the caller drops them, or refuses the hop, when the
 *   next origin differs.
 */

export const MAX_REDIRECTS = 5;

/** Where a 3xx answer sends the request next, or null when it is not a redirect. */
export function redirectLocation(response: Response, current: string): URL | null {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || location === null) return null;
  try {
    return new URL(location, current);
  } catch {
    return null;
  }
}

/** True when following `from` → `to` would drop TLS. */
export function isDowngrade(from: URL | string, to: URL | string): boolean {
  return new URL(from).protocol === 'https:' && new URL(to).protocol !== 'https:';
}

/** True when both URLs have the same scheme, host and port. */
export function isSameOrigin(a: URL | string, b: URL | string): boolean {
  return new URL(a).origin === new URL(b).origin;
}

/** 301, 302 and 303 turn a POST into a body-less GET (the Fetch standard); 307 and 308 repeat the request as it was. */
export function keepsMethod(status: number): boolean {
  return status === 307 || status === 308;
}
