import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegistryConfig } from './config';

describe('readRegistryConfig', () => {
  it('has defaults that need no configuration', () => {
    expect(readRegistryConfig({})).toEqual({
      insecureRegistries: [],
      timeoutMs: 15_000,
      maxConcurrency: 64,
      maxTransfers: 8,
      slotWaitMs: 10_000,
      transfer: { timeoutMs: 1_800_000, minBytesPerSecond: 10_240, rateWindowMs: 30_000 },
      retryAfterMaxMs: 2_000,
      list: { maxNames: 100_000, maxBytes: 16 * 1024 * 1024 },
      maxRegistries: 256,
      registryIdleMs: 600_000,
      maxOrigins: 512,
      cacheBytes: 256 * 1024 * 1024,
      dockerConfigDir: path.join(homedir(), '.docker'),
      dockerAuthConfig: undefined,
      allowedRegistries: null,
      trustedTokenRealms: [],
    });
  });

  it('reads every variable, trimming list entries', () => {
    const config = readRegistryConfig({
      ARCHWAY_INSECURE_REGISTRIES: ' reg.internal:5000, 10.0.0.0/8 ,,',
      ARCHWAY_REGISTRY_TIMEOUT_MS: '2500',
      ARCHWAY_MAX_CONCURRENCY: '4',
      ARCHWAY_CACHE_BYTES: '1048576',
      ARCHWAY_MAX_ORIGINS: '64',
      DOCKER_CONFIG: '/etc/archway/docker',
    });
    expect(config).toMatchObject({
      insecureRegistries: ['reg.internal:5000', '10.0.0.0/8'],
      timeoutMs: 2500,
      maxConcurrency: 4,
      cacheBytes: 1_048_576,
      maxOrigins: 64,
      dockerConfigDir: '/etc/archway/docker',
    });
  });

  it('reads the host lists and names the variable with an entry that is not a host', () => {
    const config = readRegistryConfig({ ARCHWAY_ALLOWED_REGISTRIES: '*.corp.example, 10.0.0.0/8', ARCHWAY_TRUSTED_TOKEN_REALMS: 'sso.example.com' });
    expect(config.allowedRegistries).toHaveLength(2);
    expect(config.trustedTokenRealms).toHaveLength(1);
    expect(() => readRegistryConfig({ ARCHWAY_ALLOWED_REGISTRIES: 'reg.example.com, what ever' })).toThrow(/ARCHWAY_ALLOWED_REGISTRIES: "what ever"/);
    expect(() => readRegistryConfig({ ARCHWAY_TRUSTED_TOKEN_REALMS: '10.0.0.0/99' })).toThrow(/ARCHWAY_TRUSTED_TOKEN_REALMS/);
  });

  it('names the variable that is not a positive whole number', () => {
    expect(() => readRegistryConfig({ ARCHWAY_REGISTRY_TIMEOUT_MS: 'fast' })).toThrow(/ARCHWAY_REGISTRY_TIMEOUT_MS/);
    expect(() => readRegistryConfig({ ARCHWAY_MAX_CONCURRENCY: '0' })).toThrow(/ARCHWAY_MAX_CONCURRENCY/);
  });
});
