import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { kindOfStatus, RegistryError, type RegistryErrorKind } from '@/lib/registry/errors';
import { toAppError } from './error-mapping';
import { AppError } from './errors';

function error(kind: RegistryErrorKind, status?: number, codes: string[] = []): RegistryError {
  return new RegistryError({ message: 'm', registry: 'r', operation: 'o', kind, status, codes });
}

describe('toAppError for registry failures', () => {
  it('maps registry statuses to the API codes', () => {
    const cases: Array<[number, string[], string]> = [
      [400, ['NAME_INVALID'], 'INVALID_REFERENCE'],
      [400, ['MANIFEST_INVALID'], 'BAD_REQUEST'],
      [401, ['UNAUTHORIZED'], 'UNAUTHORIZED'],
      [403, ['DENIED'], 'DENIED'],
      [404, ['MANIFEST_UNKNOWN'], 'NOT_FOUND'],
      [405, ['UNSUPPORTED'], 'DENIED'],
      [413, [], 'BAD_REQUEST'],
      [429, ['TOOMANYREQUESTS'], 'TOO_MANY_REQUESTS'],
      [500, [], 'REGISTRY_ERROR'],
      [503, [], 'UNAVAILABLE'],
    ];
    for (const [status, codes, expected] of cases) expect(toAppError(error(kindOfStatus(status, codes), status, codes)).code).toBe(expected);
  });

  it('maps what no status explains by kind', () => {
    expect(toAppError(error('timeout')).status).toBe(504);
    expect(toAppError(error('network')).code).toBe('REGISTRY_ERROR');
    expect(toAppError(error('digest-mismatch', 200)).code).toBe('REGISTRY_ERROR');
    expect(toAppError(error('invalid-response', 200)).code).toBe('REGISTRY_ERROR');
    expect(toAppError(error('usage')).code).toBe('BAD_REQUEST');
    expect(toAppError(error('forbidden', 401)).code).toBe('DENIED');
    expect(toAppError(error('unauthorized', 401)).code).toBe('UNAUTHORIZED');
    expect(toAppError(error('credentials')).code).toBe('INTERNAL');
    expect(toAppError(error('policy'))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  it('recognises a RegistryError thrown by another bundled copy of the class (Next bundles per layer)', () => {
    const copy = Object.assign(new Error('r: GET manifest failed with 404'), { name: 'RegistryError', kind: 'not-found', registry: 'r', operation: 'o', status: 404, codes: [] });
    expect(copy).not.toBeInstanceOf(RegistryError);
    expect(toAppError(copy)).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('carries the registry, status, codes and retry hint as details', () => {
    expect(toAppError(error('not-found', 404, ['NAME_UNKNOWN'])).details).toEqual({ registry: 'r', operation: 'o', status: 404, registryCodes: ['NAME_UNKNOWN'] });
    const limited = new RegistryError({ message: 'm', registry: 'r', operation: 'o', kind: 'rate-limited', status: 429, retryAfterSeconds: 7 });
    expect(toAppError(limited).details).toMatchObject({ retryAfterSeconds: 7 });
  });
});

describe('toAppError for everything else', () => {
  it('keeps an AppError, and turns bad input into a 400 that names the field', () => {
    const own = new AppError('CONFLICT', 'moved');
    expect(toAppError(own)).toBe(own);
    const zod = z.object({ ref: z.string() }).safeParse({ ref: 1 });
    expect(toAppError(zod.error)).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^ref: /) });
    expect(toAppError(new SyntaxError('Unexpected end'))).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('recognises an AppError thrown by another bundled copy of the class (proxy.ts is bundled apart from the pages)', () => {
    const copy = Object.assign(new Error('Repository names must be lower-case'), { name: 'AppError', code: 'INVALID_REFERENCE', details: { x: 1 } });
    expect(copy).not.toBeInstanceOf(AppError);
    expect(toAppError(copy)).toMatchObject({ code: 'INVALID_REFERENCE', status: 400, message: 'Repository names must be lower-case', details: { x: 1 } });
    const impostor = Object.assign(new Error('no'), { name: 'AppError', code: 'NOT_A_CODE' });
    expect(toAppError(impostor)).toMatchObject({ code: 'INTERNAL' });
  });
});
