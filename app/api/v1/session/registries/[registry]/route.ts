// DELETE /api/v1/session/registries/<registry> – sign this browser out of one registry (the shared credentials apply again).
import { NextResponse, type NextRequest } from 'next/server';
import { handle } from '@/lib/api/handler';
import { parseRegistryName } from '@/lib/auth/registry-name';
import { identify } from '@/lib/auth/request';
import { saveSession } from '@/lib/auth/session';
import { safeDecode } from '@/lib/present/links';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// The segment is decoded once more where it still holds escapes; a literal `%` (`%25` in the URL) is kept, not a 500.
export const DELETE = handle(async (request: NextRequest, { params }: { params: Promise<{ registry: string }> }) => {
  const registry = parseRegistryName(safeDecode((await params).registry));
  const { session } = await identify(request);
  const response = new NextResponse(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  await saveSession(response, request, { ...session, registries: session.registries.filter((signIn) => signIn.registry !== registry) });
  return response;
});
