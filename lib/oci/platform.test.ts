import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFixture } from './fixtures/read-fixture';
import {
  canonicalPlatform,
  checkPlatform,
  comparePlatforms,
  disagreesWithConfig,
  DOCKER_CLI_PAIRS,
  formatPlatform,
  InvalidPlatformError,
  KNOWN_ARCHITECTURES,
  KNOWN_OS,
  matchPlatform,
  normalizePlatform,
  parsePlatform,
  platformKey,
  platformsEqual,
  VARIANTS_BY_ARCH,
} from './platform';
import type { Platform } from './platform';

const p = (os: string, architecture: string, variant?: string, osVersion?: string): Platform => ({
  os,
  architecture,
  ...(variant === undefined ? {} : { variant }),
  ...(osVersion === undefined ? {} : { 'os.version': osVersion }),
});

function fixtureEntries(name: string): { platform?: Platform }[] {
  return JSON.parse(new TextDecoder().decode(readFixture(name))).manifests;
}

describe('normalizePlatform (containerd rules)', () => {
  it.each([
    [p('Linux', 'amd64'), p('linux', 'amd64')],
    [p('macos', 'arm64'), p('darwin', 'arm64')],
    [p('linux', 'x86_64'), p('linux', 'amd64')],
    [p('linux', 'x86-64', 'v1'), p('linux', 'amd64')],
    [p('linux', 'amd64', 'v3'), p('linux', 'amd64', 'v3')],
    [p('linux', 'aarch64'), p('linux', 'arm64')],
    [p('linux', 'arm64', 'v8'), p('linux', 'arm64')],
    [p('linux', 'arm64', '8'), p('linux', 'arm64')],
    [p('linux', 'arm64', 'v8.0'), p('linux', 'arm64')],
    [p('linux', 'arm64', '9'), p('linux', 'arm64', 'v9')],
    [p('linux', 'arm64', 'v8.2'), p('linux', 'arm64', 'v8.2')],
    [p('linux', 'armhf'), p('linux', 'arm', 'v7')],
    [p('linux', 'armel'), p('linux', 'arm', 'v6')],
    [p('linux', 'arm'), p('linux', 'arm', 'v7')],
    [p('linux', 'arm', '7'), p('linux', 'arm', 'v7')],
    [p('linux', 'arm', '5'), p('linux', 'arm', 'v5')],
    [p('linux', 'arm', '6'), p('linux', 'arm', 'v6')],
    [p('linux', 'arm', '8'), p('linux', 'arm', 'v8')],
    [p('linux', 'i386'), p('linux', '386')],
    [p('windows', 'AMD64', undefined, '10.0.20348.2227'), p('windows', 'amd64', undefined, '10.0.20348.2227')],
  ])('%j → %j', (input, expected) => {
    expect(normalizePlatform(input)).toEqual(expected);
  });

  it('sorts and de-duplicates os.features, keeps unknown fields', () => {
    expect(normalizePlatform({ ...p('windows', 'amd64'), 'os.features': ['win32k', 'a', 'win32k'], extra: 1 })).toEqual({
      ...p('windows', 'amd64'),
      'os.features': ['a', 'win32k'],
      extra: 1,
    });
  });

  it('is idempotent', () => {
    const arch = fc.constantFrom('amd64', 'x86_64', 'aarch64', 'arm64', 'arm', 'armhf', 'armel', 'i386', '386', 'ppc64le', 'RISCV64');
    const variant = fc.option(fc.constantFrom('', 'v1', 'v2', '5', '6', '7', '8', 'v8', 'v8.0', '9', 'v9.0', 'v8.2'), { nil: undefined });
    fc.assert(
      fc.property(fc.constantFrom('linux', 'Linux', 'macos', 'windows'), arch, variant, (os, a, v) => {
        const once = normalizePlatform(p(os, a, v));
        expect(normalizePlatform(once)).toEqual(once);
      }),
    );
  });
});

describe('platformKey: the identity', () => {
  it('§9 case 2: arm64 without a variant and arm64/v8 are one platform', () => {
    expect(platformKey(p('linux', 'arm64'))).toBe('linux/arm64');
    expect(platformKey(p('linux', 'arm64', 'v8'))).toBe('linux/arm64');
    expect(platformsEqual(p('linux', 'aarch64', '8'), p('linux', 'arm64'))).toBe(true);
    expect(platformsEqual(p('linux', 'arm'), p('linux', 'arm', 'v7'))).toBe(true);
  });

  it('§9 case 23: Windows builds 17763 and 20348 are different platforms', () => {
    const ltsc2019 = p('windows', 'amd64', undefined, '10.0.17763.5329');
    const ltsc2022 = p('windows', 'amd64', undefined, '10.0.20348.2227');
    expect(platformKey(ltsc2022)).toBe('windows(10.0.20348.2227)/amd64');
    expect(platformsEqual(ltsc2019, ltsc2022)).toBe(false);
  });

  it('keeps variants that matter apart', () => {
    expect(platformsEqual(p('linux', 'arm', 'v6'), p('linux', 'arm', 'v7'))).toBe(false);
    expect(platformsEqual(p('linux', 'amd64'), p('linux', 'amd64', 'v2'))).toBe(false);
    expect(platformsEqual(p('linux', 'amd64'), p('linux', 'amd64', 'v1'))).toBe(true);
  });
});

describe('disagreesWithConfig', () => {
  it('compares normalised os/arch/variant, and os.version only when both have one', () => {
    expect(disagreesWithConfig(p('linux', 'arm64'), p('linux', 'arm64', 'v8'))).toBe(false);
    expect(disagreesWithConfig(p('linux', 'x86_64'), p('linux', 'amd64'))).toBe(false);
    expect(disagreesWithConfig(p('linux', 'amd64'), p('linux', 'arm64', 'v8'))).toBe(true);
    expect(disagreesWithConfig(p('linux', 'arm', 'v7'), p('linux', 'arm', 'v6'))).toBe(true);
    expect(disagreesWithConfig(p('windows', 'amd64'), p('windows', 'amd64', undefined, '10.0.20348.1'))).toBe(false);
    expect(disagreesWithConfig(p('windows', 'amd64', undefined, '10.0.17763.1'), p('windows', 'amd64', undefined, '10.0.20348.1'))).toBe(true);
  });
});

describe('formatPlatform and parsePlatform', () => {
  it('formats as written', () => {
    expect(formatPlatform(p('linux', 'arm64', 'v8'))).toBe('linux/arm64/v8');
    expect(formatPlatform(p('windows', 'amd64', undefined, '10.0.20348.2227'))).toBe('windows/amd64 10.0.20348.2227');
  });

  it.each([
    ['linux/arm/v7', p('linux', 'arm', 'v7')],
    ['linux/arm', p('linux', 'arm')],
    [' linux/amd64 ', p('linux', 'amd64')],
    ['arm64', p('linux', 'arm64')],
    ['windows/amd64 10.0.20348.2227', p('windows', 'amd64', undefined, '10.0.20348.2227')],
    ['windows(10.0.17763.5329)/amd64', p('windows', 'amd64', undefined, '10.0.17763.5329')],
  ])('parses %j', (text, expected) => {
    expect(parsePlatform(text)).toEqual(expected);
  });

  it.each(['', 'linux', 'linux/', '/amd64', 'linux/arm/v7/x', 'linux amd64 x'])('rejects %j', (text) => {
    expect(() => parsePlatform(text)).toThrow(InvalidPlatformError);
  });

  it('parse(format(p)) and parse(platformKey(p)) give p back', () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,8}$/);
    const version = fc.option(fc.stringMatching(/^10\.0\.\d{4,5}\.\d{1,4}$/), { nil: undefined });
    fc.assert(
      fc.property(name, name, fc.option(name, { nil: undefined }), version, (os, arch, variant, osVersion) => {
        const platform = p(os, arch, variant, osVersion);
        expect(parsePlatform(formatPlatform(platform))).toEqual(platform);
        const normal = normalizePlatform(platform);
        expect(normalizePlatform(parsePlatform(platformKey(platform)))).toEqual(normal);
      }),
    );
  });
});

describe('comparePlatforms', () => {
  it('sorts linux first, then amd64, arm64, arm, 386, ppc64le, s390x, and unknown last', () => {
    const shuffled = [
      p('unknown', 'unknown'),
      p('linux', 's390x'),
      p('windows', 'amd64', undefined, '10.0.20348.707'),
      p('linux', 'arm', 'v7'),
      p('windows', 'amd64', undefined, '10.0.17763.2928'),
      p('linux', '386'),
      p('linux', 'arm', 'v6'),
      p('linux', 'ppc64le'),
      p('linux', 'arm64', 'v8'),
      p('linux', 'amd64'),
      p('linux', 'riscv64'),
    ];
    expect([...shuffled].sort(comparePlatforms).map(formatPlatform)).toEqual([
      'linux/amd64',
      'linux/arm64/v8',
      'linux/arm/v6',
      'linux/arm/v7',
      'linux/386',
      'linux/ppc64le',
      'linux/s390x',
      'linux/riscv64',
      'windows/amd64 10.0.17763.2928',
      'windows/amd64 10.0.20348.707',
      'unknown/unknown',
    ]);
  });
});

describe('checkPlatform', () => {
  const codes = (platform: Platform) => checkPlatform(platform).map((f) => f.code);

  it('§9 case 1: x86_64, aarch64, armhf and armel get the canonical suggestion with a warning', () => {
    for (const [arch, suggestion] of [
      ['x86_64', p('linux', 'amd64')],
      ['aarch64', p('linux', 'arm64')],
      ['armhf', p('linux', 'arm', 'v7')],
      ['armel', p('linux', 'arm', 'v6')],
      ['i386', p('linux', '386')],
    ] as const) {
      const [finding, ...rest] = checkPlatform(p('linux', arch));
      expect(finding).toMatchObject({ code: 'non-canonical-architecture', severity: 'warning', suggestion });
      expect(finding!.message).toContain(arch);
      expect(rest).toEqual([]);
    }
  });

  it('refuses aliases no runtime translates (armv7, i686, osx) with an error and the suggestion', () => {
    expect(checkPlatform(p('linux', 'armv7'))).toEqual([
      expect.objectContaining({ code: 'non-canonical-architecture', severity: 'error', suggestion: p('linux', 'arm', 'v7'), message: expect.stringContaining('write linux/arm/v7') }),
    ]);
    expect(checkPlatform(p('linux', 'i686'))[0]).toMatchObject({ severity: 'error', suggestion: p('linux', '386') });
    expect(checkPlatform(p('osx', 'arm64'))[0]).toMatchObject({ code: 'non-canonical-os', severity: 'error', suggestion: p('darwin', 'arm64') });
  });

  it('keeps an arm64 v8 given in any spelling as v8 in the suggestion', () => {
    expect(checkPlatform(p('linux', 'aarch64', 'v8'))[0]?.suggestion).toEqual(p('linux', 'arm64', 'v8'));
    expect(checkPlatform(p('linux', 'arm64', '8'))[0]).toMatchObject({ code: 'non-canonical-variant', suggestion: p('linux', 'arm64', 'v8') });
  });

  it('flags a non-canonical OS name', () => {
    expect(checkPlatform(p('Linux', 'amd64'))).toEqual([expect.objectContaining({ code: 'non-canonical-os', suggestion: p('linux', 'amd64') })]);
    expect(checkPlatform(p('macos', 'arm64'))[0]?.suggestion).toEqual(p('darwin', 'arm64'));
  });

  it('accepts the canonical platforms of real lists without findings', () => {
    for (const name of ['golang-alpine.docker-list.json', 'pause-3.8.docker-list.json', 'phpmyadmin-latest.docker-list.json']) {
      for (const entry of fixtureEntries(name)) expect(checkPlatform(entry.platform!)).toEqual([]);
    }
  });

  it('§9 case 2: windows/arm64 is allowed with a warning (outside docker CLI pairs)', () => {
    expect(checkPlatform(p('windows', 'arm64'))).toEqual([expect.objectContaining({ code: 'not-docker-cli-pair', severity: 'warning' })]);
    expect(codes(p('linux', 'loong64'))).toEqual(['not-docker-cli-pair']);
  });

  it('refuses what no Go runtime knows', () => {
    expect(codes(p('linux', 'sparc'))).toEqual(['unknown-architecture']);
    expect(codes(p('beos', 'amd64'))).toEqual(['unknown-os']);
    expect(codes(p('plan9', 'arm64'))).toEqual(['unknown-pair']);
    expect(checkPlatform(p('plan9', 'arm64'))[0]?.severity).toBe('error');
  });

  it('flags variants unusual for the architecture, and arm without one', () => {
    expect(codes(p('linux', 'amd64', 'v8'))).toEqual(['unusual-variant']);
    expect(codes(p('linux', 'amd64', 'v1'))).toEqual(['non-canonical-variant']);
    expect(codes(p('linux', 's390x', 'v1'))).toEqual(['unusual-variant']);
    expect(codes(p('linux', 'arm', 'v9'))).toEqual(['unusual-variant']);
    expect(codes(p('linux', 'arm64', 'v8.2'))).toEqual([]);
    expect(checkPlatform(p('linux', 'arm'))).toEqual([expect.objectContaining({ code: 'arm-variant-missing', severity: 'info', suggestion: p('linux', 'arm', 'v7') })]);
  });

  it('notes os.version off Windows and unsorted os.features', () => {
    expect(codes(p('linux', 'amd64', undefined, '10.0.1'))).toEqual(['os-version-not-windows']);
    const unsorted = { ...p('windows', 'amd64'), 'os.features': ['win32k', 'a', 'a'] };
    expect(checkPlatform(unsorted)).toEqual([expect.objectContaining({ code: 'os-features-not-normalized', suggestion: { ...p('windows', 'amd64'), 'os.features': ['a', 'win32k'] } })]);
  });

  it('canonicalPlatform resolves aliases without touching unknown fields', () => {
    expect(canonicalPlatform({ ...p('Linux', 'armv7l'), extra: true })).toEqual({ ...p('linux', 'arm', 'v7'), extra: true });
  });
});

describe('tables', () => {
  it('has docker CLI’s 28 pairs, all made of known names', () => {
    expect(DOCKER_CLI_PAIRS).toHaveLength(28);
    expect(new Set(DOCKER_CLI_PAIRS).size).toBe(28);
    for (const pair of DOCKER_CLI_PAIRS) {
      const [os, arch] = pair.split('/') as [string, string];
      expect(KNOWN_OS).toContain(os);
      expect(KNOWN_ARCHITECTURES).toContain(arch);
      expect(checkPlatform(p(os, arch, arch === 'arm' ? 'v7' : undefined))).toEqual([]);
    }
    expect(DOCKER_CLI_PAIRS).not.toContain('windows/arm64');
  });

  it('offers only variants that pass the check', () => {
    for (const [arch, variants] of Object.entries(VARIANTS_BY_ARCH)) {
      for (const variant of variants) {
        // Pairs outside docker CLI's list (linux/ppc64, linux/mips…) keep that warning; nothing about the variant.
        expect(checkPlatform(p('linux', arch, variant)).filter((f) => f.code !== 'not-docker-cli-pair')).toEqual([]);
      }
    }
  });
});

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
