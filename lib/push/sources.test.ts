import { describe, expect, it } from 'vitest';
import { locateSource } from './sources';

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
