import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amd64, attestation, buildx, digestOf, image, keyOf, list, REGISTRY } from '@/test/support/draft-lists';
import { draftFromInspect, isRow } from './entries';
import { draftReducer } from './reducer';
import { toPushRequest } from './request';

describe('draftReducer', () => {
  it('removing an image removes its attestations; they are never rows of their own', () => {
    const start = draftFromInspect(buildx);
    expect(start.entries.filter((entry) => isRow(entry, start.entries)).map((entry) => entry.digest)).toEqual([digestOf(1), digestOf(2)]);
    const removed = draftReducer(start, { type: 'remove', key: keyOf(start, digestOf(2)) });
    expect(removed.entries.map((entry) => entry.digest)).toEqual([digestOf(1)]);
  });

  it('an attestation whose image is not listed is a row, so it can be removed', () => {
    const orphan = draftFromInspect(list([amd64, attestation(3, 42)]));
    expect(orphan.entries.every((entry) => isRow(entry, orphan.entries))).toBe(true);
  });

  it('moves rows past each other, leaving folded attestations where they are', () => {
    const start = draftFromInspect(buildx);
    const moved = draftReducer(start, { type: 'move', key: keyOf(start, digestOf(2)), direction: -1 });
    expect(moved.entries.map((entry) => entry.digest)).toEqual([digestOf(2), digestOf(1), digestOf(3)]);
    expect(draftReducer(moved, { type: 'move', key: keyOf(start, digestOf(2)), direction: -1 })).toBe(moved);
  });

  it('adds every entry of an index source: images read their platform from the config, attestations keep their annotations', () => {
    const source = list([image(11, { os: 'linux', architecture: 's390x' }), attestation(12, 11)], {
      repository: 'other/repo',
      reference: `${REGISTRY}/other/repo:latest`,
    });
    const added = draftReducer(draftFromInspect(buildx), { type: 'add', inspect: source, addedFrom: 'other/repo' });
    const request = toPushRequest(added);
    expect(request.manifests.slice(3)).toEqual([
      { source: `${REGISTRY}/other/repo@${digestOf(11)}` },
      { source: `${REGISTRY}/other/repo@${digestOf(12)}`, annotations: attestation(12, 11).annotations },
    ]);
    expect(new Set(added.entries.map((entry) => entry.key)).size).toBe(added.entries.length);
  });

  it('property: any sequence of moves keeps every entry exactly once, and an untouched request has sources only', () => {
    const entries = [1, 2, 3, 4, 5].map((n) => image(n, { os: 'linux', architecture: 'amd64', variant: `v${n}` }));
    const start = draftFromInspect(list(entries));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom<-1 | 1>(-1, 1)), { maxLength: 30 }), (moves) => {
        let draft = start;
        for (const [index, direction] of moves) draft = draftReducer(draft, { type: 'move', key: `e${index}`, direction });
        const request = toPushRequest(draft);
        expect(request.manifests.map((m) => m.source).sort()).toEqual(start.entries.map((e) => e.source).sort());
        expect(request.manifests.every((m) => Object.keys(m).length === 1)).toBe(true);
      }),
    );
  });
});
