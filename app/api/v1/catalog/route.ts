// GET /api/v1/catalog?registry=<host>&n=&last= – one page of a registry's repositories, and where the next starts.
import { NextResponse, type NextRequest } from 'next/server';
import { handle } from '@/lib/api/handler';
import { requireParam } from '@/lib/api/params';
import { listCatalogPage } from '@/lib/browse/catalog';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: NextRequest) => {
  const registry = requireParam(request, 'registry', 'a registry host such as localhost:5000 or ghcr.io');
  const { searchParams } = request.nextUrl;
  const page = await listCatalogPage({ registry, n: searchParams.get('n'), last: searchParams.get('last') });
  return NextResponse.json(page, { headers: { 'cache-control': 'no-store' } });
});
