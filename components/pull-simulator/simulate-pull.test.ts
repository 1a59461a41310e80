import { describe, expect, it } from 'vitest';
import { imageEntry } from '@/test/support/inspect-entries';
import type { InspectEntry } from '@/lib/api/inspect';
import { simulatePull } from './simulate-pull';

const entry = (digest: string, platform: InspectEntry['platform'], extra: Partial<InspectEntry> = {}): InspectEntry =>
  imageEntry(null, { digest, platform, ...extra });

const list: InspectEntry[] = [
  entry('sha256:amd64', { os: 'linux', architecture: 'amd64' }),
  entry('sha256:armv6', { os: 'linux', architecture: 'arm', variant: 'v6' }),
  entry('sha256:arm64', { os: 'linux', architecture: 'arm64', variant: 'v8' }),
  entry('sha256:att', { os: 'unknown', architecture: 'unknown' }, { role: 'attestation', subject: 'sha256:amd64' }),
  entry('sha256:win17763', { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.5000' }),
  entry('sha256:win20348', { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227' }),
];

describe('simulatePull', () => {
  it('picks the exact platform when the list has it, arm64 with or without v8', () => {
    expect(simulatePull('linux/arm64', list)).toMatchObject({ kind: 'match', entry: { digest: 'sha256:arm64' } });
    expect(simulatePull('linux/amd64', list)).toMatchObject({ kind: 'match', entry: { digest: 'sha256:amd64' }, isExact: true });
  });

  it('falls back to a lower arm variant, and says it is not exact', () => {
    expect(simulatePull('linux/arm/v7', list)).toMatchObject({ kind: 'match', entry: { digest: 'sha256:armv6' }, isExact: false });
  });

  it('normalises what the user types, as containerd does', () => {
    expect(simulatePull('linux/aarch64', list)).toMatchObject({ kind: 'match', entry: { digest: 'sha256:arm64' } });
  });

  it('finds nothing for a platform the list lacks, and never answers with an attestation', () => {
    expect(simulatePull('linux/s390x', list)).toEqual({ kind: 'none', host: 'linux/s390x' });
    expect(simulatePull('unknown/unknown', list).kind).toBe('none');
  });

  it('applies the Windows os.version rule', () => {
    expect(simulatePull('windows/amd64 10.0.17763.5000', list)).toMatchObject({ entry: { digest: 'sha256:win17763' } });
    expect(simulatePull('windows/amd64 10.0.20348.2227', list)).toMatchObject({ entry: { digest: 'sha256:win20348' } });
  });

  it('says what is wrong with text that is not a platform', () => {
    expect(simulatePull('///', list).kind).toBe('invalid');
  });
});
