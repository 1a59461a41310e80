import { NextResponse, type NextRequest } from 'next/server';
import { requireSignIn } from '@/lib/auth/gate';

/*
 * Runs before every route (Next 16's proxy, formerly middleware). Route handlers still decide who may do what
 * with registries; this only keeps everyone who has not signed in out when OpenID Connect is configured.
 */
export async function proxy(request: NextRequest) {
  return (await requireSignIn(request)) ?? NextResponse.next();
}

export const config = {
  // Static build output carries no data; everything else, pages and API alike, goes through the gate.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
