// GET /api/v1/history?ref=<tag reference> – the pushes Archway recorded for a tag, newest first.
import type { NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { readQuery } from '@/lib/api/params';
import { HistoryQuery, type HistoryResponse } from '@/lib/api/push';
import { readHistory } from '@/lib/push/history';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handle(async (request: NextRequest) => {
  const { ref } = readQuery(request, HistoryQuery);
  const body: HistoryResponse = { entries: await readHistory(ref) };
  return jsonResponse(body, { headers: { 'cache-control': 'no-store' } });
});
