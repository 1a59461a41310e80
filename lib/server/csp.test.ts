import { describe, expect, it } from 'vitest';
import { newNonce, pageContentSecurityPolicy } from './csp';

describe('pageContentSecurityPolicy', () => {
  it('allows scripts by nonce only, forbids framing, and has no unsafe-eval in production', () => {
    const policy = pageContentSecurityPolicy({ nonce: 'abc', isDevelopment: false, isHttps: false });
    expect(policy).toContain(`script-src 'self' 'nonce-abc' 'strict-dynamic'`);
    expect(policy).toContain(`frame-ancestors 'none'`);
    expect(policy).toContain(`object-src 'none'`);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('adds unsafe-eval for next dev only, and upgrades subresources over https', () => {
    expect(pageContentSecurityPolicy({ nonce: 'n', isDevelopment: true, isHttps: false })).toContain(`'unsafe-eval'`);
    expect(pageContentSecurityPolicy({ nonce: 'n', isDevelopment: false, isHttps: true })).toContain('upgrade-insecure-requests');
  });
});

describe('newNonce', () => {
  it('is 128 random bits in base64, new each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
