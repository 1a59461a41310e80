import { describe, expect, it } from 'vitest';
import { artifactTypeLabel } from './referrer-labels';

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
