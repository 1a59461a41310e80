import 'server-only';
import { USER_COOKIE } from '@/lib/api/push';

export const ANONYMOUS_USER = 'anonymous';
/** Longer names are cut: the value is only a label in the history panel. */
const MAX_USER_LENGTH = 200;

/**
 * Who made a request: the trusted header named by `ARCHWAY_USER_HEADER` (set by an authenticating proxy), else the
 * `archway-user` cookie (self-declared, a label, not proof), else `anonymous`.
 */
export function resolveUser(headers: Headers): string {
  const headerName = process.env.ARCHWAY_USER_HEADER?.trim();
  const fromProxy = headerName ? clean(headers.get(headerName)) : null;
  if (fromProxy) return fromProxy;
  return clean(cookieValue(headers.get('cookie'), USER_COOKIE)) ?? ANONYMOUS_USER;
}

function cookieValue(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

function clean(value: string | null): string | null {
  // Control characters would corrupt log lines and the history table; they never belong in a name.
  const trimmed = value?.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return trimmed ? trimmed.slice(0, MAX_USER_LENGTH) : null;
}
