import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { bareMediaType } from '@/lib/oci/media-types';
import { AppError } from './errors';

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
 * (413 beyond) and its nesting checked before parsing (400), below.
 */
export async function readJsonBody<T>(request: NextRequest, schema: z.ZodType<T>): Promise<T> {
  const contentType = bareMediaType(request.headers.get('content-type'));
  if (contentType !== 'application/json') {
    throw new AppError('BAD_REQUEST', `Send the body as JSON with Content-Type: application/json (got ${contentType || 'none'}).`);
  }
  const limits = readBodyLimits();
  return schema.parse(parseJsonText(await readBodyText(request, limits.maxBodyBytes), limits.maxJsonDepth));
}

/*
 * Request bodies are read against a byte budget while they stream, so a client sending hundreds of megabytes costs
 * at most the budget: a declared Content-Length over it is refused before a byte is read, and an undeclared
 * (chunked) body is cut off as soon as it passes it. JSON is checked for nesting before it is parsed, because
 * JSON.parse and the schema walk recurse: 200,000 nested brackets must be a 400, not a stack overflow.
 *   ARCHWAY_MAX_BODY_BYTES   largest request body, default 1 MiB
 *   ARCHWAY_MAX_JSON_DEPTH   deepest nesting of arrays and objects in a JSON body, default 32
 */

export type BodyLimits = { maxBodyBytes: number; maxJsonDepth: number };

const DEFAULT_LIMITS: BodyLimits = { maxBodyBytes: 1024 * 1024, maxJsonDepth: 32 };

function positiveSetting(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`Invalid ${name}: expected a positive whole number, got "${raw}".`);
  return value;
}

/** The body limits from the environment (read per request, so tests and operators can change them). */
export function readBodyLimits(env: Record<string, string | undefined> = process.env): BodyLimits {
  return {
    maxBodyBytes: positiveSetting(env, 'ARCHWAY_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
    maxJsonDepth: positiveSetting(env, 'ARCHWAY_MAX_JSON_DEPTH', DEFAULT_LIMITS.maxJsonDepth),
  };
}

function tooLarge(maxBodyBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The request body is larger than the ${maxBodyBytes} bytes Archway accepts (ARCHWAY_MAX_BODY_BYTES); send a smaller list.`,
    { maxBytes: maxBodyBytes },
  );
}

/** The body as text, read chunk by chunk and abandoned as soon as it passes `maxBodyBytes` (413). */
export async function readBodyText(request: Request, maxBodyBytes: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBodyBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBodyBytes);
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBodyBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** The deepest nesting of arrays and objects in a JSON text (brackets inside strings do not count). */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // backslash: the next character is escaped
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return deepest;
}

/** Parses a JSON body after checking its nesting; bad JSON and deep nesting are 400s that say what to fix. */
export function parseJsonText(text: string, maxJsonDepth: number): unknown {
  if (jsonDepth(text, maxJsonDepth) > maxJsonDepth) {
    throw new AppError('BAD_REQUEST', `The JSON body is nested deeper than ${maxJsonDepth} levels (ARCHWAY_MAX_JSON_DEPTH); no Archway request needs that.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AppError('BAD_REQUEST', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}
