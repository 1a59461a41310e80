// GET /metrics – Prometheus metrics of this replica; requires `Authorization: Bearer $ARCHWAY_METRICS_TOKEN` when that is set.
import { timingSafeEqual } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { renderMetrics } from '@/lib/observability/metrics';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: NextRequest): Promise<Response> {
  const token = process.env.ARCHWAY_METRICS_TOKEN?.trim();
  if (token && !isBearer(request.headers.get('authorization'), token)) {
    return new Response('metrics need Authorization: Bearer <ARCHWAY_METRICS_TOKEN>\n', {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="archway-metrics"', 'content-type': 'text/plain' },
    });
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}

/** Compares in constant time, so the token cannot be guessed byte by byte from response times. */
function isBearer(header: string | null, token: string): boolean {
  const sent = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const wanted = Buffer.from(token);
  return sent.length === wanted.length && timingSafeEqual(sent, wanted);
}
