import { describe, expect, it } from 'vitest';
import { MediaType } from '@/lib/oci/media-types';
import type { ImageManifest } from '@/lib/oci/schemas';
import type { RegistryClient } from '@/lib/registry/types';
import { locateSource, readConfigPlatform } from './sources';

const target = { registry: '127.0.0.1:5000', repository: 'demo/test' };
const digest = `sha256:${'ab'.repeat(32)}`;

describe('locateSource', () => {
  it('reads a bare digest as a manifest of the target repository', () => {
    expect(locateSource(digest, target)).toEqual({ ...target, reference: digest });
  });

  it('prefers the digest of name:tag@digest, and defaults to latest like docker', () => {
    expect(locateSource(`127.0.0.1:5000/demo/x8664-test:old@${digest}`, target)).toEqual({
      registry: '127.0.0.1:5000',
      repository: 'demo/x8664-test',
      reference: digest,
    });
    expect(locateSource('127.0.0.1:5000/demo/x8664-test', target).reference).toBe('latest');
    expect(locateSource('golang:alpine', target)).toEqual({ registry: 'docker.io', repository: 'library/golang', reference: 'alpine' });
  });

  it('refuses a reference that cannot be parsed, naming the source', () => {
    expect(() => locateSource('Registry.example/UPPER', target)).toThrow(expect.objectContaining({ code: 'INVALID_REFERENCE' }));
  });
});

describe('readConfigPlatform', () => {
  const manifestWith = (mediaType: string): ImageManifest => ({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType, digest, size: 8 },
    layers: [],
  });
  const serving = (bytes: string) => {
    const asked: string[] = [];
    const client = { getBlob: async (_repo: string, d: string) => (asked.push(d), new TextEncoder().encode(bytes)) } as unknown as RegistryClient;
    return { clientFor: () => client, asked };
  };

  it('reads the platform an image config declares', async () => {
    const { clientFor } = serving('{"os":"linux","architecture":"arm64","variant":"v8","created":"2024-01-01T00:00:00Z"}');
    expect(await readConfigPlatform(clientFor, target, manifestWith(MediaType.ociConfig))).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
  });

  it('refuses (422, naming the image) a config that is not JSON, rather than failing as an internal error', async () => {
    const { clientFor } = serving('not json');
    await expect(readConfigPlatform(clientFor, target, manifestWith(MediaType.dockerConfig))).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      message: expect.stringContaining(digest),
    });
  });

  it('knows no platform for an artifact, whose config is not an image config, and does not fetch it', async () => {
    const { clientFor, asked } = serving('\u0000binary');
    expect(await readConfigPlatform(clientFor, target, manifestWith('application/vnd.cncf.helm.config.v1+json'))).toBeNull();
    expect(asked).toEqual([]);
  });
});
