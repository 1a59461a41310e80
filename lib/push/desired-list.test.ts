import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { attestationSubject, isAttestation } from '@/lib/oci/attestation';
import { fixtureIndex } from '@/lib/oci/fixtures/read-fixture';
import { MediaType } from '@/lib/oci/media-types';
import type { Descriptor, ImageIndex, Platform } from '@/lib/oci/schemas';
import {
  assembleManifests,
  assertRequestedPlatform,
  attestationsBySubject,
  chooseIndexMediaType,
  composeIndex,
  editDescriptor,
  isSameIndex,
  isWholeSourceCopy,
} from './desired-list';

// Real lists (see lib/oci/fixtures/README.md): mysql:8.4 (OCI, each image followed by its attestation) and
// golang:alpine (Docker list of six).
const mysql = fixtureIndex('mysql-8.4.oci-index.json');
const golang = fixtureIndex('golang-alpine.docker-list.json');
const mysqlImages = mysql.manifests.filter((d) => !isAttestation(d));

const hex = (n: number) => n.toString(16).padStart(64, '0');
const image = (n: number, extra: Partial<Descriptor> = {}): Descriptor => ({
  mediaType: MediaType.ociManifest,
  digest: `sha256:${hex(n)}`,
  size: 500 + n,
  platform: { os: 'linux', architecture: `arch${n}` },
  ...extra,
});
const attestationOf = (subject: Descriptor, n: number): Descriptor => ({
  mediaType: MediaType.ociManifest,
  digest: `sha256:${hex(10_000 + n)}`,
  size: 840,
  platform: { os: 'unknown', architecture: 'unknown' },
  annotations: { 'vnd.docker.reference.digest': subject.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
});

function assemble(requested: Descriptor[], base: Descriptor[]) {
  return assembleManifests({
    requested,
    attestations: attestationsBySubject(base),
    knownImages: new Set(base.filter((d) => !isAttestation(d)).map((d) => d.digest)),
  });
}

describe('editDescriptor', () => {
  it('keeps the descriptor as it was, unknown fields included, when nothing is given', () => {
    const odd = { ...golang.manifests[0]!, 'x-vendor': { deep: [1, 2] } } as Descriptor;
    expect(editDescriptor(odd, {})).toStrictEqual(odd);
  });

  it('replaces only what is given', () => {
    const [first] = mysqlImages;
    const edited = editDescriptor(first!, { platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    expect(edited.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(edited.annotations).toEqual(first!.annotations);
    expect(editDescriptor(first!, { annotations: {} })).not.toHaveProperty('annotations');
  });

  it('drops the empty fields a form sends for "none"', () => {
    const edited = editDescriptor(image(1), { platform: { os: 'linux', architecture: 'amd64', variant: '', 'os.features': [] } });
    expect(edited.platform).toEqual({ os: 'linux', architecture: 'amd64' });
  });
});

describe('assembleManifests', () => {
  it('keeps the order given (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { maxLength: 20 }), (ids) => {
        const requested = ids.map((n) => image(n));
        expect(assemble(requested, []).manifests).toEqual(requested);
      }),
    );
  });

  it('brings the attestations of kept images after every image, drops those of removed ones (property)', () => {
    const pool = [1, 2, 3, 4, 5, 6].map((n) => image(n));
    const base = [...pool, ...pool.map((d, i) => attestationOf(d, i))];
    fc.assert(
      fc.property(fc.shuffledSubarray(pool), (kept) => {
        const { manifests, removedAttestations } = assemble(kept, base);
        expect(manifests.slice(0, kept.length)).toEqual(kept);
        const trailing = manifests.slice(kept.length);
        expect(trailing.map(attestationSubject)).toEqual(kept.map((d) => d.digest));
        expect(removedAttestations).toEqual([]);
      }),
    );
  });

  it('removes an explicitly listed attestation whose image was removed', () => {
    // mysql:8.4 lists amd64, its attestation, arm64, its attestation: arm64 itself is left out of the request.
    const [amd64, amd64Attestation, , arm64Attestation] = mysql.manifests;
    const { manifests, removedAttestations } = assemble([amd64!, amd64Attestation!, arm64Attestation!], mysql.manifests);
    expect(manifests).toEqual([amd64, amd64Attestation]);
    expect(removedAttestations).toEqual([arm64Attestation]);
  });

  it('keeps an explicitly listed attestation where it was put', () => {
    const { manifests } = assemble(mysql.manifests, mysql.manifests);
    expect(manifests).toEqual(mysql.manifests);
  });

  it('counts a digest listed twice with the same descriptor once, and refuses two different ones', () => {
    const d = image(7);
    expect(assemble([d, image(8), d], []).manifests).toEqual([d, image(8)]);
    expect(() => assemble([d, editDescriptor(d, { platform: { os: 'linux', architecture: 'arm64' } })], [])).toThrow(AppError);
  });
});

describe('chooseIndexMediaType', () => {
  const docker = { mediaType: MediaType.dockerManifest, digest: `sha256:${hex(1)}`, size: 1 };
  it('uses what was asked, else the base list, else the children', () => {
    expect(chooseIndexMediaType({ requested: MediaType.ociIndex, base: MediaType.dockerManifestList, manifests: [], hasIndexAnnotations: false })).toBe(MediaType.ociIndex);
    expect(chooseIndexMediaType({ base: MediaType.dockerManifestList, manifests: [image(1)], hasIndexAnnotations: false })).toBe(MediaType.dockerManifestList);
    expect(chooseIndexMediaType({ base: null, manifests: [docker], hasIndexAnnotations: false })).toBe(MediaType.dockerManifestList);
    expect(chooseIndexMediaType({ base: null, manifests: [docker, image(2)], hasIndexAnnotations: false })).toBe(MediaType.ociIndex);
    expect(chooseIndexMediaType({ base: null, manifests: [docker], hasIndexAnnotations: true })).toBe(MediaType.ociIndex);
  });

  it('chooses for a tag that held a single image like for a new list', () => {
    expect(chooseIndexMediaType({ base: MediaType.dockerManifest, manifests: [docker], hasIndexAnnotations: false })).toBe(MediaType.dockerManifestList);
  });
});

describe('composeIndex', () => {
  it('gives back a list equal to the base when nothing changed', () => {
    const { index, dropped } = composeIndex({ base: mysql, mediaType: MediaType.ociIndex, manifests: mysql.manifests, annotations: undefined });
    expect(isSameIndex(mysql, index)).toBe(true);
    expect(dropped).toEqual([]);
  });

  it('keeps unknown top-level fields and replaces the annotations when given', () => {
    const base = { ...mysql, annotations: { a: '1' }, 'x-extra': true } as ImageIndex;
    const { index } = composeIndex({ base, mediaType: MediaType.ociIndex, manifests: mysqlImages, annotations: { b: '2' } });
    expect(index).toMatchObject({ 'x-extra': true, annotations: { b: '2' } });
    expect(isSameIndex(base, index)).toBe(false);
  });

  it('names what converting to a Docker list drops', () => {
    const base = { ...mysql, annotations: { a: '1' } } as ImageIndex;
    const { index, dropped } = composeIndex({ base, mediaType: MediaType.dockerManifestList, manifests: mysql.manifests, annotations: undefined });
    expect(index.mediaType).toBe(MediaType.dockerManifestList);
    expect(index).not.toHaveProperty('annotations');
    expect(index.manifests.every((d) => d.annotations === undefined)).toBe(true);
    expect(dropped.some((line) => line.includes('annotations of the index'))).toBe(true);
    expect(dropped.some((line) => line.includes('no longer be recognised as an attestation'))).toBe(true);
  });

  it('names platform.features dropped on conversion to OCI (edge case 21)', () => {
    const withFeatures = editDescriptor(golang.manifests[0]!, { platform: { os: 'linux', architecture: 'amd64', features: ['sse4'] } });
    const { index, dropped } = composeIndex({
      base: golang,
      mediaType: MediaType.ociIndex,
      manifests: [withFeatures, ...golang.manifests.slice(1)],
      annotations: undefined,
    });
    expect(index.manifests[0]!.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toContain('platform.features');
  });

  it('refuses annotations on a Docker list that is not being converted', () => {
    const annotated = editDescriptor(golang.manifests[0]!, { annotations: { a: '1' } });
    const compose = () =>
      composeIndex({ base: golang, mediaType: MediaType.dockerManifestList, manifests: [annotated], annotations: undefined });
    expect(compose).toThrow(expect.objectContaining({ code: 'UNPROCESSABLE' }));
  });

  it('keeps every untouched descriptor exactly, unknown fields included, in the order given (property)', () => {
    const unknownFields = fc.dictionary(fc.stringMatching(/^x-[a-z]{1,8}$/), fc.jsonValue(), { maxKeys: 3 });
    const entries = fc.uniqueArray(
      fc.record({ n: fc.integer({ min: 1, max: 500 }), extra: unknownFields }).map(({ n, extra }) => ({ ...image(n), ...extra }) as Descriptor),
      { selector: (d) => d.digest, maxLength: 12 },
    );
    fc.assert(
      fc.property(entries, (manifests) => {
        const base = { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests, 'x-top': { kept: true } } as ImageIndex;
        const kept = manifests.filter((_, i) => i % 2 === 0).reverse();
        const { index } = composeIndex({ base, mediaType: MediaType.ociIndex, manifests: kept, annotations: undefined });
        expect(index.manifests).toStrictEqual(kept);
        expect(index).toMatchObject({ 'x-top': { kept: true } });
        expect(isSameIndex(base, composeIndex({ base, mediaType: MediaType.ociIndex, manifests, annotations: undefined }).index)).toBe(true);
      }),
    );
  });

  it('gives a new list schemaVersion 2 and its media type first', () => {
    const { index } = composeIndex({ base: null, mediaType: MediaType.ociIndex, manifests: [image(1)], annotations: undefined });
    expect(Object.keys(index).slice(0, 3)).toEqual(['schemaVersion', 'mediaType', 'manifests']);
  });
});

describe('assertRequestedPlatform', () => {
  const refusal = (platform: Platform) => {
    try {
      assertRequestedPlatform(platform, 'manifests[0]');
      return null;
    } catch (err) {
      return err as AppError;
    }
  };

  it.each([
    [{ os: 'linux', architecture: 'x86_64' }, { os: 'linux', architecture: 'amd64' }],
    [{ os: 'linux', architecture: 'aarch64' }, { os: 'linux', architecture: 'arm64' }],
    [{ os: 'linux', architecture: 'armhf' }, { os: 'linux', architecture: 'arm', variant: 'v7' }],
    [{ os: 'Linux', architecture: 'amd64' }, { os: 'linux', architecture: 'amd64' }],
  ])('refuses %j with the canonical suggestion', (platform, suggestion) => {
    const error = refusal(platform);
    expect(error?.code).toBe('UNPROCESSABLE');
    expect((error?.details as { suggestion?: Platform }).suggestion).toEqual(suggestion);
  });

  it('refuses an os/arch pair no runtime knows', () => {
    expect(refusal({ os: 'linux', architecture: 'wasm' })?.code).toBe('UNPROCESSABLE');
    expect(refusal({ os: 'beos', architecture: 'amd64' })?.code).toBe('UNPROCESSABLE');
  });

  it('accepts canonical platforms, windows/arm64 included (docker refuses it, runtimes do not)', () => {
    expect(refusal({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBeNull();
    expect(refusal({ os: 'windows', architecture: 'arm64', 'os.version': '10.0.26100.1742' })).toBeNull();
  });
});

describe('isWholeSourceCopy', () => {
  const source = '127.0.0.1:5000/demo/app:1.0';
  it('is a copy when the one entry names a source and nothing is edited', () => {
    expect(isWholeSourceCopy({ manifests: [{ source }] })).toBe(true);
  });
  it('is an edit as soon as anything is asked for', () => {
    expect(isWholeSourceCopy({ manifests: [] })).toBe(false);
    expect(isWholeSourceCopy({ manifests: [{ source }, { source: `${source}-b` }] })).toBe(false);
    expect(isWholeSourceCopy({ manifests: [{ source, platform: { os: 'linux', architecture: 'amd64' } }] })).toBe(false);
    expect(isWholeSourceCopy({ manifests: [{ source, annotations: { a: 'b' } }] })).toBe(false);
    expect(isWholeSourceCopy({ manifests: [{ source }], mediaType: MediaType.ociIndex })).toBe(false);
    expect(isWholeSourceCopy({ manifests: [{ source }], annotations: {} })).toBe(false);
  });
});
