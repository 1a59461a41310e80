import { describe, expect, it } from 'vitest';
import { attestationEntry, imageEntry } from '@/test/support/inspect-entries';
import { findSelectedEntry, selectionFor } from './selection';

const amd64 = imageEntry('linux/amd64');
const arm64 = imageEntry('linux/arm64/v8');
const attestation = attestationEntry(arm64.digest);
const entries = [amd64, arm64, attestation];

describe('findSelectedEntry', () => {
  it('finds a platform the way a runtime compares them', () => {
    expect(findSelectedEntry(entries, { platform: 'linux/arm64/v8' })).toBe(arm64);
    expect(findSelectedEntry(entries, { platform: 'linux/arm64' })).toBe(arm64);
    expect(findSelectedEntry(entries, { platform: 'linux/x86_64' })).toBe(amd64);
  });

  it('returns null for platforms not in the list and for nonsense', () => {
    expect(findSelectedEntry(entries, { platform: 'linux/s390x' })).toBeNull();
    expect(findSelectedEntry(entries, { platform: 'a//b' })).toBeNull();
    expect(findSelectedEntry(entries, {})).toBeNull();
  });

  it('never takes an attestation for a platform, but finds anything by digest, nested children included', () => {
    expect(findSelectedEntry([attestation], { platform: 'unknown/unknown' })).toBeNull();
    expect(findSelectedEntry(entries, { digest: attestation.digest })).toBe(attestation);
    const child = imageEntry('linux/riscv64');
    const nested = imageEntry(null, { role: 'index', children: [child] });
    expect(findSelectedEntry([nested], { digest: child.digest })).toBe(child);
  });
});

describe('selectionFor', () => {
  it('uses the platform when it finds the entry again, the digest otherwise', () => {
    expect(selectionFor(entries, arm64)).toEqual({ platform: 'linux/arm64/v8' });
    const duplicate = imageEntry('linux/amd64', { digest: `sha256:${'f'.repeat(64)}` });
    expect(selectionFor([amd64, duplicate], duplicate)).toEqual({ digest: duplicate.digest });
    expect(selectionFor(entries, attestation)).toEqual({ digest: attestation.digest });
  });
});
