import 'server-only';
import { NextResponse } from 'next/server';
import { logger } from '@/lib/observability/logger';
import { ensureMetrics, observeHttpRequest } from '@/lib/observability/metrics';
import { requestIdFrom, withRequestContext } from '@/lib/observability/request-context';
import { toAppError } from './error-mapping';

/** JSON error response in the `{ error: { code, message } }` shape. */
export function errorResponse(err: unknown): NextResponse {
  const appError = toAppError(err);
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  // A 429 or 503 says when to come back; pass that on rather than invite an immediate retry.
  const saysWhen = appError.code === 'TOO_MANY_REQUESTS' || appError.code === 'UNAVAILABLE';
  if (saysWhen && appError.retryAfterSeconds !== undefined) headers['retry-after'] = String(appError.retryAfterSeconds);
  return NextResponse.json(appError.toBody(), { status: appError.status, headers });
}

/**
 * Wraps a route handler: every failure becomes a typed JSON error, and every request gets an id (returned as
 * x-request-id), one log line (route, status, duration, registry calls) and its place in the metrics.
 */
export function handle<Args extends [Request, ...unknown[]]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args: Args) => {
    ensureMetrics();
    const [request] = args;
    const context = { requestId: requestIdFrom(request.headers), registryCalls: 0 };
    const started = performance.now();
    const response = await withRequestContext(context, async () => {
      try {
        return await fn(...args);
      } catch (err) {
        return errorResponse(err);
      }
    });
    // API routes have no dynamic segments, so the path is the route and the metric labels stay few.
    const route = new URL(request.url).pathname;
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    response.headers.set('x-request-id', context.requestId);
    observeHttpRequest(route, request.method, response.status, durationMs);
    logger.info(
      { requestId: context.requestId, method: request.method, route, status: response.status, durationMs, registryCalls: context.registryCalls },
      'request',
    );
    return response;
  };
}
