import { describe, expect, it } from 'vitest';
import type { Descriptor } from '@/lib/oci/schemas';
import { filtersAppliedHeader, referrersFromManifests, referrersTag } from './referrers';

const HEX = 'a'.repeat(64);

describe('referrersTag', () => {
  it('names sha256 and sha512 subjects as <alg>-<hex>, the hex cut to 64 characters', () => {
    expect(referrersTag(`sha256:${HEX}`)).toBe(`sha256-${HEX}`);
    expect(referrersTag(`sha512:${'b'.repeat(128)}`)).toBe(`sha512-${'b'.repeat(64)}`);
  });

  it('cuts the algorithm to 32 characters and replaces characters tags cannot hold with -', () => {
    const algorithm = `multihash+${'x'.repeat(40)}`;
    expect(referrersTag(`${algorithm}:${'C0ffee'.repeat(3)}`)).toBe(`multihash-${'x'.repeat(22)}-${'C0ffee'.repeat(3)}`);
    expect(referrersTag(`sha256:abc=def`)).toBe('sha256-abc-def');
  });

  it('refuses what is not a digest', () => {
    expect(() => referrersTag('latest')).toThrow(/not a digest/);
  });
});

describe('filtersAppliedHeader', () => {
  it('is true only when artifactType is among the filters applied', () => {
    expect(filtersAppliedHeader(new Headers({ 'OCI-Filters-Applied': 'artifactType' }))).toBe(true);
    expect(filtersAppliedHeader(new Headers({ 'OCI-Filters-Applied': 'annotation, artifactType' }))).toBe(true);
    expect(filtersAppliedHeader(new Headers({ 'OCI-Filters-Applied': 'annotation' }))).toBe(false);
    expect(filtersAppliedHeader(new Headers())).toBe(false);
  });
});

describe('referrersFromManifests', () => {
  const descriptor = (digit: string, artifactType?: string): Descriptor => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: `sha256:${digit.repeat(64)}`,
    size: 100,
    ...(artifactType ? { artifactType } : {}),
  });
  const sig = descriptor('1', 'application/vnd.dev.cosign.artifact.sig.v1+json');
  const sbom = descriptor('2', 'application/spdx+json');

  it('keeps the first of each digest and, when asked, one artifactType', () => {
    expect(referrersFromManifests([sig, sbom, sig])).toEqual([sig, sbom]);
    expect(referrersFromManifests([sig, sbom, descriptor('3')], 'application/spdx+json')).toEqual([sbom]);
  });
});
