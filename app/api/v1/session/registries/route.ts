// GET /api/v1/session/registries – where this browser is signed in; POST – sign in to a registry (checked with it first).
import { NextResponse, type NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { readJsonBody } from '@/lib/api/params';
import { RegistrySignInRequest, type RegistriesResponse, type RegistrySignInSummary } from '@/lib/api/session';
import { signInToRegistry, summarize } from '@/lib/auth/registry-sign-in';
import { identify } from '@/lib/auth/request';
import { saveSession } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const NO_STORE = { 'cache-control': 'no-store' };

export const GET = handle(async (request: NextRequest) => {
  const { session } = await identify(request);
  const body: RegistriesResponse = { registries: summarize(session) };
  return jsonResponse(body, { headers: NO_STORE });
});

export const POST = handle(async (request: NextRequest) => {
  const body = await readJsonBody(request, RegistrySignInRequest);
  const { session, settings } = await identify(request);
  const result = await signInToRegistry(session, body, { headers: request.headers, settings });
  const response = NextResponse.json<RegistrySignInSummary>(result.signIn, { headers: NO_STORE });
  await saveSession(response, request, result.session);
  return response;
});
