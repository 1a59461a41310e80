// GET /auth/callback?code&state – the OpenID provider sends the browser back here; the session starts, then the page asked for.
import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from '@/lib/api/errors';
import { handle } from '@/lib/api/handler';
import { finishSignIn } from '@/lib/auth/oidc';
import { SIGN_IN_PATH } from '@/lib/auth/paths';
import { publicOrigin, redirectUri } from '@/lib/auth/redirect-uri';
import { clearSignInTransaction, readSession, readSignInTransaction, saveSession } from '@/lib/auth/session';
import { readAuthSettings } from '@/lib/auth/settings';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handle(async (request: NextRequest) => {
  const settings = readAuthSettings();
  if (!settings.oidc) throw new AppError('NOT_FOUND', 'Archway has no sign-in of its own: set ARCHWAY_OIDC_ISSUER to add one.');
  const transaction = await readSignInTransaction(request.cookies);
  if (!transaction) {
    throw new AppError('BAD_REQUEST', `This sign-in was not started here or took longer than ten minutes: start again at ${SIGN_IN_PATH}.`);
  }
  const uri = redirectUri(request, settings);
  // The code is checked against the URL registered with the provider, whatever host the request came in on.
  const callbackUrl = new URL(uri);
  callbackUrl.search = request.nextUrl.search;
  let person;
  try {
    person = await finishSignIn(settings.oidc, callbackUrl, uri, transaction);
  } catch (err) {
    console.error('[archway] OpenID Connect sign-in failed:', err instanceof Error ? err.message : err);
    throw new AppError('UNAUTHORIZED', `The sign-in with ${new URL(settings.oidc.issuer).host} did not complete: start again at ${SIGN_IN_PATH}.`);
  }
  const session = await readSession(request.cookies);
  const response = NextResponse.redirect(new URL(transaction.returnTo, publicOrigin(request, settings)), 303);
  response.headers.set('cache-control', 'no-store');
  // A new person in this browser starts without the previous person's registry sign-ins.
  const registries = session.person?.sub === person.sub ? session.registries : [];
  await saveSession(response, request, { person, registries });
  clearSignInTransaction(response);
  return response;
});
