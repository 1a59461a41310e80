// GET /api/v1/referrers?ref=<registry/repository@digest>[&artifactType=] – signatures, SBOMs and attestations of a manifest.
import type { NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { readQuery } from '@/lib/api/params';
import { ReferrersQuery } from '@/lib/api/referrers';
import { identify } from '@/lib/auth/request';
import { listImageReferrers } from '@/lib/inspect/referrers';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: NextRequest) => {
  const { ref, artifactType } = readQuery(request, ReferrersQuery);
  // Referrers are added after the fact (a signature pushed later), so the answer is not cached by the browser.
  return jsonResponse(await listImageReferrers(ref, artifactType, (await identify(request)).access.clientFor), { headers: { 'cache-control': 'no-store' } });
});
