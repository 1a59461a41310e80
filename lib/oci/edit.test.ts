import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAttestation } from './attestation';
import { sha256Digest } from './digest';
import {
  addEntry,
  addOsFeatures,
  buildIndex,
  convertIndexMediaType,
  IndexEditError,
  makeDescriptor,
  moveEntry,
  removeEntries,
  removeOsFeatures,
  serializeIndex,
  setPlatform,
} from './edit';
import { fixtureIndex } from './fixtures/read-fixture';
import { diffIndexes } from './index-diff';
import { MediaType } from './media-types';
import { parseManifest } from './parse';
import type { Descriptor, ImageIndex, Platform } from './schemas';

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const linux = (architecture: string, variant?: string): Platform => ({ architecture, os: 'linux', ...(variant ? { variant } : {}) });

const json = (value: unknown) => JSON.stringify(value);

describe('setPlatform', () => {
  const desc: Descriptor = { mediaType: MediaType.ociManifest, digest: digest(1), size: 5, platform: linux('amd64'), 'x-keep': [1] };

  it('replaces the platform in place and keeps the rest', () => {
    expect(json(setPlatform(desc, linux('arm64', 'v8')))).toBe(
      json({ mediaType: MediaType.ociManifest, digest: digest(1), size: 5, platform: linux('arm64', 'v8'), 'x-keep': [1] }),
    );
  });

  it('returns the same object when nothing changes, and drops empty optional fields', () => {
    expect(setPlatform(desc, { ...linux('amd64'), variant: '', 'os.version': '', 'os.features': [] })).toBe(desc);
  });

  it('null removes the platform', () => {
    expect(setPlatform(desc, null)).not.toHaveProperty('platform');
    const bare = { mediaType: MediaType.ociManifest, digest: digest(2), size: 1 };
    expect(setPlatform(bare, null)).toBe(bare);
  });
});

describe('§9 case 3: os.features', () => {
  const desc: Descriptor = { mediaType: MediaType.dockerManifest, digest: digest(1), size: 5, platform: { os: 'windows', architecture: 'amd64' } };

  it('adding a,b twice gives no duplicates, and a feature can be removed', () => {
    const twice = addOsFeatures(addOsFeatures(desc, ['a', 'b']), ['a', 'b', 'b']);
    expect(twice.platform?.['os.features']).toEqual(['a', 'b']);
    expect(removeOsFeatures(twice, ['a']).platform?.['os.features']).toEqual(['b']);
    expect(removeOsFeatures(twice, ['a', 'b']).platform).not.toHaveProperty('os.features');
  });

  it('refuses os.features on an entry without a platform', () => {
    expect(() => addOsFeatures({ ...desc, platform: undefined }, ['win32k'])).toThrow(IndexEditError);
  });
});

describe('entries', () => {
  const mysql = fixtureIndex('mysql-8.4.oci-index.json');

  it('§9 case 6: removing a platform also removes its attestation', () => {
    const kept = removeEntries(mysql.manifests, [mysql.manifests[0]!.digest]);
    expect(kept).toEqual(mysql.manifests.slice(2));
  });

  it('moveEntry moves one entry and keeps the others in order', () => {
    const moved = moveEntry(mysql.manifests, 3, 0);
    expect(moved.map((d) => d.digest)).toEqual([3, 0, 1, 2].map((i) => mysql.manifests[i]!.digest));
    expect(() => moveEntry(mysql.manifests, 0, 4)).toThrow(/list has 4 entries/);
  });

  it('addEntry inserts where asked and refuses a digest already listed', () => {
    const added = addEntry(mysql.manifests, makeDescriptor({ mediaType: MediaType.ociManifest, digest: digest(9), size: 3, platform: linux('s390x') }), 2);
    expect(added[2]).toEqual({ mediaType: MediaType.ociManifest, digest: digest(9), size: 3, platform: linux('s390x') });
    expect(() => addEntry(mysql.manifests, mysql.manifests[0]!)).toThrow(/already in the list/);
  });

  it('makeDescriptor writes keys in buildx order and leaves out empty annotations', () => {
    const desc = makeDescriptor({ platform: linux('arm', 'v7'), annotations: { a: 'b' }, size: 1, digest: digest(1), mediaType: MediaType.ociManifest });
    expect(Object.keys(desc)).toEqual(['mediaType', 'digest', 'size', 'annotations', 'platform']);
    expect(makeDescriptor({ mediaType: MediaType.ociManifest, digest: digest(1), size: 1, annotations: {} })).not.toHaveProperty('annotations');
  });
});

describe('convertIndexMediaType', () => {
  it('§9 case 21: Docker→OCI drops platform.features and names each one', () => {
    const docker: ImageIndex = {
      schemaVersion: 2,
      mediaType: MediaType.dockerManifestList,
      manifests: [
        { mediaType: MediaType.dockerManifest, digest: digest(1), size: 1, platform: { ...linux('amd64'), features: ['sse4'] } },
        { mediaType: MediaType.dockerManifest, digest: digest(2), size: 1, platform: linux('arm64') },
      ],
    };
    const { index, dropped } = convertIndexMediaType(docker, MediaType.ociIndex);
    expect(index.mediaType).toBe(MediaType.ociIndex);
    expect(index.manifests[0]!.platform).toEqual(linux('amd64'));
    expect(index.manifests[1]).toBe(docker.manifests[1]);
    expect(dropped).toEqual(['platform.features of sha256:000000000000 (linux/amd64) (reserved in OCI)']);
  });

  it('OCI→Docker drops annotations, urls, artifactType, subject and data, each named', () => {
    const mysql = fixtureIndex('mysql-8.4.oci-index.json');
    const oci: ImageIndex = {
      ...mysql,
      annotations: { 'org.opencontainers.image.created': 'now' },
      subject: { mediaType: MediaType.ociManifest, digest: digest(7), size: 1 },
      manifests: [{ ...mysql.manifests[0]!, urls: ['https://example.com'], data: 'e30=' }, ...mysql.manifests.slice(1)],
    };
    const { index, dropped } = convertIndexMediaType(oci, MediaType.dockerManifestList);
    expect(index).not.toHaveProperty('annotations');
    expect(index).not.toHaveProperty('subject');
    expect(index.manifests.every((d) => d.annotations === undefined && d.urls === undefined && d.data === undefined)).toBe(true);
    expect(dropped).toContain('annotations of the index');
    expect(dropped).toContain('subject of the index');
    expect(dropped.filter((line) => line.startsWith('urls of '))).toHaveLength(1);
    expect(dropped.filter((line) => line.includes('no longer be recognised as an attestation'))).toHaveLength(2);
  });

  it('is a no-op to the same media type', () => {
    const golang = fixtureIndex('golang-alpine.docker-list.json');
    expect(convertIndexMediaType(golang, MediaType.dockerManifestList)).toEqual({ index: golang, dropped: [] });
  });
});

describe('serializeIndex', () => {
  it('writes 2-space JSON without a trailing newline and hashes those bytes', () => {
    const index = fixtureIndex('golang-alpine.docker-list.json');
    const { bytes, digest: d, size } = serializeIndex(index);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('{\n  "schemaVersion": 2,')).toBe(true);
    expect(text.endsWith('}')).toBe(true);
    expect(size).toBe(bytes.length);
    expect(d).toBe(sha256Digest(bytes));
  });
});

describe('buildIndex', () => {
  const base: ImageIndex = {
    schemaVersion: 2,
    'x-first': 'kept first',
    mediaType: MediaType.ociIndex,
    manifests: [],
    annotations: { a: '1' },
    'x-last': { n: 1 },
  };
  const manifests = [makeDescriptor({ mediaType: MediaType.ociManifest, digest: digest(1), size: 1, platform: linux('amd64') })];

  it("keeps the base's unknown top-level fields and their order", () => {
    const index = buildIndex({ mediaType: MediaType.ociIndex, base, manifests });
    expect(Object.keys(index)).toEqual(['schemaVersion', 'x-first', 'mediaType', 'manifests', 'annotations', 'x-last']);
    expect(index.annotations).toEqual({ a: '1' });
  });

  it('replaces or removes annotations when asked', () => {
    expect(buildIndex({ mediaType: MediaType.ociIndex, base, manifests, annotations: { b: '2' } }).annotations).toEqual({ b: '2' });
    expect(buildIndex({ mediaType: MediaType.ociIndex, base, manifests, annotations: null })).not.toHaveProperty('annotations');
    expect(buildIndex({ mediaType: MediaType.ociIndex, base, manifests, annotations: {} })).not.toHaveProperty('annotations');
  });

  it('starts a new list with schemaVersion and mediaType first', () => {
    expect(Object.keys(buildIndex({ mediaType: MediaType.dockerManifestList, manifests }))).toEqual(['schemaVersion', 'mediaType', 'manifests']);
    const noType: ImageIndex = { schemaVersion: 2, manifests: [] };
    expect(Object.keys(buildIndex({ mediaType: MediaType.ociIndex, base: noType, manifests }))).toEqual(['schemaVersion', 'mediaType', 'manifests']);
  });

  it('refuses OCI-only fields in a Docker list and says how to convert', () => {
    expect(() => buildIndex({ mediaType: MediaType.dockerManifestList, base, manifests })).toThrow(/cannot carry index annotations.*convertIndexMediaType/);
    const annotated = [{ ...manifests[0]!, annotations: { x: 'y' } }];
    expect(() => buildIndex({ mediaType: MediaType.dockerManifestList, manifests: annotated })).toThrow(/annotations on sha256:/);
  });

  it('§9 case 28: keeps the entry order given (docker sorts by file name)', () => {
    const golang = fixtureIndex('golang-alpine.docker-list.json');
    const reversed = [...golang.manifests].reverse();
    expect(buildIndex({ mediaType: MediaType.dockerManifestList, base: golang, manifests: reversed }).manifests).toEqual(reversed);
  });
});

/* Property tests over arbitrary lists with unknown fields everywhere. */

const extraFields = fc.dictionary(fc.stringMatching(/^x-[a-z]{1,6}$/), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 });
const platformArb = fc
  .record({ os: fc.constantFrom('linux', 'windows'), architecture: fc.constantFrom('amd64', 'arm64', 'arm', 's390x'), variant: fc.option(fc.constantFrom('v6', 'v7', 'v8'), { nil: undefined }) })
  .chain((p) => extraFields.map((extra) => ({ ...extra, os: p.os, architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}) }) as Platform));

function listArb(): fc.Arbitrary<ImageIndex> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 8 })
    .chain((ids) =>
      fc.tuple(
        fc.tuple(...ids.map((id) => fc.tuple(fc.constant(id), platformArb, extraFields, fc.boolean()))),
        extraFields,
      ),
    )
    .map(([entries, top]) => {
      const manifests: Descriptor[] = [];
      for (const [id, platform, extra, hasAttestation] of entries) {
        manifests.push({ ...extra, mediaType: MediaType.ociManifest, digest: digest(id), size: id, platform });
        if (hasAttestation) {
          manifests.push({
            mediaType: MediaType.ociManifest,
            digest: digest(id + 20_000),
            size: 842,
            annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': digest(id) },
            platform: { os: 'unknown', architecture: 'unknown' },
          });
        }
      }
      return { ...top, schemaVersion: 2, mediaType: MediaType.ociIndex, manifests } as ImageIndex;
    });
}

function reparse(bytes: Uint8Array): ImageIndex {
  const parsed = parseManifest(bytes, MediaType.ociIndex);
  if (parsed.kind !== 'index') throw new Error('not an index');
  return parsed.index;
}

describe('properties', () => {
  it('untouched entries, unknown fields included, come out of an edit byte-for-byte', () => {
    fc.assert(
      fc.property(listArb(), fc.nat(), platformArb, (index, at, platform) => {
        const target = at % index.manifests.length;
        const manifests = index.manifests.map((d, i) => (i === target ? setPlatform(d, platform) : d));
        const out = reparse(serializeIndex(buildIndex({ mediaType: MediaType.ociIndex, base: index, manifests })).bytes);
        out.manifests.forEach((d, i) => {
          if (i !== target) expect(json(d)).toBe(json(index.manifests[i]));
        });
        const { manifests: _a, ...topBefore } = index;
        const { manifests: _b, ...topAfter } = out;
        expect(json(topAfter)).toBe(json(topBefore));
      }),
    );
  });

  it('removing entries keeps the order of the rest and takes their attestations along', () => {
    fc.assert(
      fc.property(listArb(), fc.array(fc.nat()), (index, picks) => {
        const images = index.manifests.filter((d) => !isAttestation(d));
        const removed = new Set(picks.map((n) => images[n % images.length]!.digest));
        const kept = removeEntries(index.manifests, removed);
        expect(kept).toEqual(index.manifests.filter((d) => kept.includes(d)));
        for (const d of kept) {
          expect(removed.has(d.digest)).toBe(false);
          if (isAttestation(d)) expect(removed.has(d.annotations!['vnd.docker.reference.digest']!)).toBe(false);
        }
        expect(kept.filter((d) => !isAttestation(d))).toHaveLength(images.length - removed.size);
      }),
    );
  });

  it('serialise → parse → serialise is a fixed point', () => {
    fc.assert(
      fc.property(listArb(), (index) => {
        const first = serializeIndex(index);
        const second = serializeIndex(reparse(first.bytes));
        expect(second.digest).toBe(first.digest);
        expect(second.bytes).toEqual(first.bytes);
      }),
    );
  });

  it('diffing a list against itself after a move reports exactly the moved entry', () => {
    fc.assert(
      fc.property(listArb(), fc.nat(), fc.nat(), (index, a, b) => {
        const from = a % index.manifests.length;
        const to = b % index.manifests.length;
        const rows = diffIndexes(index, { ...index, manifests: moveEntry(index.manifests, from, to) });
        if (from === to) return void expect(rows).toEqual([]);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ change: 'moved', moved: true, fields: [] });
        // Two neighbours that swap places: either one may be the one that moved. Past that, only the entry moved.
        const candidates = Math.abs(from - to) === 1 ? [index.manifests[from]!.digest, index.manifests[to]!.digest] : [index.manifests[from]!.digest];
        expect(candidates).toContain(rows[0]!.digest);
      }),
    );
  });
});
