// POST /api/v1/revert – point a tag back to a digest from its audit log (409 if the tag moved since `base`).
import { NextResponse, type NextRequest } from 'next/server';
import { handle } from '@/lib/api/handler';
import { readJsonBody } from '@/lib/api/params';
import { RevertRequest } from '@/lib/api/push';
import { resolveUser } from '@/lib/audit/user';
import { revertTagInRegistry } from '@/lib/push/revert';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = handle(async (request: NextRequest) => {
  const body = await readJsonBody(request, RevertRequest);
  const result = await revertTagInRegistry(body, { user: resolveUser(request.headers) });
  return NextResponse.json(result, { headers: { 'cache-control': 'no-store' } });
});
