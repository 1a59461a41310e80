/*
 * Which requests Archway refuses before any route sees them. Two attacks, two checks:
 * - DNS rebinding: a page on the attacker's name, re-pointed at Archway's address, is same-origin for the browser.
 *   Only the Host header tells; with ARCHWAY_PUBLIC_URL set, any other host is refused.
 * - Cross-site writes: a form, text/plain or JSON POST from another site. Route handlers already read JSON only;
 *   here a cross-site `Origin` or `Sec-Fetch-Site: cross-site` on a mutating method is refused as well.
 * Non-browser clients (curl, scripts) send neither header and are not affected.
 */

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Always answered, whatever the Host: load balancers and orchestrators probe by address. */
const HOST_EXEMPT_PATHS = new Set(['/api/v1/health']);

export type IncomingRequest = {
  method: string;
  pathname: string;
  /** The Host header. */
  host: string | null;
  origin: string | null;
  secFetchSite: string | null;
};

export type Refusal = { reason: string };

/** Hosts compare without case, and without the port a scheme implies. */
function normalHost(host: string, protocol: string): string {
  const lower = host.trim().toLowerCase();
  const defaultPort = protocol === 'https:' ? ':443' : ':80';
  return lower.endsWith(defaultPort) ? lower.slice(0, -defaultPort.length) : lower;
}

/** Why the request must be refused (403), or null when it may go on. */
export function refusalFor(request: IncomingRequest, publicUrl: URL | null): Refusal | null {
  if (publicUrl && !HOST_EXEMPT_PATHS.has(request.pathname)) {
    const host = request.host ? normalHost(request.host, publicUrl.protocol) : '';
    if (host !== normalHost(publicUrl.host, publicUrl.protocol)) {
      return { reason: `This Archway answers only as ${publicUrl.host} (ARCHWAY_PUBLIC_URL); the request was addressed to ${request.host ?? 'no host'}.` };
    }
  }
  if (!MUTATING_METHODS.has(request.method.toUpperCase())) return null;
  if (request.secFetchSite?.toLowerCase() === 'cross-site') {
    return { reason: 'Changes are accepted only from Archway’s own pages (Sec-Fetch-Site: cross-site).' };
  }
  if (request.origin !== null && !isOwnOrigin(request.origin, request.host, publicUrl)) {
    return { reason: `Changes are accepted only from Archway’s own pages (Origin ${request.origin}).` };
  }
  return null;
}

function isOwnOrigin(origin: string, host: string | null, publicUrl: URL | null): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // `null` (sandboxed frames, some redirects) and garbage are never our own pages
  }
  if (publicUrl) return url.origin === publicUrl.origin;
  // Without a public URL the scheme is unknown behind a TLS proxy: the host must be the one addressed.
  return host !== null && normalHost(url.host, url.protocol) === normalHost(host, url.protocol);
}
