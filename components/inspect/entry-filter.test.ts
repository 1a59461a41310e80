import { describe, expect, it } from 'vitest';
import { groupEntries } from '@/components/entry-table/group-entries';
import { platformMismatchProblem } from '@/lib/oci/problems';
import { imageEntry } from '@/test/support/inspect-entries';
import { filterGroups, NO_FILTER } from './entry-filter';

const liar = imageEntry('linux/amd64', {
  config: { os: 'linux', architecture: 'arm64', variant: 'v8' },
  problems: [platformMismatchProblem({ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' })],
});
const groups = groupEntries([liar, imageEntry('linux/x86_64', { digest: `sha256:${'b'.repeat(64)}` }), imageEntry('windows/amd64'), imageEntry('linux/arm/v7')]);

describe('filterGroups', () => {
  it('keeps everything without a filter, and positions as listed', () => {
    expect(filterGroups(groups, NO_FILTER).map((g) => g.position)).toEqual([1, 2, 3, 4]);
  });

  it('filters by OS row and canonical architecture column (x86_64 is amd64)', () => {
    expect(filterGroups(groups, { ...NO_FILTER, os: 'linux', arch: 'amd64' }).map((g) => g.position)).toEqual([1, 2]);
  });

  it('keeps only entries with problems, and searches what the row shows', () => {
    expect(filterGroups(groups, { ...NO_FILTER, problemsOnly: true }).map((g) => g.position)).toEqual([1]);
    expect(filterGroups(groups, { ...NO_FILTER, search: 'ARM64' }).map((g) => g.position)).toEqual([1]);
    expect(filterGroups(groups, { ...NO_FILTER, search: 'bbbbbb' }).map((g) => g.position)).toEqual([2]);
    expect(filterGroups(groups, { ...NO_FILTER, search: 'arm/v7' }).map((g) => g.position)).toEqual([4]);
  });
});
