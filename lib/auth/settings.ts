import 'server-only';
import { z } from 'zod';
import { readPublicUrl } from '@/lib/server/public-url';
import { memoizeOnEnv } from '@/lib/config/env-memo';

/*
 * Who may do what, all from the environment so the built server starts with none of it:
 *   ARCHWAY_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _GROUPS_CLAIM   sign-in with OpenID Connect (all pages need it)
 *   ARCHWAY_SESSION_SECRET        seals the session cookie (32+ characters; shared by replicas)
 *   ARCHWAY_SESSION_HOURS         how long a sign-in lasts, default 12
 *   ARCHWAY_USER_HEADER           a header naming the person, honoured only from ARCHWAY_TRUSTED_PROXIES
 *   ARCHWAY_TRUSTED_PROXIES       addresses or CIDRs of the proxies allowed to set that header
 *   ARCHWAY_SHARED_CREDENTIALS    read (default) | write | off: what the server's docker config may be used for
 *   ARCHWAY_WRITERS               emails or group:<name> allowed to push with the shared credentials under `read`
 *   ARCHWAY_SIGNIN_ATTEMPTS_PER_MINUTE   registry sign-in attempts per client address, default 10
 */

export type SharedCredentialsMode = 'read' | 'write' | 'off';

export type OidcSettings = {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret: string | undefined;
  groupsClaim: string;
};

export type Writers = { emails: ReadonlySet<string>; groups: ReadonlySet<string> };

export type AuthSettings = {
  oidc: OidcSettings | null;
  sessionSecret: string | undefined;
  sessionTtlSeconds: number;
  userHeader: string | undefined;
  trustedProxies: string[];
  sharedCredentials: SharedCredentialsMode;
  writers: Writers;
  signInAttemptsPerMinute: number;
  /** ARCHWAY_PUBLIC_URL (read by lib/server/public-url.ts): where people reach Archway; the OIDC redirect URI is built from it when set. */
  publicUrl: URL | null;
};

/** Thrown for a setting that cannot work; the message names the variable and what to write. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

export const MIN_SESSION_SECRET_LENGTH = 32;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

const optionalText = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (!value?.trim()) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new SettingsError(`${name} must be a positive whole number (got "${value}").`);
  return n;
}

function parseWriters(value: string | undefined): Writers {
  const emails = new Set<string>();
  const groups = new Set<string>();
  for (const entry of list(value)) {
    if (entry.toLowerCase().startsWith('group:')) groups.add(entry.slice('group:'.length).trim());
    else emails.add(entry.toLowerCase());
  }
  return { emails, groups };
}

function parseOidc(env: Record<string, string | undefined>): OidcSettings | null {
  const issuer = optionalText.parse(env.ARCHWAY_OIDC_ISSUER);
  const clientId = optionalText.parse(env.ARCHWAY_OIDC_CLIENT_ID);
  const clientSecret = optionalText.parse(env.ARCHWAY_OIDC_CLIENT_SECRET);
  if (!issuer && !clientId) return null;
  if (!issuer || !clientId) {
    throw new SettingsError('Set both ARCHWAY_OIDC_ISSUER and ARCHWAY_OIDC_CLIENT_ID to sign people in with OpenID Connect (or neither).');
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new SettingsError(`ARCHWAY_OIDC_ISSUER must be the issuer's URL, e.g. https://login.example.com/realms/team (got "${issuer}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SettingsError('ARCHWAY_OIDC_ISSUER must be an https:// URL.');
  return { issuer, clientId, clientSecret, groupsClaim: optionalText.parse(env.ARCHWAY_OIDC_GROUPS_CLAIM) ?? 'groups' };
}

/** ARCHWAY_PUBLIC_URL through its one reader, its complaint as a SettingsError like the others here. */
function parsePublicUrl(env: Record<string, string | undefined>): URL | null {
  try {
    return readPublicUrl(env);
  } catch (err) {
    throw new SettingsError((err as Error).message);
  }
}

function parseMode(value: string | undefined): SharedCredentialsMode {
  const mode = (value?.trim() || 'read').toLowerCase();
  if (mode === 'read' || mode === 'write' || mode === 'off') return mode;
  throw new SettingsError(`ARCHWAY_SHARED_CREDENTIALS must be read, write or off (got "${value}").`);
}

/** Reads the sign-in and access settings; a setting that cannot work throws a SettingsError naming it. */
function parseAuthSettings(env: Record<string, string | undefined>): AuthSettings {
  const sessionSecret = env.ARCHWAY_SESSION_SECRET?.trim() || undefined;
  if (sessionSecret && sessionSecret.length < MIN_SESSION_SECRET_LENGTH) {
    throw new SettingsError(
      `ARCHWAY_SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 48\`); it has ${sessionSecret.length}.`,
    );
  }
  return {
    oidc: parseOidc(env),
    sessionSecret,
    sessionTtlSeconds: positiveInt('ARCHWAY_SESSION_HOURS', env.ARCHWAY_SESSION_HOURS, 12) * 3600,
    userHeader: optionalText.parse(env.ARCHWAY_USER_HEADER)?.toLowerCase(),
    trustedProxies: list(env.ARCHWAY_TRUSTED_PROXIES),
    sharedCredentials: parseMode(env.ARCHWAY_SHARED_CREDENTIALS),
    writers: parseWriters(env.ARCHWAY_WRITERS),
    signInAttemptsPerMinute: positiveInt('ARCHWAY_SIGNIN_ATTEMPTS_PER_MINUTE', env.ARCHWAY_SIGNIN_ATTEMPTS_PER_MINUTE, 10),
    publicUrl: parsePublicUrl(env),
  };
}

/** readAuthSettings parsed once per value of the variables it reads (lib/config/env-memo.ts): it runs on every request. */
export const readAuthSettings = memoizeOnEnv(parseAuthSettings);
