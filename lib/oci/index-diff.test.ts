import { describe, expect, it } from 'vitest';
import { makeDescriptor, setPlatform } from './edit';
import { fixtureIndex } from './fixtures/read-fixture';
import { diffIndexes, diffIndexFields } from './index-diff';
import { MediaType } from './media-types';
import type { ImageIndex, Platform } from './schemas';

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const linux = (architecture: string, variant?: string): Platform => ({ architecture, os: 'linux', ...(variant ? { variant } : {}) });

describe('diffIndexes', () => {
  const golang = fixtureIndex('golang-alpine.docker-list.json');
  const m = golang.manifests;

  it('lists added, removed, changed (per field) and moved entries', () => {
    const added = makeDescriptor({ mediaType: MediaType.dockerManifest, digest: digest(9), size: 9, platform: linux('riscv64') });
    const after: ImageIndex = {
      ...golang,
      manifests: [m[3]!, m[0]!, setPlatform(m[1]!, linux('arm', 'v7')), m[2]!, m[4]!, added],
    };
    expect(diffIndexes(golang, after)).toEqual([
      { change: 'moved', digest: m[3]!.digest, platform: m[3]!.platform, beforeIndex: 3, afterIndex: 0, moved: true, fields: [] },
      {
        change: 'changed',
        digest: m[1]!.digest,
        platform: linux('arm', 'v7'),
        beforeIndex: 1,
        afterIndex: 2,
        moved: false,
        fields: [{ field: 'platform.variant', before: 'v6', after: 'v7' }],
      },
      { change: 'added', digest: digest(9), platform: linux('riscv64'), beforeIndex: null, afterIndex: 5, moved: false, fields: [] },
      { change: 'removed', digest: m[5]!.digest, platform: m[5]!.platform, beforeIndex: 5, afterIndex: null, moved: false, fields: [] },
    ]);
  });

  it('names annotation keys and index-level changes', () => {
    const before: ImageIndex = { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [{ ...m[0]!, annotations: { 'org.opencontainers.image.version': '1' } }] };
    const after: ImageIndex = {
      ...before,
      annotations: { owner: 'me' },
      manifests: [{ ...m[0]!, annotations: { 'org.opencontainers.image.version': '2' }, platform: { ...m[0]!.platform!, 'os.features': ['a', 'b'] } }],
    };
    expect(diffIndexes(before, after)[0]!.fields).toEqual([
      { field: 'platform.os.features', before: null, after: 'a, b' },
      { field: 'annotations["org.opencontainers.image.version"]', before: '1', after: '2' },
    ]);
    expect(diffIndexFields(before, after)).toEqual([{ field: 'annotations["owner"]', before: null, after: 'me' }]);
  });

  it('treats every entry as added for a new tag, and lists nothing for an unchanged list', () => {
    expect(diffIndexes(null, golang).map((row) => row.change)).toEqual(Array(6).fill('added'));
    expect(diffIndexes(golang, golang)).toEqual([]);
  });
});
