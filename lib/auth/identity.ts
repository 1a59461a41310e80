import 'server-only';
import type { SessionUser } from '@/lib/api/session';
import { isFromTrustedProxy } from './peer';
import type { SessionData } from './session';
import type { AuthSettings } from './settings';

/*
 * Who is asking, as far as Archway can verify it; first match wins:
 *   1. OpenID Connect configured: the person who signed in (nobody else gets past the proxy).
 *   2. ARCHWAY_USER_HEADER, only on a request that came straight from a proxy in ARCHWAY_TRUSTED_PROXIES.
 *   3. A registry that accepted this browser's credentials: `user@registry`.
 * Otherwise nobody: the audit log says `anonymous`. A name a browser gives itself is never an identity.
 */

export type Person = SessionUser;

export const ANONYMOUS_USER = 'anonymous';
/** Longer names are cut: the value is a label in the history. */
const MAX_NAME_LENGTH = 200;

function clean(value: string | null | undefined): string | null {
  // Control characters would corrupt log lines and the history table; they never belong in a name.
  const trimmed = value?.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return trimmed ? trimmed.slice(0, MAX_NAME_LENGTH) : null;
}

const looksLikeEmail = (value: string) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);

/** The verified person behind a request, or null. */
export function resolvePerson(headers: Headers, session: SessionData, settings: AuthSettings): Person | null {
  if (settings.oidc) {
    const person = session.person;
    if (!person) return null;
    const name = clean(person.email) ?? clean(person.sub) ?? ANONYMOUS_USER;
    return { name, email: person.email?.toLowerCase() ?? null, groups: person.groups, via: 'oidc' };
  }
  if (settings.userHeader && isFromTrustedProxy(headers, settings.trustedProxies)) {
    const name = clean(headers.get(settings.userHeader));
    if (name) return { name, email: looksLikeEmail(name) ? name.toLowerCase() : null, groups: [], via: 'proxy' };
  }
  const [first] = session.registries;
  if (first) return { name: clean(`${first.username}@${first.registry}`)!, email: null, groups: [], via: 'registry' };
  return null;
}

/** The name the audit log records for a request's person. */
export function auditName(person: Person | null): string {
  return person?.name ?? ANONYMOUS_USER;
}
