// POST /api/v1/summaries {references} – digest, kind, platform and problem counts for a batch of tags.
import type { NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { readJsonBody } from '@/lib/api/params';
import { SummariesRequest } from '@/lib/api/summaries';
import { identify } from '@/lib/auth/request';
import { summarizeReferences } from '@/lib/browse/summaries';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: NextRequest) => {
  const { references } = await readJsonBody(request, SummariesRequest);
  return jsonResponse({ summaries: await summarizeReferences(references, (await identify(request)).access.clientFor) }, { headers: { 'cache-control': 'no-store' } });
});
