import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from '@/lib/api/errors';
import { SIGN_IN_PATH } from './paths';
import { publicOrigin } from './redirect-uri';
import { readSession } from './session';
import { readAuthSettings } from './settings';

/*
 * With OpenID Connect configured, nothing but the sign-in flow and the health check answers anyone who has not
 * signed in: pages send the browser to sign in and back, API routes answer 401 in the usual error shape.
 */

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
  if (pathname.startsWith('/api/')) {
    const error = new AppError('UNAUTHORIZED', `Sign in to Archway first: open ${SIGN_IN_PATH} in a browser.`, { signIn: SIGN_IN_PATH });
    return NextResponse.json(error.toBody(), { status: error.status, headers: { 'cache-control': 'no-store' } });
  }
  const target = new URL(SIGN_IN_PATH, publicOrigin(request, settings));
  target.searchParams.set('returnTo', `${pathname}${search}`);
  return NextResponse.redirect(target, 303);
}
