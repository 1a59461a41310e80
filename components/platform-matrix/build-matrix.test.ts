import { describe, expect, it } from 'vitest';
import { attestationEntry, imageEntry } from '@/test/support/inspect-entries';
import { groupEntries } from '@/components/entry-table/group-entries';
import { buildMatrix, writtenAlias } from './build-matrix';

function layout(platforms: Array<string | null>) {
  return buildMatrix(groupEntries(platforms.map((p) => imageEntry(p))));
}

describe('buildMatrix', () => {
  it('lays the golang:alpine platforms out in one linux row, amd64 first', () => {
    const matrix = layout(['linux/s390x', 'linux/arm/v7', 'linux/amd64', 'linux/arm64/v8', 'linux/386', 'linux/ppc64le']);
    expect(matrix.columns.map((c) => c.label)).toEqual(['amd64', 'arm64/v8', 'arm/v7', '386', 'ppc64le', 's390x']);
    expect(matrix.rows.map((r) => r.os)).toEqual(['linux']);
    expect([...matrix.rows[0]!.cells.values()].flat()).toHaveLength(6);
    expect(matrix.unplaced).toEqual([]);
  });

  it('puts linux before windows and shares a cell between Windows builds', () => {
    const matrix = buildMatrix(
      groupEntries([
        imageEntry('windows/amd64', { digest: `sha256:${'1'.repeat(64)}`, platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' } }),
        imageEntry('windows/amd64', { digest: `sha256:${'2'.repeat(64)}`, platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' } }),
        imageEntry('linux/arm64'),
      ]),
    );
    expect(matrix.rows.map((r) => r.os)).toEqual(['linux', 'windows']);
    const builds = matrix.rows[1]!.cells.get('amd64')!.map((g) => g.entry.platform?.['os.version']);
    expect(builds).toEqual(['10.0.17763.1', '10.0.20348.1']);
  });

  it('puts an alias in its canonical column, marked, and leaves platform-less entries and attestations out', () => {
    const amd64 = imageEntry('linux/amd64');
    const groups = groupEntries([amd64, imageEntry('linux/x86_64'), imageEntry(null), attestationEntry(amd64.digest)]);
    const matrix = buildMatrix(groups);
    expect(matrix.columns).toEqual([{ key: 'amd64', label: 'amd64' }]);
    expect(matrix.rows[0]!.cells.get('amd64')!.map((g) => writtenAlias(g.entry.platform!))).toEqual([null, 'x86_64']);
    expect(matrix.unplaced.map((g) => g.entry.platform)).toEqual([null]);
    expect(matrix.rows[0]!.cells.get('amd64')![0]!.attestations).toHaveLength(1);
  });

  it('places an image the list gives no platform (a single-manifest tag) by its config', () => {
    const single = imageEntry(null, { config: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    const matrix = buildMatrix(groupEntries([single]));
    expect(matrix.columns).toEqual([{ key: 'arm64', label: 'arm64/v8' }]);
    expect(matrix.rows[0]!.cells.get('arm64')![0]!.entry).toBe(single);
    expect(matrix.unplaced).toEqual([]);
  });
});
