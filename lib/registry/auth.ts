import 'server-only';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Credentials } from './credentials';
import { withDeadline } from './deadline';
import { errorFromResponse, RegistryError } from './errors';
import { isDowngrade, isSameOrigin, keepsMethod, MAX_REDIRECTS, redirectLocation } from './redirects';
import { checkRealmUrl, credentialRefusal, type RealmContext } from './token-realm';
import { networkFailure, readLimited, type FetchLike } from './transport';

/*
 * Registry authentication (distribution docs/spec/auth/token.md, registry-protocol.md §6). The registry's 401
 * challenge says how: `Basic` sends the credentials to the registry itself; `Bearer` sends them to a token
 * server (realm) in exchange for a short-lived token limited to the scopes asked for. Tokens are cached per scope
 * set until shortly before `expires_in` runs out, and concurrent requests for one scope set share one fetch.
 */

export type Challenge = { scheme: string; params: Record<string, string> };

/** `repository:<name>:<actions>`, the scope a request on one repository needs. */
export function repositoryScope(repository: string, actions: string): string {
  return `repository:${repository}:${actions}`;
}

export const CATALOG_SCOPE = 'registry:catalog:*';

const TOKEN_PARAM = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*)))?\s*,?/y;

/** Parses a `WWW-Authenticate` header into its challenges (several may share one header, comma-joined). */
export function parseChallenges(header: string | null | undefined): Challenge[] {
  const challenges: Challenge[] = [];
  if (!header) return challenges;
  TOKEN_PARAM.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN_PARAM.lastIndex < header.length && (match = TOKEN_PARAM.exec(header)) !== null) {
    const [, name, quoted, bare] = match;
    if (quoted === undefined && bare === undefined) {
      challenges.push({ scheme: name!.toLowerCase(), params: {} });
      continue;
    }
    const current = challenges.at(-1);
    if (current) current.params[name!.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare!;
  }
  return challenges;
}

/** The challenge to answer: Bearer when offered (it carries the realm), else Basic. */
export function chooseChallenge(challenges: Challenge[]): Challenge | null {
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic') ?? null;
}

const TokenReply = z.looseObject({
  token: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
});

/** Tokens live at least 60 s when the server says less or nothing (token.md). */
const MIN_TOKEN_SECONDS = 60;
const OAUTH_CLIENT_ID = 'archway';
/** A token reply is a few KB (a JWT, maybe with its certificate chain); anything far larger is not one. */
const MAX_TOKEN_REPLY_BYTES = 1024 * 1024;

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}

export type AuthContext = {
  registry: string;
  /** What decides whether a realm may be asked, and given credentials (token-realm.ts). */
  realm: RealmContext;
  fetch: FetchLike;
  credentials: () => Promise<Credentials | null>;
  timeoutMs: number;
  now: () => number;
  onTokenRequest: () => void;
};

type CachedToken = { token: string; refreshAt: number };

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Who the credentials are, for messages (never the secret). */
function describeAccount(credentials: Credentials | null): string {
  if (!credentials) return 'anonymous access';
  if (credentials.kind === 'basic') return `the credentials of ${credentials.username}`;
  if (credentials.kind === 'identity') return `the identity token${credentials.username ? ` of ${credentials.username}` : ''}`;
  return 'the registry token';
}

/** Scope sets whose tokens one registry client keeps; the least recently used goes first. */
export const MAX_CACHED_TOKENS = 1000;

/** Per-registry authentication state: the last challenge seen, cached tokens, token fetches in flight. */
export class Authenticator {
  private challenge: Challenge | null = null;
  // One token per scope set (a repository, a mount pair): bounded in count, and each dropped from memory once it is
  // due for renewal, whether or not it is asked for again (an idle token is no use to anyone). The cache keeps time
  // with the client's own clock, the one `refreshAt` is read against.
  private readonly tokens: LRUCache<string, CachedToken>;
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly ctx: AuthContext) {
    // Bounded by size (1 a token) rather than `max`: with `max`, lru-cache allocates room for every entry up front
    // (~23 KiB, ~40 KiB once a token has a TTL) in each client, however few tokens it holds; 5,000 registry names asked
    // for are 5,000 clients (ARCHWAY_MAX_REGISTRIES evicts them only once they have aged into the old generation).
    this.tokens = new LRUCache<string, CachedToken>({ maxSize: MAX_CACHED_TOKENS, sizeCalculation: () => 1, ttlAutopurge: true, perf: { now: ctx.now } });
  }

  /** Tokens held now (tests check the bound and the expiry). */
  get cachedTokenCount(): number {
    return this.tokens.size;
  }

  /** Remembers how the registry wants to be authenticated (from the ping or any 401). */
  learn(header: string | null): Challenge | null {
    const chosen = chooseChallenge(parseChallenges(header));
    if (chosen) this.challenge = chosen;
    return chosen;
  }

  /** True once the registry has asked for authentication. */
  get isRequired(): boolean {
    return this.challenge !== null;
  }

  /** The Authorization header for a request needing `scopes`; `fresh` skips the token cache. */
  async authorization(scopes: string[], fresh = false): Promise<string | undefined> {
    const challenge = this.challenge;
    if (!challenge) return undefined;
    const credentials = await this.ctx.credentials();
    if (challenge.scheme === 'basic') {
      return credentials?.kind === 'basic' ? basicHeader(credentials.username, credentials.password) : undefined;
    }
    if (credentials?.kind === 'registry-token') return `Bearer ${credentials.registryToken}`;
    return `Bearer ${await this.bearerToken(challenge, scopes, credentials, fresh)}`;
  }

  /** The error for a request still refused after re-authenticating. */
  async refusal(challenge: Challenge | null, response: Response, operation: string): Promise<RegistryError> {
    const credentials = await this.ctx.credentials();
    const base = await errorFromResponse(response, { registry: this.ctx.registry, operation });
    const isScopeProblem = challenge?.params.error === 'insufficient_scope';
    const needs = challenge?.params.scope ? ` (needs ${challenge.params.scope})` : '';
    const isDenied = isScopeProblem && credentials !== null;
    const advice = credentials
      ? isDenied
        ? `${describeAccount(credentials)} do not grant ${operation}${needs}`
        : `the registry refused ${describeAccount(credentials)}`
      : `${operation} needs credentials${needs}: add them to $DOCKER_CONFIG/config.json (docker login)`;
    return new RegistryError({
      message: `${this.ctx.registry}: ${advice}`,
      registry: this.ctx.registry,
      operation,
      kind: isDenied ? 'forbidden' : 'unauthorized',
      status: response.status,
      codes: base.codes,
    });
  }

  private async bearerToken(challenge: Challenge, scopes: string[], credentials: Credentials | null, fresh: boolean): Promise<string> {
    const key = [...new Set(scopes)].sort().join(' ');
    const cached = this.tokens.get(key);
    if (!fresh && cached && cached.refreshAt > this.ctx.now()) return cached.token;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const fetching = this.fetchToken(challenge, key ? key.split(' ') : [], credentials)
      .then(({ token, expiresIn }) => {
        const lifetimeMs = Math.max(expiresIn, MIN_TOKEN_SECONDS) * 1000;
        // Renew a little early so a token never expires between the check and the registry reading it.
        const keepMs = lifetimeMs - Math.min(10_000, lifetimeMs / 10);
        this.tokens.set(key, { token, refreshAt: this.ctx.now() + keepMs }, { ttl: keepMs });
        return token;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, fetching);
    return fetching;
  }

  private async fetchToken(
    challenge: Challenge,
    scopes: string[],
    credentials: Credentials | null,
  ): Promise<{ token: string; expiresIn: number }> {
    const realm = challenge.params.realm;
    const operation = 'token request';
    if (!realm) {
      throw new RegistryError({
        message: `${this.ctx.registry}: the Bearer challenge has no realm to ask for a token`,
        registry: this.ctx.registry,
        operation,
        kind: 'invalid-response',
      });
    }
    const checked = checkRealmUrl(realm, this.ctx.realm);
    const refusal =
      'refusal' in checked ? checked.refusal : credentials && credentials.kind !== 'registry-token' ? credentialRefusal(checked.url, this.ctx.realm) : null;
    if ('refusal' in checked || refusal) {
      throw new RegistryError({
        message: `${this.ctx.registry}: ${refusal}`,
        registry: this.ctx.registry,
        operation,
        kind: 'policy',
      });
    }
    // One deadline for the whole exchange, redirects and the reply's body included.
    return withDeadline(this.ctx.timeoutMs, (signal) => this.exchangeForToken(realm, challenge.params.service, scopes, credentials, signal));
  }

  private async exchangeForToken(
    realm: string,
    service: string | undefined,
    scopes: string[],
    credentials: Credentials | null,
    signal: AbortSignal,
  ): Promise<{ token: string; expiresIn: number }> {
    const operation = 'token request';
    let response: Response | undefined;
    if (credentials?.kind === 'identity') {
      response = await this.postOAuth(realm, service, scopes, credentials.identityToken, signal);
      // Older token servers have no OAuth endpoint: fall back to GET, as the docker CLI does.
      if (response.status === 404) {
        await response.body?.cancel();
        response = undefined;
      }
    }
    response ??= await this.getToken(realm, service, scopes, credentials, signal);
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new RegistryError({
        message: `${this.ctx.registry}: the token server refused ${describeAccount(credentials)}`,
        registry: this.ctx.registry,
        operation,
        kind: 'unauthorized',
        status: response.status,
      });
    }
    if (!response.ok) throw await errorFromResponse(response, { registry: this.ctx.registry, operation });
    const body = await readLimited(response, MAX_TOKEN_REPLY_BYTES, { registry: this.ctx.registry, operation });
    const reply = TokenReply.safeParse(parseJson(body));
    const token = reply.success ? (reply.data.access_token ?? reply.data.token) : undefined;
    if (!reply.success || !token) {
      throw new RegistryError({
        message: `${this.ctx.registry}: the token server's answer has no token`,
        registry: this.ctx.registry,
        operation,
        kind: 'invalid-response',
        status: response.status,
      });
    }
    return { token, expiresIn: reply.data.expires_in ?? MIN_TOKEN_SECONDS };
  }

  private getToken(realm: string, service: string | undefined, scopes: string[], credentials: Credentials | null, signal: AbortSignal): Promise<Response> {
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    for (const scope of scopes) url.searchParams.append('scope', scope);
    const headers: Record<string, string> = {};
    if (credentials?.kind === 'basic') {
      url.searchParams.set('account', credentials.username);
      headers.authorization = basicHeader(credentials.username, credentials.password);
    } else if (credentials?.kind === 'identity') {
      headers.authorization = basicHeader(credentials.username ?? '<token>', credentials.identityToken);
    }
    return this.send(url.toString(), { method: 'GET', headers }, signal);
  }

  private postOAuth(realm: string, service: string | undefined, scopes: string[], refreshToken: string, signal: AbortSignal): Promise<Response> {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: OAUTH_CLIENT_ID });
    if (service) form.set('service', service);
    if (scopes.length) form.set('scope', scopes.join(' '));
    return this.send(realm, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }, signal);
  }

  /**
   * Sends a token request, following redirects by hand: a request carrying credentials (Basic, or a refresh token in
   * its body) follows only within the realm's origin, and no hop may drop from https to http.
   */
  private async send(url: string, init: Parameters<FetchLike>[1] & { headers: Record<string, string> }, signal: AbortSignal): Promise<Response> {
    const operation = 'token request';
    const carriesSecrets = init.headers.authorization !== undefined || init.method === 'POST';
    let current = url;
    let request: Parameters<FetchLike>[1] = init;
    try {
      for (let hop = 0; ; hop++) {
        this.ctx.onTokenRequest();
        const response = await this.ctx.fetch(current, { ...request, signal, redirect: 'manual' });
        const next = redirectLocation(response, current);
        if (!next) return response;
        await response.body?.cancel();
        const refusal =
          hop >= MAX_REDIRECTS
            ? `the token server redirected more than ${MAX_REDIRECTS} times`
            : isDowngrade(current, next)
              ? `the token server redirected from HTTPS to plain HTTP (${next.origin}); refusing to downgrade`
              : carriesSecrets && !isSameOrigin(current, next)
                ? `the token server redirected to ${next.origin}; Archway sends credentials only to the token server itself`
                : null;
        if (refusal) {
          const kind = hop >= MAX_REDIRECTS ? 'invalid-response' : 'policy';
          throw new RegistryError({ message: `${this.ctx.registry}: ${refusal}`, registry: this.ctx.registry, operation, kind, status: response.status });
        }
        if (!keepsMethod(response.status) && request.method === 'POST') request = { method: 'GET', headers: {} };
        current = next.toString();
      }
    } catch (err) {
      throw networkFailure(err, { registry: this.ctx.registry, host: new URL(current).host, operation, timeoutMs: this.ctx.timeoutMs });
    }
  }
}
