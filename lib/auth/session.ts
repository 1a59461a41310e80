import 'server-only';
import { sealData, unsealData } from 'iron-session';
import type { NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { sessionSecret } from './session-secret';
import { readAuthSettings } from './settings';

/*
 * The session lives in the browser, sealed (encrypted and authenticated with ARCHWAY_SESSION_SECRET by
 * iron-session), so any replica holding the secret can read it and nothing is stored per replica. The cookie is
 * httpOnly (no script reads the registry passwords in it), SameSite=Lax (no cross-site POST carries it) and Secure
 * over https. Its contents never go back to the browser in readable form.
 */

export const SESSION_COOKIE = 'archway-session';
/** The OIDC round trip's state, PKCE verifier and return path: short-lived, only for the callback. */
export const SIGN_IN_COOKIE = 'archway-sign-in';

/** Browsers drop cookies over 4096 bytes; the name and attributes need some of them. */
const MAX_SEALED_BYTES = 3800;

export const SessionPerson = z.object({
  sub: z.string(),
  email: z.string().optional(),
  name: z.string().optional(),
  groups: z.array(z.string()),
});
export type SessionPerson = z.infer<typeof SessionPerson>;

/** Credentials a person gave for one registry, accepted by that registry. */
export const RegistrySignIn = z.object({ registry: z.string(), username: z.string(), password: z.string() });
export type RegistrySignIn = z.infer<typeof RegistrySignIn>;

export const SessionData = z.object({
  person: SessionPerson.optional(),
  registries: z.array(RegistrySignIn).default([]),
});
export type SessionData = z.infer<typeof SessionData>;

export const SignInTransaction = z.object({ state: z.string(), verifier: z.string(), nonce: z.string(), returnTo: z.string() });
export type SignInTransaction = z.infer<typeof SignInTransaction>;
const SIGN_IN_TTL_SECONDS = 600;

type CookieReader = { get(name: string): { value: string } | undefined };

function password(): string {
  return sessionSecret(readAuthSettings().sessionSecret);
}

/** True when the browser reached Archway over https (directly, or through a proxy that says so). */
function isHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

async function unseal<T>(cookies: CookieReader, name: string, schema: z.ZodType<T>, ttl: number): Promise<T | null> {
  const sealed = cookies.get(name)?.value;
  if (!sealed) return null;
  try {
    // An expired, tampered or old-format cookie is no session at all, never an error.
    const parsed = schema.safeParse(await unsealData(sealed, { password: password(), ttl }));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function seal(response: NextResponse, request: NextRequest, name: string, data: object, ttl: number, path = '/'): Promise<void> {
  const sealed = await sealData(data, { password: password(), ttl });
  if (sealed.length > MAX_SEALED_BYTES) {
    throw new AppError('BAD_REQUEST', 'Too many registry sign-ins to keep in one session: sign out of a registry you no longer need first.');
  }
  response.cookies.set(name, sealed, { httpOnly: true, sameSite: 'lax', secure: isHttps(request), path, maxAge: ttl });
}

/** The session of a request: who signed in with OIDC, and their registry sign-ins (empty when there is none). */
export async function readSession(cookies: CookieReader): Promise<SessionData> {
  return (await unseal(cookies, SESSION_COOKIE, SessionData, readAuthSettings().sessionTtlSeconds)) ?? { registries: [] };
}

/** Writes the session into the response's cookie (sealed). */
export async function saveSession(response: NextResponse, request: NextRequest, data: SessionData): Promise<void> {
  await seal(response, request, SESSION_COOKIE, data, readAuthSettings().sessionTtlSeconds);
}

/** Ends the session in this browser. */
export function clearSession(response: NextResponse): void {
  response.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 });
}

/** The OIDC round trip started by this browser, if any and not older than ten minutes. */
export function readSignInTransaction(cookies: CookieReader): Promise<SignInTransaction | null> {
  return unseal(cookies, SIGN_IN_COOKIE, SignInTransaction, SIGN_IN_TTL_SECONDS);
}

export async function saveSignInTransaction(response: NextResponse, request: NextRequest, transaction: SignInTransaction): Promise<void> {
  await seal(response, request, SIGN_IN_COOKIE, transaction, SIGN_IN_TTL_SECONDS, '/auth');
}

export function clearSignInTransaction(response: NextResponse): void {
  response.cookies.set(SIGN_IN_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/auth', maxAge: 0 });
}
