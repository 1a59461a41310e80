import { compareVersions, normalizeOs, normalizePlatform, platformKey } from './platform';
import type { Platform } from './schemas';

/*
 * The pull simulator's matcher: which entry of a list a containerd runtime on a given host would pull
 * (containerd/platforms: the compatibility vector, variant fallback, the Windows build rule). Policy, apart from
 * platform identity (platform.ts), which it only asks.
 */

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
