// POST /api/v1/push – push a desired manifest list to a tag (children first, 409 on a moved tag), or plan it with dryRun.
import { NextResponse, type NextRequest } from 'next/server';
import { handle } from '@/lib/api/handler';
import { readJsonBody } from '@/lib/api/params';
import { PushRequest } from '@/lib/api/push';
import { resolveUser } from '@/lib/audit/user';
import { planRegistryPush } from '@/lib/push/plan-registry-push';
import { commitPush, describePlan } from '@/lib/push/service';
import { stepStreamResponse, wantsStepStream } from '@/lib/push/stream';

export const dynamic = 'force-dynamic';
// better-sqlite3 (the audit log) is a native module.
export const runtime = 'nodejs';

const NO_STORE = { 'cache-control': 'no-store' };

export const POST = handle(async (request: NextRequest) => {
  const body = await readJsonBody(request, PushRequest);
  const user = resolveUser(request.headers);
  // Planning writes nothing, so its refusals (409, 422, bad sources) come back as plain HTTP errors.
  const plan = await planRegistryPush(body);
  if (body.dryRun) return NextResponse.json(describePlan(plan), { headers: NO_STORE });
  if (wantsStepStream(request)) return stepStreamResponse((onStep) => commitPush(plan, { user, onStep }));
  return NextResponse.json(await commitPush(plan, { user }), { headers: NO_STORE });
});
