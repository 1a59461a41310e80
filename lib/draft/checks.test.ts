import { describe, expect, it } from 'vitest';
import { amd64, buildx, digestOf, image, keyOf, list, REGISTRY } from '@/test/support/draft-lists';
import { checkEntry, draftBlockers, duplicateChecks } from './checks';
import { draftFromInspect, emptyDraft } from './entries';
import { draftReducer } from './reducer';
import { toPushRequest } from './request';

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
    expect(checks).toMatchObject([{ suggestionLabel: { message: "Use the image's own platform (linux/arm64/v8)" }, isBlocking: false }]);
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
    expect(draftBlockers(draft)[0]?.message).toMatch(/not a digest/);
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
    expect(checks.get(keyOf(draft, amdAsX86.digest))?.message).toContain('linux/x86_64 is the same platform as entry 1 (linux/amd64)');
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
