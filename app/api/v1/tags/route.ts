// GET /api/v1/tags?repository=<registry/repository> – every tag of a repository, sorted.
import { NextResponse, type NextRequest } from 'next/server';
import { handle } from '@/lib/api/handler';
import { requireParam } from '@/lib/api/params';
import { listRepositoryTags } from '@/lib/inspect/tags';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: NextRequest) => {
  const repository = requireParam(request, 'repository', 'a repository such as localhost:5000/app or golang');
  return NextResponse.json(await listRepositoryTags(repository), { headers: { 'cache-control': 'no-store' } });
});
