import { describe, expect, it } from 'vitest';
import { allowsPlainHttp, isListedInsecure, mayFallBackToHttp, networkErrorCode } from './endpoint';

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

  it('reads a network error’s code where undici puts it, and never takes a DOMException’s number for one', () => {
    expect(networkErrorCode(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }))).toBe('ECONNREFUSED');
    const both = new AggregateError([new Error('v6'), Object.assign(new Error('v4'), { code: 'ECONNREFUSED' })]);
    expect(networkErrorCode(new TypeError('fetch failed', { cause: both }))).toBe('ECONNREFUSED');
    expect(networkErrorCode(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }))).toBe('UND_ERR_SOCKET');
    expect(networkErrorCode(new DOMException('the caller gave up', 'AbortError'))).toBeUndefined();
    expect(networkErrorCode(new TypeError('fetch failed', { cause: new DOMException('gave up', 'AbortError') }))).toBeUndefined();
  });
});
