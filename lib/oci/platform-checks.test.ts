import { describe, expect, it } from 'vitest';
import { fixtureEntries, makePlatform as p } from './fixtures/read-fixture';
import { canonicalPlatform, KNOWN_ARCHITECTURES, KNOWN_OS, VARIANTS_BY_ARCH } from './platform';
import type { Platform } from './schemas';
import { checkPlatform, DOCKER_CLI_PAIRS } from './platform-checks';

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
