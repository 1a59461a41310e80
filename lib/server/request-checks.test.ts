import { describe, expect, it } from 'vitest';
import { refusalFor, type IncomingRequest } from './request-checks';

const PUBLIC = new URL('https://archway.example.com');

function request(overrides: Partial<IncomingRequest>): IncomingRequest {
  return { method: 'GET', pathname: '/', host: 'archway.example.com', origin: null, secFetchSite: null, ...overrides };
}

describe('refusalFor', () => {
  it('lets any host through while no public URL is set', () => {
    expect(refusalFor(request({ host: 'rebound.attacker.example' }), null)).toBeNull();
  });

  it('refuses every host but the public URL’s once it is set (DNS rebinding)', () => {
    expect(refusalFor(request({}), PUBLIC)).toBeNull();
    expect(refusalFor(request({ host: 'ARCHWAY.example.com:443' }), PUBLIC)).toBeNull();
    expect(refusalFor(request({ host: 'rebound.attacker.example' }), PUBLIC)?.reason).toMatch(/only as archway\.example\.com.*rebound\.attacker\.example/);
    expect(refusalFor(request({ host: 'archway.example.com:8443' }), PUBLIC)).not.toBeNull();
    expect(refusalFor(request({ host: null }), PUBLIC)).not.toBeNull();
    expect(refusalFor(request({ host: '10.0.0.5:3000', pathname: '/api/v1/inspect' }), PUBLIC)).not.toBeNull();
  });

  it('answers health probes on any host', () => {
    expect(refusalFor(request({ host: '10.0.0.5:3000', pathname: '/api/v1/health' }), PUBLIC)).toBeNull();
  });

  it('refuses cross-site writes by Sec-Fetch-Site or Origin, with or without a public URL', () => {
    for (const publicUrl of [PUBLIC, null]) {
      const post = (extra: Partial<IncomingRequest>) => refusalFor(request({ method: 'POST', pathname: '/api/v1/push', ...extra }), publicUrl);
      expect(post({ secFetchSite: 'cross-site' })).not.toBeNull();
      expect(post({ origin: 'https://evil.example' })).not.toBeNull();
      expect(post({ origin: 'null' })).not.toBeNull();
      expect(post({ origin: 'https://archway.example.com.evil.example' })).not.toBeNull();
      expect(post({ origin: 'https://archway.example.com', secFetchSite: 'same-origin' })).toBeNull();
      // curl and scripts send neither header.
      expect(post({})).toBeNull();
    }
    expect(refusalFor(request({ method: 'DELETE', origin: 'https://evil.example' }), null)).not.toBeNull();
  });

  it('compares Origin with the public URL’s scheme too when it is set', () => {
    expect(refusalFor(request({ method: 'POST', origin: 'http://archway.example.com' }), PUBLIC)).not.toBeNull();
    // Without one, the scheme is unknown behind a TLS proxy: the host decides.
    expect(refusalFor(request({ method: 'POST', origin: 'http://archway.example.com' }), null)).toBeNull();
  });

  it('lets cross-site reads through: links to Archway from a wiki must open', () => {
    expect(refusalFor(request({ secFetchSite: 'cross-site', origin: 'https://wiki.example' }), PUBLIC)).toBeNull();
  });
});
