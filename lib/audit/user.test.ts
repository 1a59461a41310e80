import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveUser } from './user';

// Each test starts without ARCHWAY_USER_HEADER, whatever the shell running the suite has set.
beforeEach(() => {
  vi.stubEnv('ARCHWAY_USER_HEADER', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('resolveUser', () => {
  it('trusts the proxy header named by ARCHWAY_USER_HEADER over the cookie', () => {
    vi.stubEnv('ARCHWAY_USER_HEADER', 'X-Forwarded-User');
    const headers = new Headers({ 'x-forwarded-user': 'alice', cookie: 'archway-user=mallory' });
    expect(resolveUser(headers)).toBe('alice');
  });

  it('ignores the header when no header is configured', () => {
    const headers = new Headers({ 'x-forwarded-user': 'alice', cookie: 'theme=dark; archway-user=Bob%20B' });
    expect(resolveUser(headers)).toBe('Bob B');
  });

  it('falls back to the cookie, then anonymous', () => {
    vi.stubEnv('ARCHWAY_USER_HEADER', 'x-forwarded-user');
    expect(resolveUser(new Headers({ cookie: 'archway-user=carol' }))).toBe('carol');
    expect(resolveUser(new Headers({ cookie: 'archway-user=' }))).toBe('anonymous');
    expect(resolveUser(new Headers())).toBe('anonymous');
  });

  it('strips control characters and bounds the length', () => {
    expect(resolveUser(new Headers({ cookie: 'archway-user=a%0Ab' }))).toBe('ab');
    expect(resolveUser(new Headers({ cookie: `archway-user=${'x'.repeat(500)}` }))).toHaveLength(200);
  });
});
