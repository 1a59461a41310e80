import { randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importPKCS8, SignJWT } from 'jose';
import { selfSignedCertificate } from './self-signed';

/*
 * A real Docker token server (distribution's docs/spec/auth/token.md), the kind Docker Hub, GHCR and Harbor run,
 * small enough for tests and the demo. distribution 2.8.2 checks every detail (real-components.md §1): `iss`,
 * `aud` as a JSON string, `exp`/`nbf`, the `access` claim, and an `x5c` header of *standard* base64 DER.
 */

/** One entry of a token's `access` claim, and the shape of a requested `scope=type:name:actions`. */
export type TokenAccess = { type: string; name: string; actions: string[] };

/** Which of the requested actions an account (null = anonymous) is granted. */
export type TokenAcl = (account: string | null, requested: TokenAccess) => string[];

export type TokenReplyField = 'token' | 'access_token' | 'expires_in' | 'issued_at';

export type TokenServerOptions = {
  issuer?: string;
  service?: string;
  /** user → password; the same accounts the registry is meant to accept. */
  users?: Record<string, string>;
  /** Default: a known user gets every action asked for; anonymous gets nothing (an empty but valid token). */
  acl?: TokenAcl;
  port?: number;
  /** The loopback address to listen on (127.0.0.1 unless told another of 127.0.0.0/8). */
  address?: string;
  /** Lifetime of issued tokens in seconds (default 300). */
  expiresIn?: number;
  /** Fields of the JSON reply; default all four. Real servers differ (some send only `access_token`). */
  replyFields?: TokenReplyField[];
  /** Answer the OAuth2 POST form flow (default true); false answers POST with 404 like older servers. */
  oauth?: boolean;
};

/** A token request as the server saw it; tests count these to check client-side caching. */
export type TokenRequestRecord = {
  method: 'GET' | 'POST';
  account: string | null;
  scopes: string[];
  granted: TokenAccess[];
  status: number;
};

export type RunningTokenServer = {
  /** The realm URL: `http://127.0.0.1:PORT/token` (or the address it was given). */
  url: string;
  issuer: string;
  service: string;
  /** PEM of the self-signed certificate whose key signs the tokens (the registry's `rootcertbundle`). */
  certPem: string;
  certPath: string;
  requests: TokenRequestRecord[];
  /** A refresh token for `user`, as `docker login` stores it in config.json `identitytoken`. */
  issueRefreshToken(user: string): string;
  stop(): Promise<void>;
};

const DEFAULT_USERS: Record<string, string> = { archway: 'archway-secret' };
const ALL_REPLY_FIELDS: TokenReplyField[] = ['token', 'access_token', 'expires_in', 'issued_at'];

/** Registry options for one that keeps its catalog closed, as Docker Hub and GHCR do: anyone may pull, nobody list. */
export const CATALOG_CLOSED = {
  auth: 'token' as const,
  token: { acl: ((_account, requested) => (requested.type === 'repository' ? requested.actions.filter((a) => a === 'pull') : [])) as TokenAcl },
};

const grantEverythingToKnownUsers: TokenAcl = (account, requested) => (account ? requested.actions : []);

/** Parses `repository:name:pull,push` (names never contain ':', types may: `repository(plugin)` does not). */
export function parseScope(scope: string): TokenAccess | null {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last === first) return null;
  const actions = scope.slice(last + 1).split(',').filter(Boolean);
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}

function basicCredentials(req: IncomingMessage): { user: string; password: string } | null {
  const header = req.headers.authorization ?? '';
  if (!header.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Starts a token server on loopback; the signing certificate is made fresh for each server. */
export async function startTokenServer(options: TokenServerOptions = {}): Promise<RunningTokenServer> {
  const issuer = options.issuer ?? 'archway-token-issuer';
  const service = options.service ?? 'archway-registry';
  const users = options.users ?? DEFAULT_USERS;
  const acl = options.acl ?? grantEverythingToKnownUsers;
  const expiresIn = options.expiresIn ?? 300;
  const replyFields = new Set(options.replyFields ?? ALL_REPLY_FIELDS);
  const isOAuthEnabled = options.oauth ?? true;
  const address = options.address ?? '127.0.0.1';

  const { dir, certPath, certPem, keyPem } = await selfSignedCertificate({ commonName: 'archway-token-issuer' });
  const key = await importPKCS8(keyPem, 'ES256');
  // distribution decodes x5c with StdEncoding: base64url would be "malformed token".
  const x5c = [new X509Certificate(certPem).raw.toString('base64')];
  const refreshTokens = new Map<string, string>();
  const requests: TokenRequestRecord[] = [];

  function issueRefreshToken(user: string): string {
    const token = randomBytes(24).toString('hex');
    refreshTokens.set(token, user);
    return token;
  }

  async function reply(res: ServerResponse, account: string | null, scopes: string[], offline: boolean, method: 'GET' | 'POST') {
    const granted = scopes
      .map(parseScope)
      .filter((access): access is TokenAccess => access !== null)
      .map((access) => ({ ...access, actions: acl(account, access).filter((a) => access.actions.includes(a)) }))
      .filter((access) => access.actions.length > 0);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ access: granted })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c })
      .setIssuer(issuer)
      .setSubject(account ?? '')
      .setAudience(service)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + expiresIn)
      .setJti(randomUUID())
      .sign(key);
    requests.push({ method, account, scopes, granted, status: 200 });
    const body: Record<string, unknown> = {};
    if (replyFields.has('token')) body.token = token;
    if (replyFields.has('access_token')) body.access_token = token;
    if (replyFields.has('expires_in')) body.expires_in = expiresIn;
    if (replyFields.has('issued_at')) body.issued_at = new Date(now * 1000).toISOString();
    if (offline && account) body.refresh_token = issueRefreshToken(account);
    sendJson(res, 200, body);
  }

  function refuse(res: ServerResponse, method: 'GET' | 'POST', scopes: string[], status: number, message: string) {
    requests.push({ method, account: null, scopes, granted: [], status });
    sendJson(res, status, { errors: [{ code: status === 401 ? 'UNAUTHORIZED' : 'DENIED', message }] });
  }

  async function handleGet(req: IncomingMessage, res: ServerResponse, url: URL) {
    const scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' ')).filter(Boolean);
    const creds = basicCredentials(req);
    if (!creds) return reply(res, null, scopes, false, 'GET');
    if (users[creds.user] === undefined || users[creds.user] !== creds.password) {
      const refreshUser = refreshTokens.get(creds.password);
      // An identity token sent as a Basic password (the CLI's fallback when the OAuth POST is 404).
      if (refreshUser === undefined) return refuse(res, 'GET', scopes, 401, 'invalid username or password');
      return reply(res, refreshUser, scopes, url.searchParams.get('offline_token') === 'true', 'GET');
    }
    return reply(res, creds.user, scopes, url.searchParams.get('offline_token') === 'true', 'GET');
  }

  async function handlePost(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (!form.get('client_id')) return refuse(res, 'POST', scopes, 400, 'client_id is required');
    const grantType = form.get('grant_type');
    if (grantType === 'password') {
      const user = form.get('username') ?? '';
      if (users[user] === undefined || users[user] !== form.get('password')) {
        return refuse(res, 'POST', scopes, 401, 'invalid username or password');
      }
      return reply(res, user, scopes, form.get('access_type') === 'offline', 'POST');
    }
    if (grantType === 'refresh_token') {
      const user = refreshTokens.get(form.get('refresh_token') ?? '');
      if (user === undefined) return refuse(res, 'POST', scopes, 401, 'invalid refresh token');
      return reply(res, user, scopes, false, 'POST');
    }
    return refuse(res, 'POST', scopes, 400, 'unsupported grant_type');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    const handled =
      url.pathname !== '/token'
        ? Promise.resolve(sendJson(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] }))
        : req.method === 'GET'
          ? handleGet(req, res, url)
          : req.method === 'POST' && isOAuthEnabled
            ? handlePost(req, res)
            : Promise.resolve(sendJson(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] }));
    handled.catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ code: 'UNKNOWN', message: String(err) }] });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${address}:${port}/token`,
    issuer,
    service,
    certPem,
    certPath,
    requests,
    issueRefreshToken,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
