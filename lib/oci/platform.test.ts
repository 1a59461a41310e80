import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePlatform as p } from './fixtures/read-fixture';
import { comparePlatforms, disagreesWithConfig, formatPlatform, InvalidPlatformError, normalizePlatform, parsePlatform, platformKey, platformsEqual } from './platform';

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
