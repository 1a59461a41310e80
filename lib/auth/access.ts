import 'server-only';
import { AppError } from '@/lib/api/errors';
import { getRegistryClient, getRegistryClientAs } from '@/lib/registry/client';
import type { ClientFor, RegistryClient } from '@/lib/registry/types';
import type { Person } from './identity';
import { isSameRegistryName, registryKey } from './registry-name';
import type { RegistrySignIn, SessionData } from './session';
import type { AuthSettings } from './settings';

/*
 * Which registry credentials a request acts with (issue 7 §2-3). A person's own sign-in for a registry always
 * wins. Otherwise the server's docker config (the team's robot account) is used for reading unless
 * ARCHWAY_SHARED_CREDENTIALS=off, and for writing only when the policy lets this person write with it. A registry
 * the server has no credentials for is used anonymously, and the registry decides.
 */

/** A client for a write, and who the registry will see (null: anonymous). */
export type WriteAccess = { client: RegistryClient; registryUser: string | null };

export type RegistryAccess = {
  /** The client for reading from a registry. */
  clientFor(registry: string): RegistryClient;
  /** The client for a push or revert to a registry; throws 401 or 403 when no credential may write there. */
  writerFor(registry: string): Promise<WriteAccess>;
};

/** True when the policy lets this person push with the server's shared credentials. */
export function mayWriteWithShared(person: Person | null, settings: AuthSettings): boolean {
  if (!person || settings.sharedCredentials === 'off') return false;
  if (settings.sharedCredentials === 'write') return true;
  const isListed = person.email !== null && settings.writers.emails.has(person.email);
  return isListed || person.groups.some((group) => settings.writers.groups.has(group));
}

function ownSignIn(session: SessionData, registry: string): RegistrySignIn | undefined {
  return session.registries.find((signIn) => isSameRegistryName(signIn.registry, registry));
}

function ownClient(registry: string, signIn: RegistrySignIn): RegistryClient {
  return getRegistryClientAs(registry, { kind: 'basic', username: signIn.username, password: signIn.password });
}

function refusal(registry: string, person: Person | null, settings: AuthSettings): AppError {
  const details = { registry: registryKey(registry), signIn: true };
  if (!person) {
    return new AppError('UNAUTHORIZED', `Sign in to ${registry} to write there: Archway's shared credentials for it do not push for people it does not know.`, details);
  }
  const why =
    settings.sharedCredentials === 'off'
      ? "Archway's shared credentials are switched off (ARCHWAY_SHARED_CREDENTIALS=off)"
      : `only the people in ARCHWAY_WRITERS may push with Archway's shared credentials`;
  return new AppError('FORBIDDEN', `${person.name} may not write to ${registry} this way: ${why}. Sign in to ${registry} with your own account.`, details);
}

/** The registry access of one request. */
export function registryAccess(session: SessionData, person: Person | null, settings: AuthSettings): RegistryAccess {
  const isSharedReadable = settings.sharedCredentials !== 'off';
  return {
    clientFor(registry) {
      const own = ownSignIn(session, registry);
      if (own) return ownClient(registry, own);
      return isSharedReadable ? getRegistryClient(registry) : getRegistryClientAs(registry, null);
    },
    async writerFor(registry) {
      const own = ownSignIn(session, registry);
      if (own) return { client: ownClient(registry, own), registryUser: own.username };
      const shared = getRegistryClient(registry);
      const sharedUser = await shared.account();
      // No robot account for this registry: anonymous, and the registry decides (a local demo registry allows it).
      if (sharedUser === null) return { client: shared, registryUser: null };
      if (mayWriteWithShared(person, settings)) return { client: shared, registryUser: sharedUser };
      throw refusal(registry, person, settings);
    },
  };
}

/** The clients for a push or revert to `registry`: the writer there (checked by writerFor), reads elsewhere. */
export async function clientsForWrite(access: RegistryAccess, registry: string): Promise<{ clientFor: ClientFor; registryUser: string | null }> {
  const writer = await access.writerFor(registry);
  return {
    clientFor: (other) => (isSameRegistryName(other, registry) ? writer.client : access.clientFor(other)),
    registryUser: writer.registryUser,
  };
}
