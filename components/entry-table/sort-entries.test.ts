import { describe, expect, it } from 'vitest';
import { imageEntry } from '@/test/support/inspect-entries';
import { groupEntries } from './group-entries';
import { LIST_ORDER, nextOrder, problemWeight, sortGroups } from './sort-entries';

const warning = { code: 'w', severity: 'warning' as const, message: 'w' };
const error = { code: 'e', severity: 'error' as const, message: 'e' };

const groups = groupEntries([
  imageEntry('linux/s390x', { size: 300, config: { os: 'linux', architecture: 's390x', created: '2024-02-01T00:00:00Z' } }),
  imageEntry('linux/amd64', { size: 100, problems: [warning, warning], layers: null }),
  imageEntry('linux/arm64/v8', { size: 200, problems: [error], config: { os: 'linux', architecture: 'arm64', created: '2023-01-01T00:00:00Z' } }),
]);
const platforms = (sorted: typeof groups) => sorted.map((g) => g.entry.platform?.architecture);

describe('sortGroups', () => {
  it('keeps list order by default and reverses it on request', () => {
    expect(platforms(sortGroups(groups, LIST_ORDER))).toEqual(['s390x', 'amd64', 'arm64']);
    expect(platforms(sortGroups(groups, { key: 'position', direction: 'desc' }))).toEqual(['arm64', 'amd64', 's390x']);
  });

  it('sorts by platform the way runtimes rank them and by numbers as numbers', () => {
    expect(platforms(sortGroups(groups, { key: 'platform', direction: 'asc' }))).toEqual(['amd64', 'arm64', 's390x']);
    expect(platforms(sortGroups(groups, { key: 'size', direction: 'desc' }))).toEqual(['s390x', 'arm64', 'amd64']);
  });

  it('puts entries without the value last in both directions', () => {
    expect(platforms(sortGroups(groups, { key: 'created', direction: 'asc' }))).toEqual(['arm64', 's390x', 'amd64']);
    expect(platforms(sortGroups(groups, { key: 'created', direction: 'desc' }))).toEqual(['s390x', 'arm64', 'amd64']);
    expect(platforms(sortGroups(groups, { key: 'layers', direction: 'desc' })).at(-1)).toBe('amd64');
  });

  it('ranks one error above any number of warnings', () => {
    expect(problemWeight([error])).toBeGreaterThan(problemWeight(Array(50).fill(warning)));
    expect(platforms(sortGroups(groups, { key: 'problems', direction: 'desc' }))).toEqual(['arm64', 'amd64', 's390x']);
  });
});

describe('nextOrder', () => {
  it('flips the direction of the same column and starts a new one ascending (problems: worst first)', () => {
    expect(nextOrder(LIST_ORDER, 'position')).toEqual({ key: 'position', direction: 'desc' });
    expect(nextOrder(LIST_ORDER, 'size')).toEqual({ key: 'size', direction: 'asc' });
    expect(nextOrder(LIST_ORDER, 'problems')).toEqual({ key: 'problems', direction: 'desc' });
  });
});
