import type { NextRequest } from 'next/server';
import { AppError } from './errors';

/** A required query parameter, or a 400 that says what to pass. */
export function requireParam(request: NextRequest, name: string, what: string): string {
  const value = request.nextUrl.searchParams.get(name)?.trim();
  if (!value) throw new AppError('BAD_REQUEST', `Missing ?${name}=: pass ${what}.`);
  return value;
}
