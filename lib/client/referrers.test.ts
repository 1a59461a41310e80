import { describe, expect, it } from 'vitest';
import { artifactTypeLabel, referrersQueryOptions, referrersSourceLabel } from './referrers';

const SUBJECT = `localhost:5000/app@sha256:${'a'.repeat(64)}`;

describe('artifactTypeLabel', () => {
  it.each([
    ['application/vnd.dev.cosign.artifact.sig.v1+json', 'Cosign signature'],
    ['application/spdx+json', 'SPDX SBOM'],
    ['text/spdx', 'SPDX SBOM'],
    ['application/vnd.cyclonedx+json', 'CycloneDX SBOM'],
    ['application/vnd.in-toto+json', 'in-toto attestation'],
    ['application/vnd.cncf.notary.signature', 'Notary signature'],
    // Unknown types are shown as they are, near-misses included.
    ['application/vnd.example.thing+json', 'application/vnd.example.thing+json'],
    ['application/spdx+jsonx', 'application/spdx+jsonx'],
    [null, 'unknown artifact type'],
  ])('names %s as %s', (artifactType, label) => {
    expect(artifactTypeLabel(artifactType)).toBe(label);
  });
});

describe('referrersQueryOptions', () => {
  it('keys by subject and filter and never goes stale (the subject is a digest)', () => {
    const options = referrersQueryOptions(SUBJECT);
    expect(options.queryKey).toEqual(['referrers', SUBJECT, null]);
    expect(referrersQueryOptions(SUBJECT, 'application/spdx+json').queryKey).toEqual(['referrers', SUBJECT, 'application/spdx+json']);
    expect(options.staleTime).toBe(Infinity);
  });
});

describe('referrersSourceLabel', () => {
  it('says which mechanism answered', () => {
    expect(referrersSourceLabel('api')).toMatch(/referrers API/);
    expect(referrersSourceLabel('tag-schema')).toMatch(/tag/);
    expect(referrersSourceLabel('none')).toMatch(/^none/);
  });
});
