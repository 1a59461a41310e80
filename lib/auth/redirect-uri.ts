import 'server-only';
import type { NextRequest } from 'next/server';
import { CALLBACK_PATH } from './paths';
import type { AuthSettings } from './settings';

/**
 * Where people reach Archway: ARCHWAY_PUBLIC_URL when set, else the scheme and Host the browser used (Next's own
 * idea of the origin may name another host, and cookies set for one host are not sent to another).
 */
export function publicOrigin(request: NextRequest, settings: Pick<AuthSettings, 'publicUrl'>): string {
  if (settings.publicUrl) return settings.publicUrl.origin;
  const host = request.headers.get('host');
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || request.nextUrl.protocol.replace(':', '');
  return host ? `${proto}://${host}` : request.nextUrl.origin;
}

/** The callback URL registered with the provider. */
export function redirectUri(request: NextRequest, settings: AuthSettings): string {
  return new URL(CALLBACK_PATH, publicOrigin(request, settings)).toString();
}
