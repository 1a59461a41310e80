// GET /api/v1/session – who this browser is and where it is signed in; DELETE – sign out of everything.
import { NextResponse, type NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import type { SessionResponse } from '@/lib/api/session';
import { summarize } from '@/lib/auth/registry-sign-in';
import { identify } from '@/lib/auth/request';
import { clearSession } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handle(async (request: NextRequest) => {
  const { session, person, settings } = await identify(request);
  const body: SessionResponse = { user: person, registries: summarize(session), oidc: settings.oidc !== null };
  return jsonResponse(body, { headers: { 'cache-control': 'no-store' } });
});

export const DELETE = handle(async () => {
  const response = new NextResponse(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  clearSession(response);
  return response;
});
