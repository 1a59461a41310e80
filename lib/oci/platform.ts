import type { Platform } from './schemas';

export type { Platform };

/*
 * Platform identity and normalisation: what a platform is and its normal form. Normalisation follows
 * containerd/platforms (database.go, platforms.go) exactly, because that is what decides which entry a runtime
 * pulls. What is questionable about a platform is platform-checks.ts; which one a host runs, platform-match.ts.
 */

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

/** containerd's normalizeOS: lower-case, macos → darwin. */
export function normalizeOs(os: string): string {
  const lower = os.toLowerCase();
  return lower === 'macos' ? 'darwin' : lower;
}

/** containerd's normalizeArch, line for line. */
export function normalizeArch(architecture: string, variant: string): { architecture: string; variant: string } {
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

/** Sorted, each value once: the normal form of os.features. */
export function sortedUniqueFeatures(values: readonly string[]): string[] {
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
    osFeatures: features ? sortedUniqueFeatures(features) : undefined,
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
export function compareVersions(a: string, b: string): number {
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
