// GET /api/v1/compare?a=<reference>&b=<reference> – two lists side by side, platforms matched by identity.
import type { NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { CompareQuery } from '@/lib/api/compare';
import { readQuery } from '@/lib/api/params';
import { identify } from '@/lib/auth/request';
import { compareReferences } from '@/lib/inspect/compare';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: NextRequest) => {
  const { a, b } = readQuery(request, CompareQuery);
  return jsonResponse(await compareReferences(a, b, (await identify(request)).access.clientFor), { headers: { 'cache-control': 'no-store' } });
});
