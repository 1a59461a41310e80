// GET /api/v1/inspect?ref=<reference>[&detailsFrom=<n>][&entries=window] – the platforms of an image or list, with every problem found.
import type { NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { readQuery } from '@/lib/api/params';
import { InspectQuery } from '@/lib/api/inspect';
import { identify } from '@/lib/auth/request';
import { inspectImage } from '@/lib/inspect/inspect-image';
import { windowOfInspect } from '@/lib/inspect/inspect-window';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: NextRequest) => {
  const { ref, detailsFrom, entries } = readQuery(request, InspectQuery);
  const result = await inspectImage(ref, { detailsFrom, clientFor: (await identify(request)).access.clientFor });
  return jsonResponse(entries === 'window' ? windowOfInspect(result) : result, { headers: { 'cache-control': 'no-store' } });
});
