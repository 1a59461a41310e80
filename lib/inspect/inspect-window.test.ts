import { describe, expect, it } from 'vitest';
import { InspectWindow, type InspectEntry, type InspectResponse, type Problem } from '@/lib/api/inspect';
import { windowOfInspect } from './inspect-window';

const duplicate: Problem = { code: 'duplicate-platform', severity: 'error', message: 'Same platform as entry 1.' };
const noPlatform: Problem = { code: 'platform-missing', severity: 'warning', message: 'No platform.' };

function entry(position: number, problems: Problem[] = [], children?: InspectEntry[]): InspectEntry {
  return {
    digest: `sha256:${String(position).padStart(64, '0')}`,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 100,
    platform: { os: 'linux', architecture: 'amd64' },
    annotations: {},
    role: children ? 'index' : 'image',
    config: null,
    problems,
    ...(children ? { children } : {}),
  };
}

function answer(entries: InspectEntry[], details?: InspectResponse['details']): InspectResponse {
  return {
    reference: 'localhost:5000/app:latest',
    registry: 'localhost:5000',
    repository: 'app',
    tag: 'latest',
    digest: `sha256:${'f'.repeat(64)}`,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    size: 1000,
    kind: 'index',
    entries,
    problems: [{ code: 'docker-list-oci-child', severity: 'warning', message: 'Mixed media types.' }],
    ...(details ? { details } : {}),
  };
}

describe('windowOfInspect', () => {
  it('gives back an answer whose every entry was read as it is', () => {
    const whole = answer([entry(0), entry(1, [duplicate])]);
    expect(windowOfInspect(whole)).toBe(whole);
  });

  it('keeps only the read window of a long list, whole, and counts the problems of the others', () => {
    const entries = [entry(0, [duplicate]), entry(1), entry(2, [noPlatform]), entry(3, [duplicate]), entry(4, [], [entry(5, [duplicate, noPlatform])])];
    const page = windowOfInspect(answer(entries, { from: 1, to: 3, total: 5, maxEntries: 2, nextFrom: 3 }));
    expect(page.entries).toEqual([entries[1], entries[2]]);
    expect(page.details).toEqual({ from: 1, to: 3, total: 5, maxEntries: 2, nextFrom: 3 });
    // The list's own problems are per list: kept whole.
    expect(page.problems.map((problem) => problem.code)).toEqual(['docker-list-oci-child']);
    // Entries 0, 3 and 4 are outside; the nested entry 5 of entry 4 counts among those with problems.
    expect(page.outside).toEqual({
      entries: 3,
      withProblems: 3,
      problems: [
        { code: 'duplicate-platform', severity: 'error', count: 3 },
        { code: 'platform-missing', severity: 'warning', count: 1 },
      ],
    });
    expect(InspectWindow.parse(page)).toEqual(page);
  });

  it('says the entries outside have no problems when they have none', () => {
    const page = windowOfInspect(answer([entry(0, [duplicate]), entry(1)], { from: 0, to: 1, total: 2, maxEntries: 1, nextFrom: 1 }));
    expect(page.entries).toHaveLength(1);
    expect(page.outside).toEqual({ entries: 1, withProblems: 0, problems: [] });
  });
});
