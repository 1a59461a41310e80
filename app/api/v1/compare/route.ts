// GET /api/v1/compare?a=<reference>&b=<reference> – two lists side by side, platforms matched by identity.
import { NextResponse, type NextRequest } from 'next/server';
import { handle } from '@/lib/api/handler';
import { requireParam } from '@/lib/api/params';
import { compareReferences } from '@/lib/inspect/compare';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: NextRequest) => {
  const a = requireParam(request, 'a', 'the first image reference, e.g. localhost:5000/app:1.0');
  const b = requireParam(request, 'b', 'the second image reference, e.g. localhost:5000/app:1.1');
  return NextResponse.json(await compareReferences(a, b), { headers: { 'cache-control': 'no-store' } });
});
