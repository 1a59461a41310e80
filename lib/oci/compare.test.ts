import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAnnotations, compareLists, type ComparableEntry, type ComparableList } from './compare';
import type { Platform } from './schemas';

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const linux = (architecture: string, variant?: string): Platform => ({ os: 'linux', architecture, ...(variant ? { variant } : {}) });
const image = (n: number, platform: Platform | null, extra: Partial<ComparableEntry> = {}): ComparableEntry => ({
  digest: digest(n),
  size: 100 + n,
  platform,
  ...extra,
});
const attestation = (n: number, subject: number): ComparableEntry => ({
  digest: digest(n),
  size: 50,
  platform: { os: 'unknown', architecture: 'unknown' },
  subject: digest(subject),
});
const list = (entries: ComparableEntry[], extra: Partial<ComparableList> = {}): ComparableList => ({
  reference: 'r.example/app:1',
  digest: digest(999),
  mediaType: 'application/vnd.oci.image.index.v1+json',
  entries,
  ...extra,
});

describe('compareLists', () => {
  it('matches platforms by identity, says how each side spells them, and orders rows like the platform matrix', () => {
    const a = list([image(1, linux('x86_64')), image(2, linux('arm64', 'v8')), image(3, linux('s390x'))]);
    const b = list([image(4, linux('arm64')), image(1, linux('amd64')), image(5, linux('ppc64le'))], { reference: 'r.example/app:2', digest: digest(998) });
    const result = compareLists(a, b);
    expect(result.a).toEqual({ reference: 'r.example/app:1', digest: digest(999) });
    expect(result.platforms.map((row) => [row.platform, row.status])).toEqual([
      ['linux/amd64', 'same'],
      ['linux/arm64/v8', 'changed'],
      ['linux/ppc64le', 'added'],
      ['linux/s390x', 'removed'],
    ]);
    expect(result.platforms[0]).toMatchObject({ written: { a: 'linux/x86_64', b: 'linux/amd64' }, a: { digest: digest(1) }, b: { digest: digest(1) } });
    expect(result.platforms[1]).toMatchObject({ written: { a: 'linux/arm64/v8', b: 'linux/arm64' } });
    expect(result.platforms[2]).not.toHaveProperty('a');
    expect(result.platforms[3]).not.toHaveProperty('b');
    expect(result.platforms[3]).not.toHaveProperty('written');
  });

  it('pairs attestations with their images instead of listing unknown/unknown as a platform', () => {
    const a = list([image(1, linux('amd64')), image(2, linux('arm64')), attestation(11, 1), attestation(12, 2)]);
    const b = list([image(1, linux('amd64')), image(3, linux('arm64')), attestation(11, 1), attestation(13, 3)]);
    const result = compareLists(a, b);
    expect(result.platforms.map((row) => row.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(result.platforms[0]!.attestations).toEqual([{ status: 'same', a: { digest: digest(11), size: 50 }, b: { digest: digest(11), size: 50 } }]);
    expect(result.platforms[1]).toMatchObject({ status: 'changed', attestations: [{ status: 'changed', a: { digest: digest(12) }, b: { digest: digest(13) } }] });
  });

  it('reports an attestation only one side has', () => {
    const result = compareLists(list([image(1, linux('amd64'))]), list([image(1, linux('amd64')), attestation(11, 1)]));
    expect(result.platforms[0]).toMatchObject({ status: 'same', attestations: [{ status: 'added', b: { digest: digest(11) } }] });
  });

  it('uses the config platform of a single image, and carries created dates', () => {
    const single = list([image(7, null, { configPlatform: linux('arm64'), created: '2024-06-01T12:00:00Z' })]);
    const result = compareLists(single, list([image(8, linux('arm64', 'v8'))]));
    expect(result.platforms).toEqual([
      { platform: 'linux/arm64/v8', status: 'changed', a: { digest: digest(7), size: 107, created: '2024-06-01T12:00:00Z' }, b: { digest: digest(8), size: 108 } },
    ]);
  });

  it('keeps Windows builds apart, compares a repeated platform occurrence by occurrence, and keys platformless entries by digest', () => {
    const win = (build: string): Platform => ({ os: 'windows', architecture: 'amd64', 'os.version': `10.0.${build}` });
    const a = list([image(1, win('17763.1')), image(2, win('20348.1')), image(3, linux('amd64')), image(4, linux('amd64')), image(5, null)]);
    const b = list([image(2, win('20348.1')), image(3, linux('amd64')), image(6, null)]);
    const rows = compareLists(a, b).platforms.map((row) => [row.platform, row.status, row.a?.digest ?? row.b?.digest]);
    expect(rows).toEqual([
      ['linux/amd64', 'same', digest(3)],
      ['linux/amd64', 'removed', digest(4)],
      ['windows/amd64 10.0.17763.1', 'removed', digest(1)],
      ['windows/amd64 10.0.20348.1', 'same', digest(2)],
      ['(no platform)', 'removed', digest(5)],
      ['(no platform)', 'added', digest(6)],
    ]);
  });

  it('compares media types and index annotations', () => {
    const result = compareLists(
      list([], { mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json', annotations: { keep: '1', drop: 'x', edit: 'a' } }),
      list([], { annotations: { keep: '1', edit: 'b', add: 'y' } }),
    );
    expect(result.mediaType).toEqual({ a: 'application/vnd.docker.distribution.manifest.list.v2+json', b: 'application/vnd.oci.image.index.v1+json' });
    expect(result.annotations).toEqual({ added: { add: 'y' }, removed: { drop: 'x' }, changed: { edit: { a: 'a', b: 'b' } } });
  });

  it('is symmetric: swapping the sides swaps added and removed and nothing else', () => {
    const arch = fc.constantFrom('amd64', 'x86_64', 'arm64', 'aarch64', 's390x', 'riscv64');
    const entries = fc.uniqueArray(fc.record({ n: fc.integer({ min: 1, max: 12 }), arch }), { selector: (e) => e.n, maxLength: 8 });
    const swap = { same: 'same', changed: 'changed', added: 'removed', removed: 'added' } as const;
    fc.assert(
      fc.property(entries, entries, (x, y) => {
        const a = list(x.map((e) => image(e.n, linux(e.arch))));
        const b = list(y.map((e) => image(e.n, linux(e.arch))));
        const forward = compareLists(a, b).platforms.map((row) => `${row.platform} ${row.status}`);
        const backward = compareLists(b, a).platforms.map((row) => `${row.platform} ${swap[row.status]}`);
        expect(backward.sort()).toEqual(forward.sort());
        expect(compareLists(a, a).platforms.every((row) => row.status === 'same')).toBe(true);
      }),
    );
  });
});

describe('compareAnnotations', () => {
  it('treats absent maps as empty', () => {
    expect(compareAnnotations(undefined, { a: '1' })).toEqual({ added: { a: '1' }, removed: {}, changed: {} });
    expect(compareAnnotations(null, null)).toEqual({ added: {}, removed: {}, changed: {} });
  });
});
