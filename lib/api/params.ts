import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { bareMediaType } from '@/lib/oci/media-types';
import { AppError } from './errors';
import { parseJsonText, readBodyLimits, readBodyText } from './request-body';

/** A required query parameter, or a 400 that says what to pass. */
export function requireParam(request: NextRequest, name: string, what: string): string {
  const value = request.nextUrl.searchParams.get(name)?.trim();
  if (!value) throw new AppError('BAD_REQUEST', `Missing ?${name}=: pass ${what}.`);
  return value;
}

/** An optional whole number ≥ 0 in the query (0 when absent), or a 400 that says what it is for. */
export function optionalCount(request: NextRequest, name: string, what: string): number {
  const value = request.nextUrl.searchParams.get(name)?.trim();
  if (!value) return 0;
  if (!/^\d{1,9}$/.test(value)) throw new AppError('BAD_REQUEST', `?${name}= takes a whole number: ${what} (got "${value}").`);
  return Number(value);
}

/**
 * The JSON body of a POST, checked against its contract. Only `Content-Type: application/json` is read: another
 * site can make a browser send a form or text/plain body without asking (no CORS preflight), never JSON, so this
 * keeps pages elsewhere from pushing with the server's credentials. The body is read within ARCHWAY_MAX_BODY_BYTES
 * (413 beyond) and its nesting checked before parsing (400), see request-body.ts.
 */
export async function readJsonBody<T>(request: NextRequest, schema: z.ZodType<T>): Promise<T> {
  const contentType = bareMediaType(request.headers.get('content-type'));
  if (contentType !== 'application/json') {
    throw new AppError('BAD_REQUEST', `Send the body as JSON with Content-Type: application/json (got ${contentType || 'none'}).`);
  }
  const limits = readBodyLimits();
  return schema.parse(parseJsonText(await readBodyText(request, limits.maxBodyBytes), limits.maxJsonDepth));
}
