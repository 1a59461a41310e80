import { describe, expect, it } from 'vitest';
import { mayWriteWithShared } from './access';
import type { Person } from './identity';
import { resolvePerson } from './identity';
import { AttemptLimiter } from './rate-limit';
import { parseRegistryName } from './registry-name';
import { readAuthSettings } from './settings';

const person = (email: string | null, groups: string[] = []): Person => ({ name: email ?? 'someone', email, groups, via: 'oidc' });

describe('mayWriteWithShared', () => {
  const read = readAuthSettings({ ARCHWAY_WRITERS: 'lead@example.com,group:release' });
  it('under read, lets only listed emails and groups write', () => {
    expect(mayWriteWithShared(person('lead@example.com'), read)).toBe(true);
    expect(mayWriteWithShared(person('dev@example.com', ['release']), read)).toBe(true);
    expect(mayWriteWithShared(person('dev@example.com', ['dev']), read)).toBe(false);
    expect(mayWriteWithShared(null, read)).toBe(false);
  });
  it('under write lets every verified person write, under off nobody', () => {
    expect(mayWriteWithShared(person(null), readAuthSettings({ ARCHWAY_SHARED_CREDENTIALS: 'write' }))).toBe(true);
    expect(mayWriteWithShared(null, readAuthSettings({ ARCHWAY_SHARED_CREDENTIALS: 'write' }))).toBe(false);
    expect(mayWriteWithShared(person('lead@example.com'), readAuthSettings({ ARCHWAY_SHARED_CREDENTIALS: 'off', ARCHWAY_WRITERS: 'lead@example.com' }))).toBe(false);
  });
});

describe('resolvePerson', () => {
  const registries = [{ registry: 'localhost:5000', username: 'ann', password: 'p' }];
  it('with OIDC, only the signed-in person counts (not a registry sign-in)', () => {
    const settings = readAuthSettings({ ARCHWAY_OIDC_ISSUER: 'https://id.example.com', ARCHWAY_OIDC_CLIENT_ID: 'a' });
    expect(resolvePerson(new Headers(), { registries }, settings)).toBeNull();
    const session = { person: { sub: 's1', email: 'Ann@Example.com', groups: ['dev'] }, registries };
    expect(resolvePerson(new Headers(), session, settings)).toEqual({ name: 'Ann@Example.com', email: 'ann@example.com', groups: ['dev'], via: 'oidc' });
  });
  it('without OIDC, a registry sign-in names the person; a self-given name never does', () => {
    const settings = readAuthSettings({ ARCHWAY_USER_HEADER: 'x-user' });
    expect(resolvePerson(new Headers({ 'x-user': 'mallory', cookie: 'archway-user=mallory' }), { registries: [] }, settings)).toBeNull();
    expect(resolvePerson(new Headers(), { registries }, settings)?.name).toBe('ann@localhost:5000');
  });
});

describe('parseRegistryName', () => {
  it('accepts what people paste, in one spelling', () => {
    expect(parseRegistryName('https://Registry.Example.com/')).toBe('registry.example.com');
    expect(parseRegistryName('localhost:5000')).toBe('localhost:5000');
    expect(parseRegistryName('index.docker.io')).toBe('docker.io');
  });
  it('refuses what is no registry', () => {
    expect(() => parseRegistryName('not a host')).toThrow(/not a registry name/);
    expect(() => parseRegistryName('myhost')).toThrow(/host\[:port\]/);
  });
});

describe('AttemptLimiter', () => {
  it('allows the limit per window and per client, then says when to come back', () => {
    let now = 0;
    const limiter = new AttemptLimiter(() => now);
    expect([1, 2, 3].map(() => limiter.take('a', 2).allowed)).toEqual([true, true, false]);
    expect(limiter.take('b', 2).allowed).toBe(true);
    now = 45_000;
    expect(limiter.take('a', 2)).toEqual({ allowed: false, retryAfterSeconds: 15 });
    now = 60_000;
    expect(limiter.take('a', 2).allowed).toBe(true);
  });
});
