import 'server-only';
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { AppError } from './errors';

/** Anything that knows its API form (RegistryError does) is turned into an AppError by the wrapper. */
type ConvertibleError = { toAppError(): AppError };

function isConvertible(value: unknown): value is ConvertibleError {
  return typeof value === 'object' && value !== null && typeof (value as ConvertibleError).toAppError === 'function';
}

/** Maps any thrown value to the API's one error shape. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isConvertible(err)) return err.toAppError();
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
    return new AppError('BAD_REQUEST', `${where}${first?.message ?? 'invalid request'}`, { issues: err.issues });
  }
  if (err instanceof SyntaxError) return new AppError('BAD_REQUEST', `The request body is not valid JSON: ${err.message}`);
  console.error('[archway] unexpected error', err);
  return new AppError('INTERNAL', 'Archway hit an unexpected error; the server log has the details.');
}

/** JSON error response in the `{ error: { code, message } }` shape. */
export function errorResponse(err: unknown): NextResponse {
  const appError = toAppError(err);
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  // A registry's 429 says when to come back; pass that on rather than invite an immediate retry.
  const retryAfter = (appError.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (appError.code === 'TOO_MANY_REQUESTS' && typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
  return NextResponse.json(appError.toBody(), { status: appError.status, headers });
}

/** Wraps a route handler so every failure becomes a typed JSON error. */
export function handle<Args extends unknown[]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args: Args) => {
    try {
      return await fn(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
