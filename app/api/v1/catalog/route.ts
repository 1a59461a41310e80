// GET /api/v1/catalog?registry=<host>&n=&last= – one page of a registry's repositories, and where the next starts.
import type { NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { CatalogQuery } from '@/lib/api/catalog';
import { readQuery } from '@/lib/api/params';
import { identify } from '@/lib/auth/request';
import { listCatalogPage } from '@/lib/browse/catalog';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: NextRequest) => {
  const { registry, n, last } = readQuery(request, CatalogQuery);
  const page = await listCatalogPage({ registry, n: n ?? null, last: last ?? null }, (await identify(request)).access.clientFor);
  return jsonResponse(page, { headers: { 'cache-control': 'no-store' } });
});
