// Runs before every page and route (Next 16's proxy, formerly middleware): refuses other hosts and cross-site
// writes, keeps everyone who has not signed in out when OpenID Connect is configured, gives the inspect page its HTTP
// status, and sets the per-request CSP nonce.
import { NextResponse, type NextRequest } from 'next/server';
import { toAppError } from '@/lib/api/error-mapping';
import { AppError } from '@/lib/api/errors';
import { requireSignIn } from '@/lib/auth/gate';
import { identify } from '@/lib/auth/request';
import { inspectImage } from '@/lib/inspect/inspect-image';
import { HANDOFF_HEADER, handOff } from '@/lib/inspect/page-handoff';
import { referenceFromSegments } from '@/lib/present/links';
import { API_CONTENT_SECURITY_POLICY, newNonce, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from '@/lib/server/csp';
import { readPublicUrl } from '@/lib/server/public-url';
import { refusalFor } from '@/lib/server/request-checks';

function isApi(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

function refuse(pathname: string, code: 'FORBIDDEN' | 'INTERNAL', message: string): NextResponse {
  const error = new AppError(code, message);
  const headers = { 'cache-control': 'no-store', 'content-security-policy': API_CONTENT_SECURITY_POLICY };
  if (isApi(pathname)) return NextResponse.json(error.toBody(), { status: error.status, headers });
  return new NextResponse(message, { status: error.status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  let publicUrl: URL | null;
  try {
    publicUrl = readPublicUrl();
  } catch (err) {
    return refuse(pathname, 'INTERNAL', (err as Error).message);
  }
  const refusal = refusalFor(
    {
      method: request.method,
      pathname,
      host: request.headers.get('host'),
      origin: request.headers.get('origin'),
      secFetchSite: request.headers.get('sec-fetch-site'),
    },
    publicUrl,
  );
  if (refusal) return refuse(pathname, 'FORBIDDEN', refusal.reason);
  const signIn = await requireSignIn(request);
  if (signIn) return signIn;

  // Behind a TLS-terminating proxy the request itself is http: the public URL or X-Forwarded-Proto tells.
  const isHttps =
    publicUrl?.protocol === 'https:' || request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const requestHeaders = new Headers(request.headers);
  // Pages: Next reads the policy from the request to put the nonce on its own scripts (pages render per request).
  const policy = isApi(pathname)
    ? API_CONTENT_SECURITY_POLICY
    : pageContentSecurityPolicy({ nonce: newNonce(), isDevelopment: process.env.NODE_ENV === 'development', isHttps });
  if (!isApi(pathname)) requestHeaders.set('content-security-policy', policy);
  const response = await inspectPageStatus(request, requestHeaders);
  response.headers.set('content-security-policy', policy);
  if (isHttps) response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Static build output carries no data and runs no policy of its own; everything else, pages and API alike, goes
  // through the checks and the gate.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
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
