import { describe, expect, it } from 'vitest';
import { parseHostPatterns } from './host-patterns';
import { checkRealmUrl, credentialRefusal, type RealmContext } from './token-realm';

function context(registry: string, overrides: Partial<RealmContext> = {}): RealmContext {
  return { registry, insecureRegistries: [], insecure: false, trustedRealms: [], ...overrides };
}

function mayGetCredentials(realm: string, ctx: RealmContext): boolean {
  const checked = checkRealmUrl(realm, ctx);
  return 'url' in checked && credentialRefusal(checked.url, ctx) === null;
}

describe('token realms', () => {
  it('trusts the registry’s own host and its registrable domain', () => {
    expect(mayGetCredentials('https://ghcr.io/token', context('ghcr.io'))).toBe(true);
    expect(mayGetCredentials('https://gitlab.com/jwt/auth', context('registry.gitlab.com'))).toBe(true);
    expect(mayGetCredentials('https://auth.example.com:8443/token', context('registry.example.com:5000'))).toBe(true);
  });

  it('trusts auth.docker.io for Docker Hub only', () => {
    expect(mayGetCredentials('https://auth.docker.io/token', context('docker.io'))).toBe(true);
    expect(mayGetCredentials('https://auth.docker.io/token', context('registry.example.com'))).toBe(false);
  });

  it('refuses credentials to another domain unless listed in ARCHWAY_TRUSTED_TOKEN_REALMS', () => {
    expect(mayGetCredentials('https://tokens.evil.test/token', context('registry.example.com'))).toBe(false);
    const trusted = parseHostPatterns('sso.redhat.com', 'ARCHWAY_TRUSTED_TOKEN_REALMS');
    expect(mayGetCredentials('https://sso.redhat.com/auth', context('registry.redhat.io', { trustedRealms: trusted }))).toBe(true);
    const refusal = credentialRefusal(new URL('https://tokens.evil.test/token'), context('registry.example.com'));
    expect(refusal).toMatch(/ARCHWAY_TRUSTED_TOKEN_REALMS/);
  });

  it('asks a realm over plain HTTP only on loopback, a listed insecure host, or an insecure registry’s own host', () => {
    expect('url' in checkRealmUrl('http://127.0.0.1:5001/token', context('127.0.0.1:5000'))).toBe(true);
    expect('refusal' in checkRealmUrl('http://auth.example.com/token', context('registry.example.com'))).toBe(true);
    expect('refusal' in checkRealmUrl('http://169.254.169.254/latest/meta-data', context('registry.example.com'))).toBe(true);
    expect('url' in checkRealmUrl('http://auth.internal/token', context('registry.internal', { insecureRegistries: ['auth.internal'] }))).toBe(true);
    expect('url' in checkRealmUrl('http://registry.internal/token', context('registry.internal', { insecure: true }))).toBe(true);
    expect('refusal' in checkRealmUrl('http://other.internal/token', context('registry.internal', { insecure: true }))).toBe(true);
    expect('refusal' in checkRealmUrl('not a url', context('registry.internal'))).toBe(true);
  });
});
