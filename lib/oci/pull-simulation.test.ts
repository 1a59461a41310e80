import { describe, expect, it } from 'vitest';
import { imageEntry } from '@/test/support/inspect-entries';
import type { InspectEntry } from './entry';
import { simulatePull } from './pull-simulation';

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
    expect(simulatePull('linux/s390x', list)).toEqual({ kind: 'none', host: 'linux/s390x', runnable: null });
    expect(simulatePull('unknown/unknown', list).kind).toBe('none');
  });

  it('applies the Windows os.version rule', () => {
    expect(simulatePull('windows/amd64 10.0.17763.5000', list)).toMatchObject({ entry: { digest: 'sha256:win17763' } });
    expect(simulatePull('windows/amd64 10.0.20348.2227', list)).toMatchObject({ entry: { digest: 'sha256:win20348' } });
  });

  it('says what is wrong with text that is not a platform', () => {
    expect(simulatePull('///', list).kind).toBe('invalid');
  });

  it('trusts the annotation as containerd does, and says when the image inside is built for another machine', () => {
    // The wrong-arch seed: an arm64/v8 image listed as linux/amd64, then the real amd64 image listed as x86_64.
    const wrongArch = [
      entry('sha256:liar', { os: 'linux', architecture: 'amd64' }, { config: { os: 'linux', architecture: 'arm64', variant: 'v8' } }),
      entry('sha256:x86', { os: 'linux', architecture: 'x86_64' }, { config: { os: 'linux', architecture: 'amd64' } }),
    ];
    const outcome = simulatePull('linux/amd64', wrongArch);
    expect(outcome).toMatchObject({
      kind: 'match',
      entry: { digest: 'sha256:liar' },
      configPlatform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      runsOnHost: false,
      runnable: { digest: 'sha256:x86' },
      failure: null,
    });
    // An arm64 host is handed the x86_64-listed entry? No: x86_64 normalises to amd64, and the arm64 image is listed amd64.
    expect(simulatePull('linux/arm64', wrongArch)).toMatchObject({ kind: 'none', runnable: { digest: 'sha256:liar' } });
  });

  it('reports a missing child as a failed pull, never skips it', () => {
    const dangling = [
      entry('sha256:gone', { os: 'linux', architecture: 'amd64' }, { missing: { reason: 'manifest unknown', status: 404 }, config: null }),
      entry('sha256:arm', { os: 'linux', architecture: 'arm64', variant: 'v8' }),
    ];
    expect(simulatePull('linux/amd64', dangling)).toMatchObject({
      kind: 'match',
      entry: { digest: 'sha256:gone' },
      failure: { reason: 'manifest unknown', status: 404 },
    });
  });

  it('does not warn when the annotation and the config agree', () => {
    expect(simulatePull('linux/amd64', list)).toMatchObject({ configPlatform: null, runsOnHost: true, runnable: null });
  });
});
