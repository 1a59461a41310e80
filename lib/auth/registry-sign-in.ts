import 'server-only';
import { AppError } from '@/lib/api/errors';
import type { RegistrySignInRequest, RegistrySignInSummary } from '@/lib/api/session';
import { createRegistryClient } from '@/lib/registry/client';
import { clientAddress } from './peer';
import { signInLimiter } from './rate-limit';
import { parseRegistryName } from './registry-name';
import type { RegistrySignIn, SessionData } from './session';
import type { AuthSettings } from './settings';

/** Registries one session may be signed in to (each sign-in takes room in the sealed cookie). */
export const MAX_REGISTRY_SIGN_INS = 8;

/** What a session's registry sign-ins look like from outside: never the password. */
export function summarize(session: SessionData): RegistrySignInSummary[] {
  return session.registries.map(({ registry, username }) => ({ registry, username }));
}

/**
 * Checks a person's credentials with the registry itself (Basic, or the token flow as `docker login` does) and
 * returns the session with them added, replacing an earlier sign-in to the same registry. Attempts are limited
 * per client address; a refusal says why without repeating the password.
 */
export async function signInToRegistry(
  session: SessionData,
  request: RegistrySignInRequest,
  client: { headers: Headers; settings: AuthSettings },
): Promise<{ session: SessionData; signIn: RegistrySignInSummary }> {
  const attempt = signInLimiter().take(clientAddress(client.headers, client.settings.trustedProxies), client.settings.signInAttemptsPerMinute);
  if (!attempt.allowed) {
    throw new AppError('TOO_MANY_REQUESTS', `Too many sign-in attempts from this address: try again in ${attempt.retryAfterSeconds} s.`, {
      retryAfterSeconds: attempt.retryAfterSeconds,
    });
  }
  const registry = parseRegistryName(request.registry);
  const credentials = { kind: 'basic' as const, username: request.username, password: request.password };
  // A throwaway client: credentials the registry refuses must not linger in the pool of clients.
  await createRegistryClient(registry, { credentials, accessKey: 'sign-in' }).verifySignIn();
  const others = session.registries.filter((signIn) => signIn.registry !== registry);
  if (others.length >= MAX_REGISTRY_SIGN_INS) {
    throw new AppError('BAD_REQUEST', `A session keeps at most ${MAX_REGISTRY_SIGN_INS} registry sign-ins: sign out of one first.`);
  }
  const signIn: RegistrySignIn = { registry, username: request.username, password: request.password };
  return { session: { ...session, registries: [...others, signIn] }, signIn: { registry, username: signIn.username } };
}
