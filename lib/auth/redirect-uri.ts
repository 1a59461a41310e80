import 'server-only';
import type { NextRequest } from 'next/server';
import { CALLBACK_PATH } from './paths';
import type { AuthSettings } from './settings';

/** The callback URL registered with the provider: on ARCHWAY_PUBLIC_URL when set, else where this request came in. */
export function redirectUri(request: NextRequest, settings: AuthSettings): string {
  return new URL(CALLBACK_PATH, settings.publicUrl ?? request.nextUrl.origin).toString();
}
