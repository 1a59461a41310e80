import { describe, expect, it } from 'vitest';
import { EgressRefused, guardedLookup, isNeverReached, isRegistryAllowed, type LookupFunction } from './egress-policy';
import { parseHostPatterns } from './host-patterns';

describe('isNeverReached', () => {
  it('refuses link-local and cloud metadata addresses in every spelling', () => {
    for (const address of ['169.254.169.254', '169.254.0.1', 'fe80::1', '[fe80::1]', 'fe80::1%eth0', 'fd00:ec2::254', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe']) {
      expect(isNeverReached(address), address).toBe(true);
    }
  });

  it('lets ordinary addresses and names through (names are checked once resolved)', () => {
    for (const address of ['127.0.0.1', '10.0.0.5', '::1', 'fd00:ec2::253', '169.255.0.1', 'metadata.google.internal']) {
      expect(isNeverReached(address), address).toBe(false);
    }
  });
});

describe('guardedLookup', () => {
  const fakeDns: LookupFunction = (hostname, options, callback) => {
    const answers: Record<string, string[]> = { 'registry.test': ['127.0.0.1'], 'rebound.test': ['127.0.0.1', '169.254.169.254'] };
    const addresses = answers[hostname] ?? [];
    if (options.all) callback(null, addresses.map((address) => ({ address, family: 4 })));
    else callback(null, addresses[0]!, 4);
  };
  const resolve = (hostname: string, all: boolean) =>
    new Promise<unknown>((ok, fail) => guardedLookup(fakeDns)(hostname, { all }, (err, address) => (err ? fail(err) : ok(address))));

  it('passes answers through when none is refused', async () => {
    expect(await resolve('registry.test', false)).toBe('127.0.0.1');
    expect(await resolve('registry.test', true)).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('fails a name with any refused address among its answers, naming both', async () => {
    const err = await resolve('rebound.test', true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressRefused);
    expect((err as Error).message).toMatch(/rebound\.test resolves to 169\.254\.169\.254/);
  });
});

describe('isRegistryAllowed', () => {
  it('allows everything while ARCHWAY_ALLOWED_REGISTRIES is unset', () => {
    expect(isRegistryAllowed('anything.example:5000', null)).toBe(true);
  });

  it('allows only the listed registries, Docker Hub by any of its names', () => {
    const allowed = parseHostPatterns('*.corp.example,docker.io,127.0.0.1:5000', 'TEST');
    expect(isRegistryAllowed('reg.corp.example', allowed)).toBe(true);
    expect(isRegistryAllowed('index.docker.io', allowed)).toBe(true);
    expect(isRegistryAllowed('docker.io', allowed)).toBe(true);
    expect(isRegistryAllowed('127.0.0.1:5000', allowed)).toBe(true);
    expect(isRegistryAllowed('127.0.0.1:5001', allowed)).toBe(false);
    expect(isRegistryAllowed('ghcr.io', allowed)).toBe(false);
  });
});
