import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { bareMediaType } from '@/lib/oci/media-types';
import { AppError } from './errors';
import { parseJsonText, readBodyLimits, readBodyText } from './request-body';

/** The query of a GET, checked against its schema (lib/api's `...Query`); a 400 says what to pass. */
export function readQuery<T>(request: NextRequest, schema: z.ZodType<T>): T {
  const values: Record<string, string> = {};
  // The first value of a repeated parameter counts, as URLSearchParams.get reads it.
  for (const [name, value] of request.nextUrl.searchParams) if (!Object.hasOwn(values, name)) values[name] = value;
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'The query is not valid.');
  return parsed.data;
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
