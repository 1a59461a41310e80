// Any /api path no route answers, with any method: the API's JSON error (404 NOT_FOUND) rather than Next's HTML 404.
import { AppError } from '@/lib/api/errors';
import { handle } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

async function noSuchRoute(request: Request): Promise<Response> {
  throw new AppError('NOT_FOUND', `No API route answers ${request.method} ${new URL(request.url).pathname}: the README's HTTP API section lists them.`);
}

export const GET = handle(noSuchRoute);
export const HEAD = handle(noSuchRoute);
export const POST = handle(noSuchRoute);
export const PUT = handle(noSuchRoute);
export const PATCH = handle(noSuchRoute);
export const DELETE = handle(noSuchRoute);
