// POST /api/v1/revert – point a tag back to a digest from its audit log (409 if the tag moved since `base`).
import type { NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { readJsonBody } from '@/lib/api/params';
import { RevertRequest } from '@/lib/api/push';
import { clientsForWrite } from '@/lib/auth/access';
import { auditName } from '@/lib/auth/identity';
import { identify } from '@/lib/auth/request';
import { revertTagInRegistry } from '@/lib/push/revert';
import { parseTarget } from '@/lib/push/target-tag';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = handle(async (request: NextRequest) => {
  const body = await readJsonBody(request, RevertRequest);
  const { person, access } = await identify(request);
  const { clientFor, registryUser } = await clientsForWrite(access, parseTarget(body.ref).registry);
  const result = await revertTagInRegistry(body, { user: auditName(person), registryUser, clientFor });
  return jsonResponse(result, { headers: { 'cache-control': 'no-store' } });
});
