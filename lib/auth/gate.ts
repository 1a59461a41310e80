import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from '@/lib/api/errors';
import { API_CONTENT_SECURITY_POLICY } from '@/lib/server/csp';
import { readPublicUrl } from '@/lib/server/public-url';
import { refusalFor } from '@/lib/server/request-checks';
import { SIGN_IN_PATH } from './paths';
import { publicOrigin } from './redirect-uri';
import { readSession } from './session';
import { readAuthSettings } from './settings';

/*
 * The checks every request passes before a page or a route sees it: the Host (DNS rebinding), cross-site writes,
 * and, with OpenID Connect configured, sign-in (nothing but the sign-in flow and the health check answers anyone who
 * has not signed in: pages send the browser to sign in and back, API routes answer 401 in the usual error shape).
 * proxy.ts runs them for pages and the sign-in routes; lib/api/handler.ts runs the same function first thing in
 * every API route, because Next's proxy machinery alone cost a third of a warm API request's CPU.
 */

/** `/api` and everything under it: answered in JSON, never with a page or a redirect. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

function refuse(pathname: string, code: 'FORBIDDEN' | 'INTERNAL', message: string): NextResponse {
  const error = new AppError(code, message);
  const headers = { 'cache-control': 'no-store', 'content-security-policy': API_CONTENT_SECURITY_POLICY };
  if (isApiPath(pathname)) return NextResponse.json(error.toBody(), { status: error.status, headers });
  return new NextResponse(message, { status: error.status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}

/** The refusal (403 another host or a cross-site write, 401 or a sign-in redirect, 500 a broken setting), or null to go on. */
export async function gateRequest(request: NextRequest): Promise<NextResponse | null> {
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
  return requireSignIn(request);
}

/** Behind a TLS-terminating proxy the request itself is http: the public URL or X-Forwarded-Proto tells. */
export function isHttpsRequest(request: NextRequest): boolean {
  let publicUrl: URL | null = null;
  try {
    publicUrl = readPublicUrl();
  } catch {
    // gateRequest has refused the request already.
  }
  return publicUrl?.protocol === 'https:' || request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
}

/** Paths open to everyone: the sign-in round trip itself and the health check a load balancer calls. */
function isOpen(pathname: string): boolean {
  return pathname === '/api/v1/health' || pathname === '/auth' || pathname.startsWith('/auth/');
}

/** The response for a request that must sign in first, or null to let it through. */
export async function requireSignIn(request: NextRequest): Promise<NextResponse | null> {
  const settings = readAuthSettings();
  const { pathname, search } = request.nextUrl;
  if (!settings.oidc || isOpen(pathname)) return null;
  const session = await readSession(request.cookies);
  if (session.person) return null;
  if (isApiPath(pathname)) {
    const error = new AppError('UNAUTHORIZED', `Sign in to Archway first: open ${SIGN_IN_PATH} in a browser.`, { signIn: SIGN_IN_PATH });
    return NextResponse.json(error.toBody(), { status: error.status, headers: { 'cache-control': 'no-store' } });
  }
  const target = new URL(SIGN_IN_PATH, publicOrigin(request, settings));
  target.searchParams.set('returnTo', `${pathname}${search}`);
  return NextResponse.redirect(target, 303);
}
