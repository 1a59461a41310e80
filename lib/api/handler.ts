import 'server-only';
import { NextRequest, NextResponse } from 'next/server';
import { gateRequest, isHttpsRequest } from '@/lib/auth/gate';
import { API_CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY } from '@/lib/server/csp';
import { logger } from '@/lib/observability/logger';
import { ensureMetrics, observeHttpRequest } from '@/lib/observability/metrics';
import { requestIdFrom, withRequestContext } from '@/lib/observability/request-context';
import { toAppError } from './error-mapping';

/*
 * Next compresses every answer over 1 KiB, and each gzip stream costs a deflate context of about 256 KiB to set up:
 * for a few kilobytes of JSON that is more CPU and memory than the bytes it saves on the wire (a warm inspect of a
 * 6-entry list is 2.7 KB). Answers under this size go out as they are (`no-transform` is what Next's compression
 * honours); larger ones, a long list's entries, are still compressed.
 */
const COMPRESS_FROM_BYTES = 8 * 1024;

/** A JSON answer, like NextResponse.json, left uncompressed when it is too small for compression to pay. */
export function jsonResponse(body: unknown, init: ResponseInit = {}): NextResponse {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  if (Buffer.byteLength(text) < COMPRESS_FROM_BYTES) {
    const cacheControl = headers.get('cache-control');
    headers.set('cache-control', cacheControl ? `${cacheControl}, no-transform` : 'no-transform');
  }
  return new NextResponse(text, { ...init, headers });
}

/** JSON error response in the `{ error: { code, message } }` shape. */
export function errorResponse(err: unknown): NextResponse {
  const appError = toAppError(err);
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  // A 429 or 503 says when to come back; pass that on rather than invite an immediate retry.
  const saysWhen = appError.code === 'TOO_MANY_REQUESTS' || appError.code === 'UNAVAILABLE';
  if (saysWhen && appError.retryAfterSeconds !== undefined) headers['retry-after'] = String(appError.retryAfterSeconds);
  return jsonResponse(appError.toBody(), { status: appError.status, headers });
}

/**
 * Next hands route handlers a NextRequest (by shape: Next may load its class twice); a plain Request, a test's, is
 * given one for the gate to read, without its body, which the route still reads from the original.
 */
function asNextRequest(request: Request): NextRequest {
  if ('nextUrl' in request && 'cookies' in request) return request as NextRequest;
  return new NextRequest(request.url, { method: request.method, headers: request.headers });
}

/**
 * Wraps a route handler: the request gate first (lib/auth/gate.ts: host, cross-site writes, sign-in), then every
 * failure becomes a typed JSON error, and every request gets an id (returned as x-request-id), the API's security
 * headers, one log line (route, status, duration, registry calls) and its place in the metrics.
 */
export function handle<Args extends [Request, ...unknown[]]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args: Args) => {
    ensureMetrics();
    const [request] = args;
    const context = { requestId: requestIdFrom(request.headers), registryCalls: 0 };
    const started = performance.now();
    const nextRequest = asNextRequest(request);
    const response = await withRequestContext(context, async () => {
      try {
        return (await gateRequest(nextRequest)) ?? (await fn(...args));
      } catch (err) {
        return errorResponse(err);
      }
    });
    // API answers are data, never documents: a policy that allows nothing.
    response.headers.set('content-security-policy', API_CONTENT_SECURITY_POLICY);
    if (isHttpsRequest(nextRequest)) response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
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
