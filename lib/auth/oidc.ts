import 'server-only';
import * as client from 'openid-client';
import { isLoopbackHost } from '@/lib/oci/registry-host';
import type { SessionPerson, SignInTransaction } from './session';
import { SettingsError, type OidcSettings } from './settings';

/*
 * Sign-in with OpenID Connect: the authorization code flow with PKCE (S256), a state and a nonce, through
 * openid-client. The provider's metadata is discovered once per process (again after a failure). Email and groups
 * are read from the ID token, else from the userinfo endpoint (many providers put them only there).
 */

const globalForOidc = globalThis as typeof globalThis & { __archwayOidc?: { issuer: string; config: Promise<client.Configuration> } };

function discover(settings: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const isPlainHttp = issuer.protocol === 'http:';
  // Plain HTTP would let anyone on the path forge sign-ins; allowed only on this machine (tests, a local provider).
  if (isPlainHttp && !isLoopbackHost(issuer.host)) {
    throw new SettingsError(`ARCHWAY_OIDC_ISSUER must use https:// (plain http only on loopback): ${settings.issuer}`);
  }
  const authentication = settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None();
  return client.discovery(issuer, settings.clientId, settings.clientSecret, authentication, {
    ...(isPlainHttp ? { execute: [client.allowInsecureRequests] } : {}),
  });
}

/** The provider's configuration, discovered once per process. */
export function oidcConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const cached = globalForOidc.__archwayOidc;
  if (cached?.issuer === settings.issuer) return cached.config;
  const config = discover(settings).catch((err: unknown) => {
    globalForOidc.__archwayOidc = undefined; // a provider that was down may come up: discover again next time
    throw err;
  });
  globalForOidc.__archwayOidc = { issuer: settings.issuer, config };
  return config;
}

/** Scopes to ask for: openid, plus email, profile and the groups claim where the provider offers them. */
function scopes(config: client.Configuration, settings: OidcSettings): string {
  const supported = config.serverMetadata().scopes_supported;
  const wanted = ['email', 'profile', settings.groupsClaim].filter((scope) => !supported || supported.includes(scope));
  return ['openid', ...new Set(wanted)].join(' ');
}

/** Starts a sign-in: the provider's URL to send the browser to, and what the callback must check. */
export async function startSignIn(settings: OidcSettings, redirectUri: string, returnTo: string): Promise<{ url: URL; transaction: SignInTransaction }> {
  const config = await oidcConfiguration(settings);
  const verifier = client.randomPKCECodeVerifier();
  const transaction: SignInTransaction = { state: client.randomState(), nonce: client.randomNonce(), verifier, returnTo };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: scopes(config, settings),
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: transaction.state,
    nonce: transaction.nonce,
  });
  return { url, transaction };
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function groupsClaim(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === 'string');
  if (typeof value === 'string') return [value];
  return undefined;
}

/** Finishes a sign-in at the callback: exchanges the code (checking state, nonce and PKCE) and reads who it is. */
export async function finishSignIn(settings: OidcSettings, callbackUrl: URL, redirectUri: string, transaction: SignInTransaction): Promise<SessionPerson> {
  const config = await oidcConfiguration(settings);
  const tokens = await client.authorizationCodeGrant(
    config,
    callbackUrl,
    { pkceCodeVerifier: transaction.verifier, expectedState: transaction.state, expectedNonce: transaction.nonce, idTokenExpected: true },
    { redirect_uri: redirectUri },
  );
  const claims: Record<string, unknown> = { ...tokens.claims() };
  const hasUserinfo = config.serverMetadata().userinfo_endpoint !== undefined;
  if (hasUserinfo && (claims.email === undefined || claims[settings.groupsClaim] === undefined)) {
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
    for (const [key, value] of Object.entries(userinfo)) claims[key] ??= value;
  }
  const email = stringClaim(claims.email);
  const name = stringClaim(claims.name);
  return {
    sub: String(claims.sub),
    ...(email ? { email } : {}),
    ...(name ? { name } : {}),
    groups: groupsClaim(claims[settings.groupsClaim]) ?? [],
  };
}

/** A return path that stays on Archway: a path, never another origin (`//evil.example` or `/\evil`). */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
