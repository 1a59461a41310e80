// GET /auth/sign-in?returnTo=/path – sends the browser to the OpenID provider (code flow with PKCE), to come back to returnTo.
import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from '@/lib/api/errors';
import { handle } from '@/lib/api/handler';
import { safeReturnPath, startSignIn } from '@/lib/auth/oidc';
import { redirectUri } from '@/lib/auth/redirect-uri';
import { saveSignInTransaction } from '@/lib/auth/session';
import { readAuthSettings } from '@/lib/auth/settings';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handle(async (request: NextRequest) => {
  const settings = readAuthSettings();
  if (!settings.oidc) throw new AppError('NOT_FOUND', 'Archway has no sign-in of its own: set ARCHWAY_OIDC_ISSUER and ARCHWAY_OIDC_CLIENT_ID to add one.');
  const returnTo = safeReturnPath(request.nextUrl.searchParams.get('returnTo'));
  const { url, transaction } = await startSignIn(settings.oidc, redirectUri(request, settings), returnTo);
  const response = NextResponse.redirect(url, 303);
  response.headers.set('cache-control', 'no-store');
  await saveSignInTransaction(response, request, transaction);
  return response;
});
