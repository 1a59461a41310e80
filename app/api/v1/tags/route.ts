// GET /api/v1/tags?repository=<registry/repository> – every tag of a repository, sorted.
import type { NextRequest } from 'next/server';
import { handle, jsonResponse } from '@/lib/api/handler';
import { readQuery } from '@/lib/api/params';
import { TagsQuery } from '@/lib/api/tags';
import { identify } from '@/lib/auth/request';
import { listRepositoryTags } from '@/lib/inspect/tags';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: NextRequest) => {
  const { repository } = readQuery(request, TagsQuery);
  return jsonResponse(await listRepositoryTags(repository, (await identify(request)).access.clientFor), { headers: { 'cache-control': 'no-store' } });
});
