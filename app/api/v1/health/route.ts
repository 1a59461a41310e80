// GET /api/v1/health – 200 when this replica can serve (its audit store answers), 503 with the failing check; no registry is asked.
import type { NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { checkHealth } from '@/lib/server/health';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handle(async (_request: NextRequest) => {
  const health = await checkHealth();
  return jsonResponse(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});
