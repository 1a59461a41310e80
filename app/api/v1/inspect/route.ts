// GET /api/v1/inspect?ref=<reference>[&detailsFrom=<n>] – the platforms of an image or list, with every problem found.
import { NextResponse, type NextRequest } from 'next/server';
import { handle } from '@/lib/api/handler';
import { optionalCount, requireParam } from '@/lib/api/params';
import { inspectImage } from '@/lib/inspect/inspect-image';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: NextRequest) => {
  const ref = requireParam(request, 'ref', 'an image reference such as golang:alpine or localhost:5000/app@sha256:…');
  const detailsFrom = optionalCount(request, 'detailsFrom', 'the position of the first entry whose details to read');
  const result = await inspectImage(ref, { detailsFrom });
  return NextResponse.json(result, { headers: { 'cache-control': 'no-store' } });
});
