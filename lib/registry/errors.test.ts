import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseErrorBody, parseRetryAfter, RegistryError, type RegistryErrorKind } from './errors';

function error(kind: RegistryErrorKind, status?: number, codes: string[] = []): RegistryError {
  return new RegistryError({ message: 'm', registry: 'r', operation: 'o', kind, status, codes });
}

describe('RegistryError.toAppError', () => {
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
    for (const [status, codes, expected] of cases) expect(error('http', status, codes).toAppError().code).toBe(expected);
  });

  it('maps what no status explains by kind', () => {
    expect(error('timeout').toAppError().status).toBe(504);
    expect(error('unreachable').toAppError().code).toBe('REGISTRY_ERROR');
    expect(error('digest-mismatch', 200).toAppError().code).toBe('REGISTRY_ERROR');
    expect(error('bad-response', 200).toAppError().code).toBe('REGISTRY_ERROR');
    expect(error('usage').toAppError().code).toBe('BAD_REQUEST');
    expect(error('denied', 401).toAppError().code).toBe('DENIED');
    expect(error('unauthorized', 401).toAppError().code).toBe('UNAUTHORIZED');
  });

  it('carries the registry, status and codes as details', () => {
    expect(error('http', 404, ['NAME_UNKNOWN']).toAppError().details).toEqual({ registry: 'r', operation: 'o', status: 404, registryCodes: ['NAME_UNKNOWN'] });
  });
});

describe('parsing registry answers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads codes and messages from the errors body, and a snippet of anything else', () => {
    expect(parseErrorBody('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{}}]}')).toEqual({
      codes: ['MANIFEST_UNKNOWN'],
      messages: ['manifest unknown'],
    });
    expect(parseErrorBody('<html>\n  <b>Bad   Gateway</b></html>')).toEqual({ codes: [], messages: ['<html> <b>Bad Gateway</b></html>'] });
    expect(parseErrorBody('')).toEqual({ codes: [], messages: [] });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    // A fixed clock: the answer must not depend on how long the machine took between the two lines.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-01T12:00:00.500Z') });
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:01:00 GMT')).toBe(60);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT')).toBe(0);
  });
});
