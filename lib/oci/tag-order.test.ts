import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortTags, tagVersion } from './tag-order';

describe('tagVersion', () => {
  it('reads numeric components and the suffix, with or without a leading v', () => {
    expect(tagVersion('1.21.3-alpine3.20')).toEqual({ numbers: [1, 21, 3], suffix: 'alpine3.20' });
    expect(tagVersion('v2')).toEqual({ numbers: [2], suffix: '' });
    expect(tagVersion('2024.06.01')).toEqual({ numbers: [2024, 6, 1], suffix: '' });
  });

  it('is null for names that are not versions', () => {
    for (const tag of ['latest', 'alpine', 'sha256-0123abcd.sig', 'v', '1.', '.1', 'bookworm-1.2']) expect(tagVersion(tag)).toBeNull();
    expect(tagVersion('9'.repeat(40))).toBeNull();
  });
});

describe('sortTags', () => {
  it('puts versions first, newest first, then the rest in natural order', () => {
    const tags = ['latest', '1.9', '1.10', '1.9.2', 'alpine', '1.10.1', '2', '1.10-alpine', 'edge', '0.9', 'v1.11', 'alpine3.9', 'alpine3.10'];
    expect(sortTags(tags)).toEqual(['2', 'v1.11', '1.10', '1.10-alpine', '1.10.1', '1.9', '1.9.2', '0.9', 'alpine', 'alpine3.9', 'alpine3.10', 'edge', 'latest']);
  });

  it('orders numbers numerically, not lexically (the registry order)', () => {
    expect(sortTags(['1.2.10', '1.2.9', '1.2.100'])).toEqual(['1.2.100', '1.2.10', '1.2.9']);
  });

  it('puts a plain release before its suffixed variants', () => {
    expect(sortTags(['1.2.3-rc1', '1.2.3-alpine', '1.2.3'])).toEqual(['1.2.3', '1.2.3-alpine', '1.2.3-rc1']);
  });

  it('gives one order whatever the input order, also for names natural order sees as equal (v5 and v05)', () => {
    for (const tags of [['v5', 'v05'], ['a5', 'a05'], ['1.2-rc01', '1.2-rc1']]) {
      expect(sortTags(tags), tags.join(' ')).toEqual(sortTags([...tags].reverse()));
    }
  });

  it('is a duplicate-free permutation, idempotent, with every version before every other tag', () => {
    const tag = fc.oneof(
      fc.stringMatching(/^v?[0-9]{1,3}(\.[0-9]{1,3}){0,3}(-[a-z0-9]{1,5})?$/),
      fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/),
    );
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 40 }), (tags) => {
        const sorted = sortTags(tags);
        expect(new Set(sorted)).toEqual(new Set(tags));
        expect(sorted.length).toBe(new Set(tags).size);
        expect(sortTags([...sorted].reverse())).toEqual(sorted);
        const firstOther = sorted.findIndex((t) => tagVersion(t) === null);
        if (firstOther !== -1) expect(sorted.slice(firstOther).every((t) => tagVersion(t) === null)).toBe(true);
      }),
    );
  });
});
