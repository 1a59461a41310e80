import { describe, expect, it } from 'vitest';
import { readAuthSettings } from './settings';

describe('readAuthSettings', () => {
  it('starts with nothing set: no sign-in, shared credentials for reading', () => {
    const settings = readAuthSettings({});
    expect(settings).toMatchObject({ oidc: null, sharedCredentials: 'read', trustedProxies: [], signInAttemptsPerMinute: 10, sessionTtlSeconds: 12 * 3600 });
  });

  it('reads OIDC, writers and proxies', () => {
    const settings = readAuthSettings({
      ARCHWAY_OIDC_ISSUER: 'https://login.example.com/realms/team',
      ARCHWAY_OIDC_CLIENT_ID: 'archway',
      ARCHWAY_WRITERS: 'Lead@Example.com, group:release',
      ARCHWAY_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.1',
      ARCHWAY_SHARED_CREDENTIALS: 'WRITE',
    });
    expect(settings.oidc).toEqual({ issuer: 'https://login.example.com/realms/team', clientId: 'archway', clientSecret: undefined, groupsClaim: 'groups' });
    expect([...settings.writers.emails]).toEqual(['lead@example.com']);
    expect([...settings.writers.groups]).toEqual(['release']);
    expect(settings.trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.1']);
    expect(settings.sharedCredentials).toBe('write');
  });

  it('names the setting that cannot work', () => {
    expect(() => readAuthSettings({ ARCHWAY_SESSION_SECRET: 'short' })).toThrow(/ARCHWAY_SESSION_SECRET must be at least 32/);
    expect(() => readAuthSettings({ ARCHWAY_OIDC_ISSUER: 'https://login.example.com' })).toThrow(/ARCHWAY_OIDC_CLIENT_ID/);
    expect(() => readAuthSettings({ ARCHWAY_SHARED_CREDENTIALS: 'sometimes' })).toThrow(/read, write or off/);
    expect(() => readAuthSettings({ ARCHWAY_SIGNIN_ATTEMPTS_PER_MINUTE: '0' })).toThrow(/ARCHWAY_SIGNIN_ATTEMPTS_PER_MINUTE/);
    // The one reader of ARCHWAY_PUBLIC_URL (lib/server/public-url.ts), as the Host check and share links read it.
    expect(() => readAuthSettings({ ARCHWAY_PUBLIC_URL: 'archway.example.com' })).toThrow(/ARCHWAY_PUBLIC_URL must be an absolute URL/);
    expect(() => readAuthSettings({ ARCHWAY_PUBLIC_URL: 'https://archway.example.com/?next=x' })).toThrow(/ARCHWAY_PUBLIC_URL/);
  });

  it('reads the public URL as the Host check does', () => {
    expect(readAuthSettings({ ARCHWAY_PUBLIC_URL: ' https://Archway.example.com ' }).publicUrl?.origin).toBe('https://archway.example.com');
    expect(readAuthSettings({}).publicUrl).toBeNull();
  });
});
