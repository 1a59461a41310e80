import { describe, expect, it } from 'vitest';
import { attestationEntry, digestOf, imageEntry } from '@/test/support/inspect-entries';
import { allEntries, groupEntries } from './group-entries';

describe('groupEntries', () => {
  it('folds each attestation under the image it describes and keeps list positions', () => {
    const amd64 = imageEntry('linux/amd64');
    const arm64 = imageEntry('linux/arm64');
    const groups = groupEntries([amd64, arm64, attestationEntry(amd64.digest), attestationEntry(arm64.digest)]);
    expect(groups.map((g) => [g.position, g.entry.digest, g.attestations.map((a) => a.subject)])).toEqual([
      [1, amd64.digest, [amd64.digest]],
      [2, arm64.digest, [arm64.digest]],
    ]);
  });

  it("numbers a long list's window by the list's own positions", () => {
    const groups = groupEntries([imageEntry('linux/amd64'), imageEntry('linux/arm64')], 500);
    expect(groups.map((g) => g.position)).toEqual([501, 502]);
  });

  it('keeps an attestation whose subject is not in the list as its own row', () => {
    const orphan = attestationEntry(digestOf('gone'));
    const groups = groupEntries([imageEntry('linux/amd64'), orphan]);
    expect(groups.map((g) => g.entry)).toEqual([expect.objectContaining({ role: 'image' }), orphan]);
    expect(groups[1]!.position).toBe(2);
  });

  it('never folds an attestation under another attestation', () => {
    const first = attestationEntry(digestOf('gone'), 'a1');
    const second = attestationEntry(first.digest, 'a2');
    expect(groupEntries([first, second])).toHaveLength(2);
  });
});

describe('allEntries', () => {
  it('walks nested index children depth first', () => {
    const inner = imageEntry('linux/riscv64');
    const nested = imageEntry(null, { role: 'index', children: [inner] });
    const top = imageEntry('linux/amd64');
    expect(allEntries([top, nested]).map((e) => e.digest)).toEqual([top.digest, nested.digest, inner.digest]);
  });
});
