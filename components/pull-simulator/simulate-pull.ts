import type { InspectEntry } from '@/lib/api/inspect';
import { formatPlatform, normalizePlatform, parsePlatform } from '@/lib/oci/platform';
import { matchPlatform } from '@/lib/oci/platform-match';

export type PullOutcome =
  | { kind: 'invalid'; message: string }
  | { kind: 'none'; host: string }
  | { kind: 'match'; host: string; entry: InspectEntry; isExact: boolean };

/**
 * Which entry a containerd-based runtime on `hostText` (`linux/arm/v7`, `windows/amd64 10.0.20348.1`) would pull.
 * Attestations and other non-images never run, so they are not candidates; the answer is an entry of the list.
 */
export function simulatePull(hostText: string, entries: readonly InspectEntry[]): PullOutcome {
  let host;
  try {
    host = normalizePlatform(parsePlatform(hostText));
  } catch (err) {
    return { kind: 'invalid', message: err instanceof Error ? err.message : String(err) };
  }
  const candidates = entries.filter((entry) => entry.role === 'image' && !entry.missing);
  const index = matchPlatform(host, candidates);
  const label = formatPlatform(host);
  if (index === null) return { kind: 'none', host: label };
  const entry = candidates[index]!;
  const chosen = entry.platform ?? entry.config;
  const isExact = chosen ? formatPlatform(normalizePlatform({ ...chosen })) === label : false;
  return { kind: 'match', host: label, entry, isExact };
}

/** Hosts people ask about most, offered as one-click examples. */
export const COMMON_HOSTS: readonly string[] = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'windows/amd64 10.0.20348.2227',
];
