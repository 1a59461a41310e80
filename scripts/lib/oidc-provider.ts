import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './registry-process';

/*
 * A real OpenID Connect provider (the `oidc-provider` package, as certified implementations use) for tests and
 * the e2e run, on a free loopback port over plain HTTP (real-components.md §7). Its development login screen
 * takes any password for a known account, which is all a test needs: the point is the real protocol around it
 * (discovery, code flow, PKCE, ID token, userinfo).
 */

export type OidcAccount = { email: string; name?: string; groups: string[] };

export type StartOidcProviderOptions = {
  /** Login name → claims. */
  accounts: Record<string, OidcAccount>;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
};

export type RunningOidcProvider = {
  /** The issuer URL, e.g. `http://127.0.0.1:PORT` (what ARCHWAY_OIDC_ISSUER is set to). */
  issuer: string;
  stop(): Promise<void>;
};

/** Starts a provider with the given accounts and one confidential client that must use PKCE. */
export async function startOidcProvider(options: StartOidcProviderOptions): Promise<RunningOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: true, name: account.name ?? id, groups: account.groups }),
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    // Email and groups in the ID token too (by default the code flow puts them only in userinfo).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['archway-test-oidc-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    issuer,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Signs in through the provider's development screens with fetch, as a browser would: from the authorization URL
 * to the redirect back to the client, whose URL (with `code` and `state`) is returned.
 */
export async function signInWithProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const body = await response.text();
    const location = response.headers.get('location');
    return { next: location ? new URL(location, url).toString() : null, body };
  };
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const issuerOrigin = new URL(authorizationUrl).origin;
  let { next } = await send(authorizationUrl);
  for (let hop = 0; next && hop < 10; hop++) {
    if (new URL(next).origin !== issuerOrigin) return new URL(next);
    if (new URL(next).pathname.startsWith('/interaction/')) {
      // The screen asks for a login first, then for consent.
      const isLogin = (await send(next)).body.includes('name="login"');
      ({ next } = await send(next, form(isLogin ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' })));
    } else {
      ({ next } = await send(next));
    }
  }
  throw new Error(`the provider did not send ${login} back to the client`);
}
