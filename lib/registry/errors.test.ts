import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorFromResponse, kindOfStatus, parseErrorBody, parseRetryAfter, RegistryError, type RegistryErrorKind } from './errors';

describe('RegistryError', () => {
  it('classifies an error answer by status and the registry\'s codes', () => {
    const cases: Array<[number, string[], RegistryErrorKind]> = [
      [400, ['NAME_INVALID'], 'invalid-name'],
      [400, ['TAG_INVALID'], 'invalid-name'],
      [400, ['MANIFEST_INVALID'], 'bad-request'],
      [401, ['UNAUTHORIZED'], 'unauthorized'],
      [403, ['DENIED'], 'forbidden'],
      [404, ['MANIFEST_UNKNOWN'], 'not-found'],
      [405, ['UNSUPPORTED'], 'unsupported'],
      [413, [], 'too-large'],
      [429, ['TOOMANYREQUESTS'], 'rate-limited'],
      [500, [], 'server-error'],
      [503, [], 'unavailable'],
      [409, [], 'unexpected-status'],
    ];
    for (const [status, codes, expected] of cases) expect(kindOfStatus(status, codes), `${status} ${codes.join()}`).toBe(expected);
  });

  it('says when trying again may help', () => {
    const error = (kind: RegistryErrorKind) => new RegistryError({ message: 'm', registry: 'r', operation: 'o', kind });
    for (const kind of ['rate-limited', 'unavailable', 'network', 'timeout'] as const) expect(error(kind).isTemporary, kind).toBe(true);
    for (const kind of ['not-found', 'forbidden', 'digest-mismatch', 'usage'] as const) expect(error(kind).isTemporary, kind).toBe(false);
    expect(new RegistryError({ message: 'm', registry: 'r', operation: 'o', kind: 'not-found', status: 404 }).isNotFound).toBe(true);
  });

  it('keeps the registry\'s codes, messages and Retry-After from an error answer', async () => {
    const response = new Response('{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}', { status: 429, headers: { 'retry-after': '30' } });
    const err = await errorFromResponse(response, { registry: 'r', operation: 'GET manifest' });
    expect(err).toMatchObject({ kind: 'rate-limited', status: 429, codes: ['TOOMANYREQUESTS'], messages: ['slow down'], retryAfterSeconds: 30 });
    expect(err.message).toBe('r: GET manifest failed with 429: TOOMANYREQUESTS: slow down (retry after 30 s)');
  });
});

describe('parsing registry answers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads codes and messages from the errors body, and never repeats anything else', () => {
    expect(parseErrorBody('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{}}]}')).toEqual({
      codes: ['MANIFEST_UNKNOWN'],
      messages: ['manifest unknown'],
    });
    expect(parseErrorBody('<html>\n  <b>Bad   Gateway</b></html>')).toEqual({ codes: [], messages: [] });
    expect(parseErrorBody('internal-admin: db password is hunter2')).toEqual({ codes: [], messages: [] });
    expect(parseErrorBody('')).toEqual({ codes: [], messages: [] });
  });

  it('cleans what it repeats: codes that are codes, messages on one line and cut short, a few of them', () => {
    const errors = [
      { code: 'DENIED', message: 'line one\r\nline two\u0007' },
      { code: '<script>alert(1)</script>', message: 'x'.repeat(5000) },
      { code: 'DENIED', message: 'third' },
      { code: 'UNKNOWN', message: 'fourth' },
    ];
    const parsed = parseErrorBody(JSON.stringify({ errors }));
    expect(parsed.codes).toEqual(['DENIED', 'UNKNOWN']);
    expect(parsed.messages).toHaveLength(3);
    expect(parsed.messages[0]).toBe('line one line two');
    expect(parsed.messages[1]!.length).toBeLessThanOrEqual(201);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    // Only a sane number of seconds is passed on.
    expect(parseRetryAfter('-5')).toBeUndefined();
    expect(parseRetryAfter('1e400')).toBeUndefined();
    expect(parseRetryAfter('99999999')).toBe(3600);
    expect(parseRetryAfter('1.2')).toBe(2);
    expect(parseRetryAfter('12, 13')).toBeUndefined();
    // A fixed clock: the answer must not depend on how long the machine took between the two lines.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-01T12:00:00.500Z') });
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:01:00 GMT')).toBe(60);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT')).toBe(0);
  });
});
