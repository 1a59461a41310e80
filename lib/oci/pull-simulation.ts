import { platformOfConfig } from './config-platform';
import type { InspectEntry } from './entry';
import { disagreesWithConfig, formatPlatform, normalizePlatform, parsePlatform } from './platform';
import { matchPlatform } from './platform-match';
import type { Platform } from './schemas';

/*
 * What `docker pull` on a given host really does with a list. containerd picks the entry by the platform the list
 * states (the annotation), then fetches that child: so a missing child fails the pull, and an annotation that lies
 * hands the host an image built for another machine. The simulator says both, and names the entry whose image
 * config would really run there.
 */

export type PullOutcome =
  | { kind: 'invalid'; message: string }
  | { kind: 'none'; host: string; runnable: InspectEntry | null }
  | {
      kind: 'match';
      host: string;
      entry: InspectEntry;
      isExact: boolean;
      /** The chosen child is gone: the pull fails on its 404 (or whatever the registry said). */
      failure: { reason: string; status?: number } | null;
      /** The chosen image's config platform, when it disagrees with the annotation the runtime matched on. */
      configPlatform: Platform | null;
      /** Whether the image the host gets (by its config) runs on the host at all. */
      runsOnHost: boolean;
      /** The entry whose image config the host can run, when it is not the one pulled. */
      runnable: InspectEntry | null;
    };

/** The host platform parsed and normalised, or the message saying what to type. */
function parseHost(hostText: string): Platform | string {
  try {
    return normalizePlatform(parsePlatform(hostText));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The entry a host would run if the list stated every image's own config platform. */
function runnableByConfig(host: Platform, images: readonly InspectEntry[]): InspectEntry | null {
  const withConfig = images.filter((entry) => entry.config && !entry.missing);
  const index = matchPlatform(
    host,
    withConfig.map((entry) => ({ platform: platformOfConfig(entry.config!) })),
  );
  return index === null ? null : withConfig[index]!;
}

/**
 * Which entry a containerd-based runtime on `hostText` (`linux/arm/v7`, `windows/amd64 10.0.20348.1`) would pull,
 * and whether that pull succeeds and runs. Attestations never run, so they are not candidates.
 */
export function simulatePull(hostText: string, entries: readonly InspectEntry[]): PullOutcome {
  const host = parseHost(hostText);
  if (typeof host === 'string') return { kind: 'invalid', message: host };
  const images = entries.filter((entry) => entry.role === 'image');
  const label = formatPlatform(host);
  // The runtime matches on the listed platform (the config only when a descriptor has none), missing or not.
  const index = matchPlatform(host, images);
  const runnable = runnableByConfig(host, images);
  if (index === null) return { kind: 'none', host: label, runnable };
  const entry = images[index]!;
  const chosen = entry.platform ?? entry.config;
  const isExact = chosen ? formatPlatform(normalizePlatform({ ...chosen })) === label : false;
  const config = entry.config ? platformOfConfig(entry.config) : null;
  const configPlatform = config && entry.platform && disagreesWithConfig(entry.platform, config) ? config : null;
  const runsOnHost = !configPlatform || matchPlatform(host, [{ platform: configPlatform }]) !== null;
  return {
    kind: 'match',
    host: label,
    entry,
    isExact,
    failure: entry.missing ?? null,
    configPlatform,
    runsOnHost,
    runnable: runnable && runnable.digest !== entry.digest ? runnable : null,
  };
}

/** Hosts people ask about most, offered as one-click examples. */
export const COMMON_HOSTS: readonly string[] = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'windows/amd64 10.0.20348.2227',
];
