import { describe, expect, it } from 'vitest';
import { fixtureEntries, makePlatform as p } from './fixtures/read-fixture';
import { matchPlatform } from './platform-match';

describe('matchPlatform: the pull simulator', () => {
  const golang = fixtureEntries('golang-alpine.docker-list.json');
  const pause = fixtureEntries('pause-3.8.docker-list.json');

  it('picks the exact platform, arm64 with or without v8', () => {
    expect(matchPlatform(p('linux', 'amd64'), golang)).toBe(0);
    expect(matchPlatform(p('linux', 'arm64'), golang)).toBe(2);
    expect(matchPlatform(p('linux', 'arm64', 'v8'), pause)).toBe(2);
    expect(matchPlatform(p('linux', 's390x'), golang)).toBe(5);
  });

  it('falls back the way containerd does: arm v7 runs v6, arm64 runs arm, amd64 runs 386 and lower levels', () => {
    expect(matchPlatform(p('linux', 'arm', 'v7'), golang)).toBe(1);
    expect(matchPlatform(p('linux', 'arm', 'v5'), golang)).toBeNull();
    expect(matchPlatform(p('linux', 'arm64'), [{ platform: p('linux', 'arm', 'v7') }])).toBe(0);
    expect(matchPlatform(p('linux', 'amd64'), [{ platform: p('linux', '386') }])).toBe(0);
    expect(matchPlatform(p('linux', 'amd64', 'v2'), [{ platform: p('linux', 'amd64', 'v3') }, { platform: p('linux', 'amd64') }])).toBe(1);
    expect(matchPlatform(p('linux', 'amd64', 'v3'), [{ platform: p('linux', 'amd64') }, { platform: p('linux', 'amd64', 'v2') }])).toBe(1);
    expect(matchPlatform(p('linux', 'arm64', 'v8.2'), [{ platform: p('linux', 'arm64', 'v8.1') }, { platform: p('linux', 'arm64', 'v8.3') }])).toBe(0);
    expect(matchPlatform(p('linux', 'arm64', 'v9'), [{ platform: p('linux', 'arm', 'v7') }, { platform: p('linux', 'arm64', 'v8.5') }])).toBe(1);
    expect(matchPlatform(p('linux', 'arm', 'v7'), [{ platform: p('linux', 'arm64') }])).toBeNull();
  });

  it('prefers the closest platform over list order, and the first of equals', () => {
    const list = [{ platform: p('linux', 'arm', 'v6') }, { platform: p('linux', 'arm', 'v7') }, { platform: p('linux', 'arm', 'v7') }];
    expect(matchPlatform(p('linux', 'arm', 'v7'), list)).toBe(1);
  });

  it('reads the config of an entry without a platform, and ignores attestations', () => {
    expect(matchPlatform(p('linux', 'arm64'), [{ platform: null, config: { os: 'linux', architecture: 'arm64' } }])).toBe(0);
    expect(matchPlatform(p('linux', 'arm64'), [{ platform: null }, { platform: p('unknown', 'unknown') }])).toBeNull();
  });

  it('applies the Windows os.version rule', () => {
    expect(matchPlatform(p('windows', 'amd64', undefined, '10.0.17763.100'), pause)).toBe(5);
    expect(matchPlatform(p('windows', 'amd64', undefined, '10.0.19042.1'), pause)).toBe(6);
    expect(matchPlatform(p('windows', 'amd64', undefined, '10.0.20348.2227'), pause)).toBe(7);
    // Windows 11 22H2 runs Server 2022 (LTSC 20348) containers; Server 2025 (26100) does not.
    expect(matchPlatform(p('windows', 'amd64', undefined, '10.0.22621.1'), pause)).toBe(7);
    expect(matchPlatform(p('windows', 'amd64', undefined, '10.0.26100.1'), pause)).toBeNull();
    expect(matchPlatform(p('windows', 'amd64', undefined, '10.0.18362.1'), pause)).toBeNull();
    // Without a host version: the newest build.
    expect(matchPlatform(p('windows', 'amd64'), pause)).toBe(7);
  });
});
