import type { ConfigPlatform } from '@/lib/api/inspect';
import { isLoopbackHost } from '@/lib/oci/registry-host';
import type { EquivalentCommand } from './commands';
import { MediaType } from '@/lib/oci/media-types';
import type { Annotations, Descriptor, Platform } from '@/lib/oci/schemas';
import { isAttestation } from '@/lib/oci/attestation';

/*
 * The same push written for the usual tools, so a user can script it or check Archway against them. Each tool
 * gets what it can express; what it cannot (attestations for `docker manifest`, os.features for regctl) is said
 * in a `#` line rather than silently left out. Plain-HTTP loopback registries get each tool's insecure switch.
 */

/** One descriptor of the list to push, with the reference it comes from and what its image config says. */
export type CommandEntry = { source: string; descriptor: Descriptor; config: ConfigPlatform | null };

export type PushCommandsInput = {
  /** `registry/repo:tag`. */
  target: string;
  registry: string;
  mediaType: string;
  annotations?: Annotations | undefined;
  entries: readonly CommandEntry[];
};

/** Wraps a shell word in single quotes when it needs them. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function isAttestationEntry(entry: CommandEntry): boolean {
  return isAttestation(entry.descriptor);
}

/** The platform fields docker copies from a config, compared exactly (docker neither normalises nor checks). */
function platformFields(platform: Partial<Platform> | ConfigPlatform | null | undefined) {
  return {
    os: platform?.os ?? '',
    architecture: platform?.architecture ?? '',
    variant: platform?.variant ?? '',
    osVersion: platform?.['os.version'] ?? '',
    osFeatures: (platform?.['os.features'] ?? []).join(','),
  };
}

/** True when the descriptor's platform is exactly what a tool reading the config would write. */
function isConfigPlatform(entry: CommandEntry): boolean {
  if (!entry.config) return false;
  return JSON.stringify(platformFields(entry.descriptor.platform)) === JSON.stringify(platformFields(entry.config));
}

function hasAnnotations(annotations: Annotations | undefined): annotations is Annotations {
  return annotations !== undefined && Object.keys(annotations).length > 0;
}

function lines(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join('\n');
}

function continued(words: readonly string[]): string {
  return words.join(' \\\n  ');
}

function dockerManifest(input: PushCommandsInput, isPlainHttp: boolean): EquivalentCommand {
  const insecure = isPlainHttp ? ['--insecure'] : [];
  const images = input.entries.filter((entry) => !isAttestationEntry(entry));
  const skipped = input.entries.length - images.length;
  const annotates = images.flatMap((entry) => {
    if (isConfigPlatform(entry) || !entry.descriptor.platform) return [];
    const p = platformFields(entry.descriptor.platform);
    const flags = [
      `--os ${shellQuote(p.os)}`,
      `--arch ${shellQuote(p.architecture)}`,
      p.variant && `--variant ${shellQuote(p.variant)}`,
      p.osVersion && `--os-version ${shellQuote(p.osVersion)}`,
      p.osFeatures && `--os-features ${shellQuote(p.osFeatures)}`,
    ].filter(Boolean);
    return [`docker manifest annotate ${input.target} ${entry.source} ${flags.join(' ')}`];
  });
  const hasAnyAnnotations = hasAnnotations(input.annotations) || images.some((entry) => hasAnnotations(entry.descriptor.annotations));
  return {
    tool: 'docker manifest',
    command: lines(
      skipped > 0 && `# docker manifest cannot list attestation manifests: the ${skipped} attestation(s) are left out.`,
      hasAnyAnnotations && '# docker manifest push writes no annotations.',
      '# docker manifest push picks the list type from the first image; entries are pushed in file-name order.',
      continued([['docker manifest create', ...insecure, '--amend', input.target].join(' '), ...images.map((entry) => entry.source)]),
      ...annotates,
      ['docker manifest push', ...insecure, input.target].join(' '),
    ),
  };
}

function imagetools(input: PushCommandsInput): EquivalentCommand {
  const words = ['docker buildx imagetools create', `-t ${input.target}`];
  for (const [key, value] of Object.entries(input.annotations ?? {})) words.push(`--annotation ${shellQuote(`index:${key}=${value}`)}`);
  for (const entry of input.entries) {
    const isPlain = isConfigPlatform(entry) && !hasAnnotations(entry.descriptor.annotations);
    // A descriptor file is the only way imagetools takes a platform or annotations other than the image's own.
    words.push(isPlain ? entry.source : `-f <(echo ${shellQuote(JSON.stringify(entry.descriptor))})`);
  }
  return {
    tool: 'buildx imagetools',
    command: lines(
      input.entries.some((entry) => entry.source.split('/')[0] !== input.registry) &&
        '# imagetools needs every source on the target registry.',
      continued(words),
    ),
  };
}

function regctlPlatform(platform: Platform): string {
  const base = [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
  return platform['os.version'] ? `${base},osver=${platform['os.version']}` : base;
}

function regctl(input: PushCommandsInput, isPlainHttp: boolean): EquivalentCommand {
  const create = ['regctl index create', input.target, `--media-type ${input.mediaType}`];
  for (const [key, value] of Object.entries(input.annotations ?? {})) create.push(`--annotation ${shellQuote(`${key}=${value}`)}`);
  const adds = input.entries.map((entry) => {
    const words = ['regctl index add', input.target, `--ref ${entry.source}`];
    const platform = entry.descriptor.platform;
    if (platform && !isConfigPlatform(entry)) words.push(`--desc-platform ${shellQuote(regctlPlatform(platform))}`);
    for (const [key, value] of Object.entries(entry.descriptor.annotations ?? {})) words.push(`--desc-annotation ${shellQuote(`${key}=${value}`)}`);
    return words.join(' ');
  });
  const hasFeatures = input.entries.some((entry) => entry.descriptor.platform?.['os.features']?.length);
  return {
    tool: 'regctl',
    command: lines(
      isPlainHttp && `regctl registry set --tls disabled ${input.registry}`,
      hasFeatures && '# regctl --desc-platform cannot set os.features.',
      input.mediaType === MediaType.dockerManifestList && hasAnnotations(input.annotations) && '# a Docker list has no annotations.',
      create.join(' '),
      ...adds,
    ),
  };
}

/** `docker manifest create/annotate/push`, `docker buildx imagetools create` and `regctl index` for the same list. */
export function pushCommands(input: PushCommandsInput): EquivalentCommand[] {
  const isPlainHttp = isLoopbackHost(input.registry);
  return [dockerManifest(input, isPlainHttp), imagetools(input), regctl(input, isPlainHttp)];
}
