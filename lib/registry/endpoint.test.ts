import { describe, expect, it } from 'vitest';
import { allowsPlainHttp, isListedInsecure, mayFallBackToHttp } from './endpoint';

describe('hosts and schemes', () => {
  it('matches ARCHWAY_INSECURE_REGISTRIES by host:port, bare hostname or CIDR', () => {
    const list = ['reg.internal:5000', 'bare.internal', '10.0.0.0/8', 'fd00::/8'];
    expect(isListedInsecure('reg.internal:5000', list)).toBe(true);
    expect(isListedInsecure('reg.internal:5001', list)).toBe(false);
    expect(isListedInsecure('bare.internal:8443', list)).toBe(true);
    expect(isListedInsecure('10.20.30.40:5000', list)).toBe(true);
    expect(isListedInsecure('11.0.0.1:5000', list)).toBe(false);
    expect(isListedInsecure('[fd12::1]:5000', list)).toBe(true);
    expect(isListedInsecure('ghcr.io', list)).toBe(false);
  });

  it('allows plain HTTP for loopback, listed hosts and explicit opt-in only', () => {
    expect(allowsPlainHttp('127.0.0.1:5000', { insecureRegistries: [] })).toBe(true);
    expect(allowsPlainHttp('reg.internal:5000', { insecureRegistries: [] })).toBe(false);
    expect(allowsPlainHttp('reg.internal:5000', { insecureRegistries: ['reg.internal:5000'] })).toBe(true);
    expect(allowsPlainHttp('reg.internal:5000', { insecure: true, insecureRegistries: [] })).toBe(true);
  });

  it('falls back to HTTP only when nothing answered TLS', () => {
    const failed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
    expect(mayFallBackToHttp(failed('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe(true);
    expect(mayFallBackToHttp(failed('ECONNREFUSED'))).toBe(true);
    expect(mayFallBackToHttp(failed('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe(false);
    expect(mayFallBackToHttp(failed('CERT_HAS_EXPIRED'))).toBe(false);
    expect(mayFallBackToHttp(new DOMException('timed out', 'TimeoutError'))).toBe(false);
  });
});
