import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attestationEntry, imageEntry } from '@/test/support/inspect-entries';
import type { InspectEntry, InspectResponse } from '@/lib/api/inspect';
import { MediaType } from '@/lib/oci/media-types';
import { checkEntry, draftBlockers, duplicateChecks } from './checks';
import { draftFromInspect, emptyDraft, isRow } from './entries';
import { fieldsToPlatform, parseFeatures } from './fields';
import { draftReducer } from './reducer';
import { toPushRequest } from './request';
import type { Draft } from './types';

const REGISTRY = 'localhost:5000';
const digestOf = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

// The shared entry builders, with numbered digests so a request's sources read in list order.
function image(n: number, platform: InspectEntry['platform'], config = platform, extra: Partial<InspectEntry> = {}): InspectEntry {
  return imageEntry(null, {
    digest: digestOf(n),
    platform,
    config: config ? { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) } : null,
    ...extra,
  });
}

function attestation(n: number, subject: number): InspectEntry {
  return { ...attestationEntry(digestOf(subject)), digest: digestOf(n) };
}

function list(entries: InspectEntry[], overrides: Partial<InspectResponse> = {}): InspectResponse {
  return {
    reference: `${REGISTRY}/demo/app:1.0`,
    registry: REGISTRY,
    repository: 'demo/app',
    tag: '1.0',
    digest: digestOf(9999),
    mediaType: MediaType.ociIndex,
    size: 1234,
    kind: 'index',
    annotations: { 'org.opencontainers.image.source': 'https://example.com/app' },
    entries,
    problems: [],
    ...overrides,
  };
}

const amd64 = image(1, { os: 'linux', architecture: 'amd64' });
const arm64 = image(2, { os: 'linux', architecture: 'arm64', variant: 'v8', features: ['sse4'] } as InspectEntry['platform']);
const arm64Attestation = attestation(3, 2);
const buildx = list([amd64, arm64, arm64Attestation]);

const keyOf = (draft: Draft, digest: string) => draft.entries.find((entry) => entry.digest === digest)!.key;

describe('draftFromInspect + toPushRequest', () => {
  it('sends an untouched list as its sources only, in order, against the loaded digest', () => {
    const request = toPushRequest(draftFromInspect(buildx));
    expect(request).toEqual({
      target: `${REGISTRY}/demo/app:1.0`,
      base: digestOf(9999),
      manifests: [1, 2, 3].map((n) => ({ source: `${REGISTRY}/demo/app@${digestOf(n)}` })),
    });
  });

  it('sends the whole platform of an edited entry, keeping fields the editor does not show', () => {
    const draft = draftReducer(draftFromInspect(buildx), { type: 'setPlatformField', key: keyOf(draftFromInspect(buildx), digestOf(2)), field: 'variant', value: 'v8.2' });
    const [, edited] = toPushRequest(draft).manifests;
    expect(edited).toEqual({
      source: `${REGISTRY}/demo/app@${digestOf(2)}`,
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8.2', features: ['sse4'] },
    });
  });

  it('a value typed back to what it was is no change', () => {
    const start = draftFromInspect(buildx);
    const key = keyOf(start, digestOf(1));
    const typed = draftReducer(draftReducer(start, { type: 'setPlatformField', key, field: 'variant', value: 'v2' }), {
      type: 'setPlatformField',
      key,
      field: 'variant',
      value: '',
    });
    expect(toPushRequest(typed)).toEqual(toPushRequest(start));
  });

  it('pushes to another tag without a base, and back to the same tag (typed differently) with it', () => {
    const start = draftFromInspect(buildx);
    expect(toPushRequest(draftReducer(start, { type: 'setTarget', target: `${REGISTRY}/demo/app:2.0` })).base).toBeNull();
    expect(toPushRequest(draftReducer(start, { type: 'setTarget', target: ` ${REGISTRY}/demo/app:1.0 ` })).base).toBe(digestOf(9999));
  });

  it('sends index and descriptor annotations only when changed, and never for a Docker list', () => {
    const start = draftFromInspect(buildx);
    const key = keyOf(start, digestOf(1));
    const annotated = draftReducer(
      draftReducer(start, { type: 'setEntryAnnotations', key, annotations: [{ key: 'team', value: 'core' }] }),
      { type: 'setIndexAnnotations', annotations: [] },
    );
    const request = toPushRequest(annotated);
    expect(request.annotations).toEqual({});
    expect(request.manifests[0]).toEqual({ source: `${REGISTRY}/demo/app@${digestOf(1)}`, annotations: { team: 'core' } });
    const docker = draftReducer(annotated, { type: 'setMediaType', mediaType: MediaType.dockerManifestList });
    const dockerRequest = toPushRequest(docker);
    expect(dockerRequest.mediaType).toBe(MediaType.dockerManifestList);
    expect(dockerRequest.annotations).toBeUndefined();
    expect(dockerRequest.manifests[0]!.annotations).toBeUndefined();
  });

  it('turns a single image into a one-entry list of the matching type, platform read from the config', () => {
    const single = list([image(7, null, { os: 'linux', architecture: 'amd64' })], {
      kind: 'manifest',
      mediaType: MediaType.dockerManifest,
      digest: digestOf(7),
      annotations: undefined,
    });
    const request = toPushRequest(draftFromInspect(single));
    expect(request).toEqual({
      target: `${REGISTRY}/demo/app:1.0`,
      base: digestOf(7),
      mediaType: MediaType.dockerManifestList,
      manifests: [{ source: `${REGISTRY}/demo/app@${digestOf(7)}` }],
    });
  });
});

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

describe('platform fields', () => {
  it('features typed as a list are a set', () => {
    expect(parseFeatures(' win32k, win32k  foo,,')).toEqual(['win32k', 'foo']);
  });

  it('empty os and architecture mean: read it from the config', () => {
    expect(fieldsToPlatform({ os: '', architecture: ' ', variant: 'v8', osVersion: '', osFeatures: '' })).toBeUndefined();
  });
});

describe('checkEntry', () => {
  const wrongArch = image(21, { os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }, {
    problems: [
      {
        code: 'platform-mismatch',
        severity: 'error',
        message: 'The list says linux/amd64; the image config says linux/arm64/v8.',
        fix: { description: 'Use the config platform', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      },
    ],
  });

  it('flags a typed x86_64 with the canonical suggestion, and blocks the push', () => {
    const start = draftFromInspect(list([amd64]));
    const typed = draftReducer(start, { type: 'setPlatformField', key: 'e0', field: 'architecture', value: 'x86_64' });
    const checks = checkEntry(typed.entries[0]!, false);
    const finding = checks.find((check) => check.field === 'architecture');
    expect(finding?.suggestion).toMatchObject({ architecture: 'amd64' });
    expect(finding?.isBlocking).toBe(true);
    expect(draftBlockers(typed)).toHaveLength(1);
  });

  it('an untouched entry with a wrong platform warns but does not block', () => {
    const draft = draftFromInspect(list([wrongArch]));
    const checks = checkEntry(draft.entries[0]!, false);
    expect(checks).toMatchObject([{ suggestionLabel: "Use the image's own platform (linux/arm64/v8)", isBlocking: false }]);
    expect(draftBlockers(draft)).toEqual([]);
  });

  it('a changed platform that contradicts the config blocks unless mismatches are allowed', () => {
    const start = draftFromInspect(list([wrongArch]));
    const typed = draftReducer(start, { type: 'setPlatformField', key: 'e0', field: 'variant', value: 'v2' });
    expect(checkEntry(typed.entries[0]!, false).some((check) => check.isBlocking)).toBe(true);
    expect(checkEntry(typed.entries[0]!, true).some((check) => check.isBlocking)).toBe(false);
    const fixed = draftReducer(start, { type: 'setPlatform', key: 'e0', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    expect(checkEntry(fixed.entries[0]!, false)).toEqual([]);
  });

  it('typing one field of a platform read from the config starts from the config, like docker manifest annotate', () => {
    const arm64NoVariant = image(31, null, { os: 'linux', architecture: 'arm64' });
    const draft = draftReducer(emptyDraft('localhost:5000/a:b'), { type: 'add', inspect: list([arm64NoVariant]), addedFrom: 'x' });
    const annotated = draftReducer(draft, { type: 'setPlatformField', key: draft.entries[0]!.key, field: 'variant', value: 'v8' });
    expect(toPushRequest(annotated).manifests[0]!.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(checkEntry(annotated.entries[0]!, false)).toEqual([]);
  });

  it('an os.version the config does not state is no mismatch, as the push decides it', () => {
    const win = image(41, { os: 'windows', architecture: 'amd64' }, { os: 'windows', architecture: 'amd64' });
    const start = draftFromInspect(list([win]));
    const typed = draftReducer(start, { type: 'setPlatformField', key: 'e0', field: 'osVersion', value: '10.0.20348.2655' });
    expect(checkEntry(typed.entries[0]!, false).filter((check) => check.isBlocking)).toEqual([]);
    const arm = draftReducer(start, { type: 'setPlatformField', key: 'e0', field: 'variant', value: 'v3' });
    expect(checkEntry(arm.entries[0]!, false).some((check) => check.isBlocking && check.suggestionLabel)).toBe(true);
  });

  it('asks for the missing half of a platform', () => {
    const draft = draftReducer(emptyDraft('localhost:5000/a:b'), { type: 'add', inspect: list([amd64]), addedFrom: 'x' });
    const key = draft.entries[0]!.key;
    const half = draftReducer(draftReducer(draft, { type: 'setPlatformField', key, field: 'os', value: 'linux' }), {
      type: 'setPlatformField',
      key,
      field: 'architecture',
      value: '',
    });
    expect(checkEntry(half.entries[0]!, false)).toMatchObject([{ field: 'architecture', isBlocking: true }]);
    const variantOnly = draftReducer(draftReducer(half, { type: 'setPlatformField', key, field: 'os', value: '' }), {
      type: 'setPlatformField',
      key,
      field: 'variant',
      value: 'v2',
    });
    expect(checkEntry(variantOnly.entries[0]!, false)).toMatchObject([{ field: 'platform', isBlocking: true }]);
  });

  it('a target must be a tag', () => {
    const draft = draftReducer(draftFromInspect(buildx), { type: 'setTarget', target: `${REGISTRY}/demo/app@${digestOf(1)}` });
    expect(draftBlockers(draft)[0]).toMatch(/not a digest/);
  });
});

describe('duplicateChecks', () => {
  // The seeded wrong-arch shape: an arm64 image listed as amd64, and the amd64 image listed as x86_64.
  const armAsAmd64 = image(31, { os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' });
  const amdAsX86 = image(32, { os: 'linux', architecture: 'x86_64' }, { os: 'linux', architecture: 'amd64' }, {
    problems: [{ code: 'duplicate-platform', severity: 'error', message: 'linux/x86_64 is already listed at entry 1' }],
  });

  it('flags a later entry with an earlier entry\'s platform, as the draft stands', () => {
    const draft = draftFromInspect(list([armAsAmd64, amdAsX86]));
    const checks = duplicateChecks(draft);
    expect([...checks.keys()]).toEqual([keyOf(draft, amdAsX86.digest)]);
    expect(checks.get(keyOf(draft, amdAsX86.digest))?.message).toContain('already listed at entry 1');
  });

  it('drops the duplicate once the earlier entry is fixed, and never repeats the stale one from inspect', () => {
    const start = draftFromInspect(list([armAsAmd64, amdAsX86]));
    const fixed = draftReducer(
      draftReducer(start, { type: 'setPlatformField', key: keyOf(start, armAsAmd64.digest), field: 'architecture', value: 'arm64' }),
      { type: 'setPlatformField', key: keyOf(start, armAsAmd64.digest), field: 'variant', value: 'v8' },
    );
    expect(duplicateChecks(fixed).size).toBe(0);
    const second = fixed.entries.find((entry) => entry.digest === amdAsX86.digest)!;
    expect(checkEntry(second, false).map((check) => check.message)).not.toContain('linux/x86_64 is already listed at entry 1');
  });
});

