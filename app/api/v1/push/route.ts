// POST /api/v1/push – push a desired manifest list to a tag (children first, 409 on a moved tag), or plan it with dryRun.
import type { NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { readJsonBody } from '@/lib/api/params';
import { PushRequest } from '@/lib/api/push';
import { clientsForWrite } from '@/lib/auth/access';
import { auditName } from '@/lib/auth/identity';
import { identify } from '@/lib/auth/request';
import { planRegistryPush } from '@/lib/push/plan-registry-push';
import { parseTarget } from '@/lib/push/target-tag';
import { commitPush, describePlan } from '@/lib/push/service';
import { stepStreamResponse, wantsStepStream } from '@/lib/push/stream';

export const dynamic = 'force-dynamic';
// better-sqlite3 (the audit log) is a native module.
export const runtime = 'nodejs';

const NO_STORE = { 'cache-control': 'no-store' };

export const POST = handle(async (request: NextRequest) => {
  const body = await readJsonBody(request, PushRequest);
  const { person, access } = await identify(request);
  // Planning writes nothing, so its refusals (409, 422, bad sources) come back as plain HTTP errors.
  if (body.dryRun) return jsonResponse(describePlan(await planRegistryPush(body, { clientFor: access.clientFor })), { headers: NO_STORE });
  // Who may write is decided before anything is read for the push, let alone written.
  const { clientFor, registryUser } = await clientsForWrite(access, parseTarget(body.target).registry);
  const plan = await planRegistryPush(body, { clientFor });
  const options = { user: auditName(person), registryUser, clientFor };
  if (wantsStepStream(request)) return stepStreamResponse((onStep) => commitPush(plan, { ...options, onStep }));
  return jsonResponse(await commitPush(plan, options), { headers: NO_STORE });
});
