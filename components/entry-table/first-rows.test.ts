import { describe, expect, it } from 'vitest';
import { imageEntry } from '@/test/support/inspect-entries';
import { firstRows } from './first-rows';
import type { EntryGroup } from './group-entries';

function groups(count: number): EntryGroup[] {
  return Array.from({ length: count }, (_, i) => ({ entry: { ...imageEntry('linux/amd64'), digest: `sha256:${i}` }, position: i + 1, attestations: [] }));
}

describe('firstRows', () => {
  it('keeps a list no longer than the limit whole', () => {
    const all = groups(3);
    expect(firstRows(all, 3, null)).toBe(all);
  });

  it('cuts a longer one at the limit', () => {
    expect(firstRows(groups(10), 4, null).map((group) => group.position)).toEqual([1, 2, 3, 4]);
    expect(firstRows(groups(10), 4, 'sha256:2')).toHaveLength(4);
  });

  it('goes on to the selected entry when it comes after the limit', () => {
    expect(firstRows(groups(10), 4, 'sha256:6').map((group) => group.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(firstRows(groups(10), 4, 'sha256:not-in-the-list')).toHaveLength(4);
  });
});
