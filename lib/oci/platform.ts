import type { Platform } from './schemas';

export type { Platform };

/*
 * Platform identity, normalisation and checks. Normalisation follows containerd/platforms (database.go,
 * platforms.go) exactly, because that is what decides which entry a runtime pulls; the checks add what
 * `docker manifest annotate` accepts (registry-protocol.md §1) and the Go port list (`go tool dist list`).
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

/** Operating systems offered as choices, most used first; the order is also the sort order. */
export const KNOWN_OS: readonly string[] = [
  'linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'dragonfly', 'illumos', 'solaris', 'aix', 'plan9',
  'android', 'ios', 'js', 'wasip1',
];

/** Architectures offered as choices, most used first; the order is also the sort order. */
export const KNOWN_ARCHITECTURES: readonly string[] = [
  'amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'mips64le', 'mips64', 'mipsle', 'mips', 'loong64',
  'ppc64', 'wasm',
];

/** The variants each architecture uses (OCI image-index.md, GOARM/GOAMD64/GOPPC64/GORISCV64/GOMIPS/GO386). */
export const VARIANTS_BY_ARCH: Readonly<Record<string, readonly string[]>> = {
  arm: ['v5', 'v6', 'v7', 'v8'],
  arm64: ['v8', 'v8.1', 'v8.2', 'v8.3', 'v8.4', 'v8.5', 'v8.6', 'v8.7', 'v8.8', 'v8.9', 'v9', 'v9.1', 'v9.2', 'v9.3', 'v9.4', 'v9.5'],
  // v1 is GOAMD64's default and containerd drops it, so it is not offered.
  amd64: ['v2', 'v3', 'v4'],
  '386': ['sse2', 'softfloat'],
  ppc64le: ['power8', 'power9', 'power10'],
  ppc64: ['power8', 'power9', 'power10'],
  riscv64: ['rva20u64', 'rva22u64', 'rva23u64'],
  mips: ['hardfloat', 'softfloat'],
  mipsle: ['hardfloat', 'softfloat'],
  mips64: ['hardfloat', 'softfloat'],
  mips64le: ['hardfloat', 'softfloat'],
};

/**
 * Names people (and `uname -m`) use that containerd does not normalise, mapped to the canonical platform.
 * Checks suggest these; identity does not apply them, since a runtime would not match them either.
 */
const ARCH_ALIASES: Readonly<Record<string, { architecture: string; variant?: string }>> = {
  armv5: { architecture: 'arm', variant: 'v5' },
  armv5l: { architecture: 'arm', variant: 'v5' },
  armv6: { architecture: 'arm', variant: 'v6' },
  armv6l: { architecture: 'arm', variant: 'v6' },
  armv7: { architecture: 'arm', variant: 'v7' },
  armv7l: { architecture: 'arm', variant: 'v7' },
  armv7hl: { architecture: 'arm', variant: 'v7' },
  armv8: { architecture: 'arm64', variant: 'v8' },
  arm64v8: { architecture: 'arm64', variant: 'v8' },
  armv8l: { architecture: 'arm', variant: 'v8' },
  x64: { architecture: 'amd64' },
  x86: { architecture: '386' },
  i486: { architecture: '386' },
  i586: { architecture: '386' },
  i686: { architecture: '386' },
  ppc64el: { architecture: 'ppc64le' },
  powerpc64le: { architecture: 'ppc64le' },
  loongarch64: { architecture: 'loong64' },
};

const OS_ALIASES: Readonly<Record<string, string>> = { macos: 'darwin', osx: 'darwin', win: 'windows', win32: 'windows' };

function normalizeOs(os: string): string {
  const lower = os.toLowerCase();
  return lower === 'macos' ? 'darwin' : lower;
}

/** containerd's normalizeArch, line for line. */
function normalizeArch(architecture: string, variant: string): { architecture: string; variant: string } {
  const arch = architecture.toLowerCase();
  const v = variant.toLowerCase();
  switch (arch) {
    case 'i386':
      return { architecture: '386', variant: '' };
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return { architecture: 'amd64', variant: v === 'v1' ? '' : v };
    case 'aarch64':
    case 'arm64':
      if (v === '8' || v === 'v8' || v === 'v8.0') return { architecture: 'arm64', variant: '' };
      if (v === '9' || v === '9.0' || v === 'v9.0') return { architecture: 'arm64', variant: 'v9' };
      return { architecture: 'arm64', variant: v };
    case 'armhf':
      return { architecture: 'arm', variant: 'v7' };
    case 'armel':
      return { architecture: 'arm', variant: 'v6' };
    case 'arm':
      if (v === '' || v === '7') return { architecture: 'arm', variant: 'v7' };
      if (v === '5' || v === '6' || v === '8') return { architecture: 'arm', variant: `v${v}` };
      return { architecture: 'arm', variant: v };
    default:
      return { architecture: arch, variant: v };
  }
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Copies `p` with `variant`, `os.version` and `os.features` set, or removed when empty (other fields kept). */
function withOptionalFields(
  p: Platform,
  fields: { os: string; architecture: string; variant: string; osVersion: string | undefined; osFeatures: string[] | undefined },
): Platform {
  const out: Platform = { ...p, os: fields.os, architecture: fields.architecture };
  delete out.variant;
  delete out['os.version'];
  delete out['os.features'];
  if (fields.variant !== '') out.variant = fields.variant;
  if (fields.osVersion) out['os.version'] = fields.osVersion;
  if (fields.osFeatures && fields.osFeatures.length > 0) out['os.features'] = fields.osFeatures;
  return out;
}

/**
 * containerd's `platforms.Normalize`: os lower-case (macos→darwin), arch/variant aliases (x86_64→amd64,
 * aarch64→arm64, arm64 v8→"", armhf→arm/v7, arm ""→v7 …), os.features sorted and de-duplicated.
 */
export function normalizePlatform(p: Platform): Platform {
  const { architecture, variant } = normalizeArch(p.architecture, p.variant ?? '');
  const features = p['os.features'];
  return withOptionalFields(p, {
    os: normalizeOs(p.os),
    architecture,
    variant,
    osVersion: p['os.version'],
    osFeatures: features ? sortedUnique(features) : undefined,
  });
}

/**
 * The canonical spelling to write into a list: containerd's normalisation, except that an arm64 `v8` given in
 * any spelling stays `v8` (docker copies it from the config, and it means the same as no variant), and known
 * aliases (`armv7`, `i686`, …) are resolved.
 */
export function canonicalPlatform(p: Platform): Platform {
  const rawArch = p.architecture.toLowerCase();
  const alias = ARCH_ALIASES[rawArch];
  const rawOs = p.os.toLowerCase();
  const resolved: Platform = {
    ...p,
    os: OS_ALIASES[rawOs] ?? rawOs,
    architecture: alias?.architecture ?? p.architecture,
    ...(alias?.variant && !p.variant ? { variant: alias.variant } : {}),
  };
  const normalized = normalizePlatform(resolved);
  const hadV8 = ['8', 'v8', 'v8.0'].includes((resolved.variant ?? '').toLowerCase());
  if (normalized.architecture === 'arm64' && normalized.variant === undefined && hadV8) {
    return { ...normalized, variant: 'v8' };
  }
  return normalized;
}

/**
 * THE platform identity: normalised `os/arch[/variant]`, with Windows' os.version in containerd's syntax
 * (`windows(10.0.20348.2227)/amd64`). arm64 and arm64/v8 give the same key; two Windows builds do not.
 */
export function platformKey(p: Platform): string {
  const n = normalizePlatform(p);
  const os = n['os.version'] ? `${n.os}(${n['os.version']})` : n.os;
  return [os, n.architecture, n.variant].filter(Boolean).join('/');
}

/** True when two platforms are the same to a runtime (compared by platformKey). */
export function platformsEqual(a: Platform, b: Platform): boolean {
  return platformKey(a) === platformKey(b);
}

/**
 * True when a listed platform disagrees with the image config's own: os, architecture and variant compared
 * normalised (arm64 "" and v8 agree), os.version only when both have one.
 */
export function disagreesWithConfig(listed: Platform, config: Platform): boolean {
  const a = normalizePlatform(listed);
  const b = normalizePlatform(config);
  const isVersionDifferent = Boolean(a['os.version'] && b['os.version'] && a['os.version'] !== b['os.version']);
  return a.os !== b.os || a.architecture !== b.architecture || a.variant !== b.variant || isVersionDifferent;
}

/** For display, as written (not normalised): `linux/arm64/v8`, `windows/amd64 10.0.20348.2227`. */
export function formatPlatform(p: Platform): string {
  const base = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
  return p['os.version'] ? `${base} ${p['os.version']}` : base;
}

/** Thrown by parsePlatform; the message says what to type. */
export class InvalidPlatformError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPlatformError';
  }
}

/**
 * Parses `os/arch[/variant]`, keeping the values as typed (normalise separately). An os.version may be given
 * the containerd way, `windows(10.0.20348.2227)/amd64`, or the way formatPlatform writes it,
 * `windows/amd64 10.0.20348.2227`. A lone known architecture (`arm64`) means linux, as in containerd.
 */
export function parsePlatform(text: string): Platform {
  let s = text.trim();
  let osVersion: string | undefined;
  const spaced = /^(\S+)\s+(\S+)$/.exec(s);
  if (spaced) {
    s = spaced[1]!;
    osVersion = spaced[2]!;
  }
  const parts = s.split('/');
  const osMatch = /^([^()]+)\(([^()]*)\)$/.exec(parts[0] ?? '');
  if (osMatch) {
    parts[0] = osMatch[1]!;
    osVersion = osMatch[2] || osVersion;
  }
  if (parts.some((part) => part === '') || parts.length > 3 || /\s/.test(s)) {
    throw new InvalidPlatformError(`"${text}" is not a platform: type os/architecture[/variant], e.g. linux/arm64/v8.`);
  }
  if (parts.length === 1) {
    const only = parts[0]!;
    if (!KNOWN_ARCHITECTURES.includes(normalizeArch(only, '').architecture)) {
      throw new InvalidPlatformError(`"${text}" needs an architecture: type e.g. ${only}/amd64.`);
    }
    parts.unshift('linux');
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  const platform: Platform = { architecture, os };
  if (variant) platform.variant = variant;
  if (osVersion) platform['os.version'] = osVersion;
  return platform;
}

function rank(list: readonly string[], value: string): number {
  const i = list.indexOf(value);
  return i === -1 ? list.length : i;
}

/** Compares dotted version strings numerically (`v8.10` after `v8.2`, `10.0.20348` after `10.0.17763`). */
function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * A stable sort order: linux first, then windows, darwin, …; within an OS amd64, arm64, arm, 386, ppc64le,
 * s390x, riscv64, …; then variant and os.version ascending. Unknown names come after known ones, alphabetically.
 */
export function comparePlatforms(a: Platform, b: Platform): number {
  const x = normalizePlatform(a);
  const y = normalizePlatform(b);
  return (
    rank(KNOWN_OS, x.os) - rank(KNOWN_OS, y.os) ||
    x.os.localeCompare(y.os) ||
    rank(KNOWN_ARCHITECTURES, x.architecture) - rank(KNOWN_ARCHITECTURES, y.architecture) ||
    x.architecture.localeCompare(y.architecture) ||
    compareVersions(x.variant ?? '', y.variant ?? '') ||
    compareVersions(x['os.version'] ?? '', y['os.version'] ?? '')
  );
}

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
  message: string;
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
      suggestion: canonical,
    });
  } else if ((canonical.variant ?? '') !== (p.variant ?? '') && p.variant) {
    findings.push({
      code: 'non-canonical-variant',
      severity: 'warning',
      message: `Variant "${p.variant}" is written "${canonical.variant ?? '(none)'}" for ${canonical.architecture}: write ${target}.`,
      suggestion: canonical,
    });
  }
  return findings;
}

function pairFindings(canonical: Platform): PlatformFinding[] {
  const { os, architecture } = canonical;
  const pair = `${os}/${architecture}`;
  if (!KNOWN_OS.includes(os)) {
    return [{ code: 'unknown-os', severity: 'error', message: `No Go runtime knows the OS "${os}": use one of ${KNOWN_OS.slice(0, 4).join(', ')}, ….` }];
  }
  if (!KNOWN_ARCHITECTURES.includes(architecture)) {
    return [
      {
        code: 'unknown-architecture',
        severity: 'error',
        message: `No Go runtime knows the architecture "${architecture}": use one of ${KNOWN_ARCHITECTURES.slice(0, 7).join(', ')}, ….`,
      },
    ];
  }
  if (!GO_PAIR_SET.has(pair)) {
    return [{ code: 'unknown-pair', severity: 'error', message: `No Go runtime builds for ${pair}: no machine would pull this entry.` }];
  }
  if (!DOCKER_CLI_PAIR_SET.has(pair)) {
    return [
      {
        code: 'not-docker-cli-pair',
        severity: 'warning',
        message: `${pair} is a valid platform, but docker manifest annotate refuses it ("unsupported os/arch combination"); Archway allows it.`,
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
    });
  }
  const features = p['os.features'];
  if (features && features.join('\n') !== sortedUnique(features).join('\n')) {
    findings.push({
      code: 'os-features-not-normalized',
      severity: 'info',
      message: `os.features should be sorted and listed once: ${sortedUnique(features).join(', ')}.`,
      suggestion: { ...p, 'os.features': sortedUnique(features) },
    });
  }
  return findings;
}

/** Everything questionable about a platform as written: names, the os/arch pair, the variant, os fields. */
export function checkPlatform(p: Platform): PlatformFinding[] {
  const canonical = canonicalPlatform(p);
  return [...nameFindings(p, canonical), ...pairFindings(canonical), ...variantFindings(p, canonical), ...osFieldFindings(p, canonical)];
}

/** An entry the pull simulator can look at: an index descriptor, or an InspectEntry with its config's platform. */
export type MatchCandidate = {
  platform?: Platform | null;
  /** Used when `platform` is absent, as containerd reads the config of a descriptor without a platform. */
  config?: { os: string; architecture: string; variant?: string; 'os.version'?: string } | null;
};

/**
 * containerd's platformVector: what a host runs, best first. arm64 vX.y runs lower arm64 levels then arm v8…v5;
 * amd64 vN runs lower levels then 386; arm vN runs down to v5.
 */
function compatibleVector(want: Platform): Platform[] {
  const n = normalizePlatform(want);
  const make = (architecture: string, variant?: string): Platform => normalizePlatform({ ...n, architecture, variant });
  const vector: Platform[] = [n];
  const level = /^v(\d+)(?:\.(\d+))?$/.exec(n.variant ?? '');
  const major = level ? Number(level[1]) : null;
  const minor = level?.[2] ? Number(level[2]) : 0;
  if (n.architecture === 'amd64') {
    for (let v = (major ?? 1) - 1; v >= 1; v--) vector.push(make('amd64', v === 1 ? undefined : `v${v}`));
    vector.push(make('386'));
  } else if (n.architecture === 'arm') {
    for (let v = (major ?? 7) - 1; v >= 5; v--) vector.push(make('arm', `v${v}`));
  } else if (n.architecture === 'arm64') {
    // v9.x includes v8.(x+5) (Arm ARM); then every lower v8 minor, then 32-bit arm.
    const v8Minor = major === 9 ? Math.min(minor + 5, 9) : major === 8 || major === null ? minor : -1;
    if (major === 9) for (let m = minor - 1; m >= 0; m--) vector.push(make('arm64', m === 0 ? 'v9' : `v9.${m}`));
    for (let m = major === 9 ? v8Minor : v8Minor - 1; m >= 0; m--) vector.push(make('arm64', m === 0 ? undefined : `v8.${m}`));
    for (let v = 8; v >= 5; v--) vector.push(make('arm', `v${v}`));
  }
  return vector;
}

/** Windows os.version `10.0.<build>.<rev>`; null when it cannot be read. */
function windowsVersion(version: string): { major: number; minor: number; build: number; revision: number } | null {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), build: Number(match[3]), revision: Number(match[4] ?? 0) };
}

const WINDOWS_LTSC_BUILDS = [20348, 26100];

/** containerd's checkWindowsHostAndContainerCompat (platform_windows_compat.go). */
function windowsCompatible(hostVersion: string | undefined, imageVersion: string | undefined): boolean {
  if (!hostVersion || !imageVersion) return true;
  const host = windowsVersion(hostVersion);
  const image = windowsVersion(imageVersion);
  if (!host || !image) return hostVersion === imageVersion;
  if (host.major !== image.major || host.minor !== image.minor) return false;
  if (host.build < WINDOWS_LTSC_BUILDS[0]!) return host.build === image.build;
  const ltsc = [...WINDOWS_LTSC_BUILDS].reverse().find((build) => host.build >= build)!;
  return ltsc <= image.build && image.build <= host.build;
}

function candidatePlatform(candidate: MatchCandidate): Platform | null {
  if (candidate.platform) return candidate.platform;
  if (candidate.config) return { ...candidate.config };
  return null;
}

/**
 * The pull simulator: the index of the entry a containerd runtime on `want` would pull, or null.
 * Candidates must run on the host (see compatibleVector; Windows builds per containerd's compat rule);
 * the best-ranked wins, ties go to the first listed, and a Windows host prefers the newest compatible build.
 */
export function matchPlatform(want: Platform, entries: readonly MatchCandidate[]): number | null {
  const vector = compatibleVector(want).map(platformKeyWithoutVersion);
  const isWindows = normalizeOs(want.os) === 'windows';
  let best: { index: number; rank: number; version: string } | null = null;
  entries.forEach((entry, index) => {
    const platform = candidatePlatform(entry);
    if (!platform) return;
    const rank = vector.indexOf(platformKeyWithoutVersion(platform));
    if (rank === -1) return;
    const version = platform['os.version'] ?? '';
    if (isWindows && !windowsCompatible(want['os.version'], version || undefined)) return;
    const isBetter =
      best === null || rank < best.rank || (rank === best.rank && isWindows && compareVersions(version, best.version) > 0);
    if (isBetter) best = { index, rank, version };
  });
  return best === null ? null : (best as { index: number }).index;
}

function platformKeyWithoutVersion(p: Platform): string {
  const { 'os.version': _ignored, ...rest } = p;
  return platformKey(rest as Platform);
}
