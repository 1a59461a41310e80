// Runs before every page and the sign-in routes (Next 16's proxy, formerly middleware): the request gate (other
// hosts, cross-site writes, sign-in when OpenID Connect is configured; lib/auth/gate.ts, which API routes run
// themselves), the inspect page's HTTP status, and the per-request CSP nonce.
import { NextResponse, type NextRequest } from 'next/server';
import { toAppError } from '@/lib/api/error-mapping';
import { gateRequest, isHttpsRequest } from '@/lib/auth/gate';
import { identify } from '@/lib/auth/request';
import { inspectImage } from '@/lib/inspect/inspect-image';
import { HANDOFF_HEADER, handOff } from '@/lib/inspect/page-handoff';
import { referenceFromSegments } from '@/lib/present/links';
import { newNonce, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from '@/lib/server/csp';

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const refused = await gateRequest(request);
  if (refused) return refused;
  const isHttps = isHttpsRequest(request);
  // Next reads the policy from the request to put the nonce on its own scripts (pages render per request).
  const policy = pageContentSecurityPolicy({ nonce: newNonce(), isDevelopment: process.env.NODE_ENV === 'development', isHttps });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = await inspectPageStatus(request, requestHeaders);
  response.headers.set('content-security-policy', policy);
  if (isHttps) response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Static build output carries no data and runs no policy of its own. API routes run the same gate themselves
  // (lib/api/handler.ts: every route is wrapped by handle(), which test/lint/api-routes-gated.test.ts keeps true),
  // without the cost of Next's proxy round on every call. Everything else, pages and the sign-in routes, comes here.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/).*)'],
};

const INSPECT_PAGE = '/inspect/';

/*
 * The inspect page's HTTP status. A document request for /inspect/<reference> is inspected here, before the render
 * starts, so the answer carries the real status (404 unknown repository or tag, 401/403, 429/503 with Retry-After,
 * 502, 504) instead of the 200 a streamed page has already sent; the outcome is handed to the page
 * (lib/inspect/page-handoff.ts), which renders it without a second registry round trip. Only document requests (a
 * browser navigation asks for text/html) are inspected here: client-side navigations fetch the page's RSC payload
 * (Next hides their RSC headers from the proxy, so the Accept header tells them apart) and the page shows their
 * errors in place.
 */
async function inspectPageStatus(request: NextRequest, headers: Headers): Promise<NextResponse> {
  headers.delete(HANDOFF_HEADER); // only this proxy may set it
  const { pathname, searchParams } = request.nextUrl;
  const isDocument = request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
  if (!pathname.startsWith(INSPECT_PAGE) || !isDocument) return NextResponse.next({ request: { headers } });

  const reference = referenceFromSegments(pathname.slice(INSPECT_PAGE.length).split('/'));
  const detailsFrom = Number(searchParams.get('detailsFrom') ?? '0');
  // Read with the visitor's own registry access, exactly as the page and their browser's later requests are.
  const { access } = await identify(request);
  const outcome = inspectImage(reference, { clientFor: access.clientFor, detailsFrom: Number.isInteger(detailsFrom) && detailsFrom > 0 ? detailsFrom : 0 });
  headers.set(HANDOFF_HEADER, handOff(outcome));
  try {
    await outcome;
    return NextResponse.next({ request: { headers } });
  } catch (err) {
    const error = toAppError(err);
    const retryAfter = error.retryAfterSeconds;
    return NextResponse.next({
      status: error.status,
      request: { headers },
      ...(retryAfter === undefined ? {} : { headers: { 'retry-after': String(retryAfter) } }),
    });
  }
}
