import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { GET as callback } from '@/app/auth/callback/route';
import { GET as signIn } from '@/app/auth/sign-in/route';
import { GET as getSession } from '@/app/api/v1/session/route';
import { ErrorBody } from '@/lib/api/errors';
import { SessionResponse } from '@/lib/api/session';
import { requireSignIn } from '@/lib/auth/gate';
import { signInWithProvider, startOidcProvider, type RunningOidcProvider } from '@/scripts/lib/oidc-provider';
import { apiRequest, CookieJar } from '@/test/support/api-requests';

/*
 * Sign-in with OpenID Connect against a real provider (oidc-provider, two people): the gate in front of every page
 * and API route, the code flow with PKCE through the sign-in and callback routes, and the session it leaves.
 */

const ORIGIN = 'http://localhost';
const ENV = {
  ARCHWAY_OIDC_CLIENT_ID: 'archway',
  ARCHWAY_OIDC_CLIENT_SECRET: 'archway-client-secret-for-tests',
  ARCHWAY_SESSION_SECRET: 'the-session-secret-of-the-oidc-test-0123456789abcdef',
};

let provider: RunningOidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider({
    accounts: { alice: { email: 'alice@example.com', groups: ['release'] }, bob: { email: 'bob@example.com', groups: ['dev'] } },
    clientId: ENV.ARCHWAY_OIDC_CLIENT_ID,
    clientSecret: ENV.ARCHWAY_OIDC_CLIENT_SECRET,
    redirectUris: [`${ORIGIN}/auth/callback`],
  });
  Object.assign(process.env, ENV, { ARCHWAY_OIDC_ISSUER: provider.issuer });
});

afterAll(async () => {
  await provider?.stop();
  for (const key of [...Object.keys(ENV), 'ARCHWAY_OIDC_ISSUER']) delete process.env[key];
});

/** Signs `login` in through Archway's routes and the provider; returns the callback's answer. */
async function signInAs(login: string, jar: CookieJar, returnTo = '/registries'): Promise<Response> {
  const start = await signIn(new NextRequest(`${ORIGIN}/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`));
  expect(start.status).toBe(303);
  jar.take(start);
  const authorization = new URL(start.headers.get('location')!);
  expect(authorization.origin).toBe(provider.issuer);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('state')).toBeTruthy();
  const back = await signInWithProvider(authorization.toString(), login);
  const answer = await callback(new NextRequest(back, { headers: jar.header() }));
  jar.take(answer);
  return answer;
}

describe('the sign-in gate', () => {
  it('sends pages to sign in and back, answers API routes 401, and leaves the sign-in flow and health open', async () => {
    const page = await requireSignIn(new NextRequest(`${ORIGIN}/inspect/localhost:5000/app:1?platform=linux/amd64`));
    expect(page?.status).toBe(303);
    const location = new URL(page!.headers.get('location')!);
    expect(location.pathname).toBe('/auth/sign-in');
    expect(location.searchParams.get('returnTo')).toBe('/inspect/localhost:5000/app:1?platform=linux/amd64');

    const api = await requireSignIn(new NextRequest(`${ORIGIN}/api/v1/inspect?ref=golang`));
    expect(api?.status).toBe(401);
    expect(ErrorBody.parse(await api!.json()).error.code).toBe('UNAUTHORIZED');

    expect(await requireSignIn(new NextRequest(`${ORIGIN}/api/v1/health`))).toBeNull();
    expect(await requireSignIn(new NextRequest(`${ORIGIN}/auth/callback?code=x`))).toBeNull();
  });
});

describe('signing in with OpenID Connect', () => {
  it('runs the code flow with PKCE and comes back signed in, with email and groups from the provider', async () => {
    const jar = new CookieJar();
    const answer = await signInAs('alice', jar, '/inspect/localhost:5000/app:1');
    expect(answer.status).toBe(303);
    expect(new URL(answer.headers.get('location')!).pathname).toBe('/inspect/localhost:5000/app:1');
    const session = SessionResponse.parse(await (await getSession(apiRequest('/api/v1/session', { headers: jar.header() }))).json());
    expect(session).toMatchObject({ oidc: true, user: { name: 'alice@example.com', email: 'alice@example.com', groups: ['release'], via: 'oidc' } });
    expect(await requireSignIn(new NextRequest(`${ORIGIN}/api/v1/inspect?ref=golang`, { headers: jar.header() }))).toBeNull();
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const jar = new CookieJar();
    const start = await signIn(new NextRequest(`${ORIGIN}/auth/sign-in`));
    jar.take(start);
    const back = await signInWithProvider(start.headers.get('location')!, 'bob');
    back.searchParams.set('state', 'forged-state');
    const answer = await callback(new NextRequest(back, { headers: jar.header() }));
    expect(answer.status).toBe(401);
    expect(answer.headers.getSetCookie().some((line) => line.startsWith('archway-session='))).toBe(false);
  });

  it('never comes back to another site', async () => {
    const jar = new CookieJar();
    const answer = await signInAs('bob', jar, '//evil.example/steal');
    expect(new URL(answer.headers.get('location')!).origin).toBe(ORIGIN);
    expect(new URL(answer.headers.get('location')!).pathname).toBe('/');
  });
});
