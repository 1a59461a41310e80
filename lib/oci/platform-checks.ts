import { canonicalPlatform, formatPlatform, KNOWN_ARCHITECTURES, KNOWN_OS, normalizeArch, normalizeOs, sortedUniqueFeatures, VARIANTS_BY_ARCH } from './platform';
import type { Platform } from './schemas';

/*
 * What is questionable about a platform as written: names runtimes translate or do not know, os/arch pairs no Go
 * runtime builds, unusual variants. The lists are what `docker manifest annotate` accepts (registry-protocol.md §1)
 * and the Go port list (`go tool dist list`).
 */

/** The os/arch pairs Go knows (`go tool dist list`), plus darwin/386 and darwin/arm that older releases built. */
const GO_PAIRS: readonly string[] = [
  'aix/ppc64',
  'android/386', 'android/amd64', 'android/arm', 'android/arm64',
  'darwin/386', 'darwin/amd64', 'darwin/arm', 'darwin/arm64',
  'dragonfly/amd64',
  'freebsd/386', 'freebsd/amd64', 'freebsd/arm', 'freebsd/arm64', 'freebsd/riscv64',
  'illumos/amd64',
  'ios/amd64', 'ios/arm64',
  'js/wasm',
  'linux/386', 'linux/amd64', 'linux/arm', 'linux/arm64', 'linux/loong64', 'linux/mips', 'linux/mips64',
  'linux/mips64le', 'linux/mipsle', 'linux/ppc64', 'linux/ppc64le', 'linux/riscv64', 'linux/s390x',
  'netbsd/386', 'netbsd/amd64', 'netbsd/arm', 'netbsd/arm64',
  'openbsd/386', 'openbsd/amd64', 'openbsd/arm', 'openbsd/arm64', 'openbsd/mips64', 'openbsd/ppc64', 'openbsd/riscv64',
  'plan9/386', 'plan9/amd64', 'plan9/arm',
  'solaris/amd64',
  'wasip1/wasm',
  'windows/386', 'windows/amd64', 'windows/arm', 'windows/arm64',
];
const GO_PAIR_SET = new Set(GO_PAIRS);

/** The 28 os/arch pairs `docker manifest annotate` accepts (docker/cli cli/command/manifest/util.go). */
export const DOCKER_CLI_PAIRS: readonly string[] = [
  'darwin/386', 'darwin/amd64', 'darwin/arm', 'darwin/arm64',
  'dragonfly/amd64',
  'freebsd/386', 'freebsd/amd64', 'freebsd/arm',
  'linux/386', 'linux/amd64', 'linux/arm', 'linux/arm64', 'linux/ppc64le', 'linux/mips64', 'linux/mips64le',
  'linux/riscv64', 'linux/s390x',
  'netbsd/386', 'netbsd/amd64', 'netbsd/arm',
  'openbsd/386', 'openbsd/amd64', 'openbsd/arm',
  'plan9/386', 'plan9/amd64',
  'solaris/amd64',
  'windows/386', 'windows/amd64',
];
const DOCKER_CLI_PAIR_SET = new Set(DOCKER_CLI_PAIRS);

/** A param that has no variant to name (ICU messages select on it: `{canonical, select, none {…} other {…}}`). */
const NO_VARIANT = 'none';

export type PlatformFindingCode =
  | 'non-canonical-os'
  | 'non-canonical-architecture'
  | 'non-canonical-variant'
  | 'arm-variant-missing'
  | 'unknown-os'
  | 'unknown-architecture'
  | 'unknown-pair'
  | 'not-docker-cli-pair'
  | 'unusual-variant'
  | 'os-version-not-windows'
  | 'os-features-not-normalized';

export type PlatformFinding = {
  code: PlatformFindingCode;
  severity: 'error' | 'warning' | 'info';
  /** The English message; `params` are the values it is made of, for writing it in another language. */
  message: string;
  params: Record<string, string>;
  /** The platform to write instead, when there is one. */
  suggestion?: Platform;
};

/** Findings whose names a runtime would still understand, but tools like `docker manifest` reject. */
export const NON_CANONICAL_FINDINGS: ReadonlySet<PlatformFindingCode> = new Set([
  'non-canonical-os',
  'non-canonical-architecture',
  'non-canonical-variant',
]);

/**
 * A name containerd translates (x86_64, aarch64, armhf, Linux…) still runs, so it is a warning; an alias only
 * people use (armv7, i686, osx…) matches no runtime, so it is an error.
 */
function nameFindings(p: Platform, canonical: Platform): PlatformFinding[] {
  const findings: PlatformFinding[] = [];
  const target = formatPlatform(canonical);
  if (canonical.os !== p.os) {
    const isTranslated = normalizeOs(p.os) === canonical.os;
    findings.push({
      code: 'non-canonical-os',
      severity: isTranslated ? 'warning' : 'error',
      message: isTranslated
        ? `OS "${p.os}" is written "${canonical.os}": write ${target}. containerd reads it, but docker manifest annotate rejects it.`
        : `OS "${p.os}" is not a GOOS name and runtimes do not translate it, so no machine would pull this entry: write ${target}.`,
      params: { written: p.os, canonical: canonical.os, target, runtimes: isTranslated ? 'translate' : 'reject' },
      suggestion: canonical,
    });
  }
  if (canonical.architecture !== p.architecture) {
    const isTranslated = normalizeArch(p.architecture, p.variant ?? '').architecture === canonical.architecture;
    findings.push({
      code: 'non-canonical-architecture',
      severity: isTranslated ? 'warning' : 'error',
      message: isTranslated
        ? `Architecture "${p.architecture}" is an alias of ${canonical.architecture}: write ${target}. containerd translates it, but docker manifest annotate rejects it and registries' platform filters miss it.`
        : `Architecture "${p.architecture}" is not a GOARCH name and runtimes do not translate it, so no machine would pull this entry: write ${target}.`,
      params: { written: p.architecture, canonical: canonical.architecture, target, runtimes: isTranslated ? 'translate' : 'reject' },
      suggestion: canonical,
    });
  } else if ((canonical.variant ?? '') !== (p.variant ?? '') && p.variant) {
    findings.push({
      code: 'non-canonical-variant',
      severity: 'warning',
      message: `Variant "${p.variant}" is written "${canonical.variant ?? '(none)'}" for ${canonical.architecture}: write ${target}.`,
      params: { written: p.variant, canonical: canonical.variant ?? NO_VARIANT, architecture: canonical.architecture, target },
      suggestion: canonical,
    });
  }
  return findings;
}

function pairFindings(canonical: Platform): PlatformFinding[] {
  const { os, architecture } = canonical;
  const pair = `${os}/${architecture}`;
  if (!KNOWN_OS.includes(os)) {
    const known = KNOWN_OS.slice(0, 4).join(', ');
    return [{ code: 'unknown-os', severity: 'error', message: `No Go runtime knows the OS "${os}": use one of ${known}, ….`, params: { os, known } }];
  }
  if (!KNOWN_ARCHITECTURES.includes(architecture)) {
    return [
      {
        code: 'unknown-architecture',
        severity: 'error',
        message: `No Go runtime knows the architecture "${architecture}": use one of ${KNOWN_ARCHITECTURES.slice(0, 7).join(', ')}, ….`,
        params: { architecture, known: KNOWN_ARCHITECTURES.slice(0, 7).join(', ') },
      },
    ];
  }
  if (!GO_PAIR_SET.has(pair)) {
    return [{ code: 'unknown-pair', severity: 'error', message: `No Go runtime builds for ${pair}: no machine would pull this entry.`, params: { pair } }];
  }
  if (!DOCKER_CLI_PAIR_SET.has(pair)) {
    return [
      {
        code: 'not-docker-cli-pair',
        severity: 'warning',
        message: `${pair} is a valid platform, but docker manifest annotate refuses it ("unsupported os/arch combination"); Archway allows it.`,
        params: { pair },
      },
    ];
  }
  return [];
}

function variantFindings(p: Platform, canonical: Platform): PlatformFinding[] {
  const { architecture } = canonical;
  if (p.architecture.toLowerCase() === 'arm' && !p.variant) {
    return [
      {
        code: 'arm-variant-missing',
        severity: 'info',
        message: 'arm without a variant is read as arm/v7 by containerd; say v7 (or v6/v5) explicitly.',
        params: {},
        suggestion: { ...canonical, variant: 'v7' },
      },
    ];
  }
  const variant = canonical.variant;
  if (!variant) return [];
  const known = VARIANTS_BY_ARCH[architecture];
  if (known?.includes(variant)) return [];
  return [
    {
      code: 'unusual-variant',
      severity: 'warning',
      message: known
        ? `Variant "${variant}" is unusual for ${architecture}: expected one of ${known.join(', ')}.`
        : `${architecture} images do not usually carry a variant ("${variant}").`,
      params: { variant, architecture, expected: known ? known.join(', ') : NO_VARIANT },
    },
  ];
}

function osFieldFindings(p: Platform, canonical: Platform): PlatformFinding[] {
  const findings: PlatformFinding[] = [];
  if (p['os.version'] && canonical.os !== 'windows') {
    findings.push({
      code: 'os-version-not-windows',
      severity: 'info',
      message: `os.version "${p['os.version']}" is only used to match Windows hosts; ${canonical.os} runtimes ignore it.`,
      params: { osVersion: p['os.version'], os: canonical.os },
    });
  }
  const features = p['os.features'];
  if (features && features.join('\n') !== sortedUniqueFeatures(features).join('\n')) {
    findings.push({
      code: 'os-features-not-normalized',
      severity: 'info',
      message: `os.features should be sorted and listed once: ${sortedUniqueFeatures(features).join(', ')}.`,
      params: { features: sortedUniqueFeatures(features).join(', ') },
      suggestion: { ...p, 'os.features': sortedUniqueFeatures(features) },
    });
  }
  return findings;
}

/** Everything questionable about a platform as written: names, the os/arch pair, the variant, os fields. */
export function checkPlatform(p: Platform): PlatformFinding[] {
  const canonical = canonicalPlatform(p);
  return [...nameFindings(p, canonical), ...pairFindings(canonical), ...variantFindings(p, canonical), ...osFieldFindings(p, canonical)];
}
