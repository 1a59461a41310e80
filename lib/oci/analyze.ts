import { configPlatformOf, platformOfConfig, type ConfigPlatform } from './config-platform';
import type { EntryRole, InspectEntry } from './entry';
import { isImageConfigMediaType, isImageManifestMediaType, isIndexMediaType, MediaType } from './media-types';
import { canonicalPlatform, disagreesWithConfig, platformKey } from './platform';
import { checkPlatform } from './platform-checks';
import type { Platform } from './platform';
import {
  attestationSubjectProblem,
  childMissingProblem,
  configUnreadableProblem,
  descriptorMediaTypeProblem,
  descriptorSizeProblem,
  dockerListOciChildProblem,
  duplicatePlatformProblem,
  emptyListProblem,
  nestingTooDeepProblem,
  osVersionMissingProblem,
  platformFindingProblem,
  platformMismatchProblem,
  platformMissingProblem,
  singleManifestProblem,
  type Problem,
} from './problems';
import { attestationSubject, isAttestation } from './attestation';
import type { Descriptor, ImageConfig, ImageIndex, ImageManifest } from './schemas';

/*
 * The list lint: turns an index plus what the registry said about each child into the entries and problems
 * of `GET /api/v1/inspect`. Pure: the caller fetches; children that could not be fetched carry `missing`.
 */

/** What the caller learned about one child (by digest); nested indexes' children go in the same map. */
export type ChildInfo = {
  mediaType: string;
  size: number;
  manifest?: ImageManifest;
  index?: ImageIndex;
  config?: ImageConfig;
  /** Set when the manifest was read but its config blob was not: the platform cannot be checked. */
  configError?: string;
  missing?: { reason: string; status?: number };
};

export type AnalyzeIndexInput = { mediaType: string; index: ImageIndex; children: ReadonlyMap<string, ChildInfo> };
export type AnalyzeResult = { entries: InspectEntry[]; problems: Problem[] };

/** How deep nested indexes are followed; content addressing rules out cycles, a bad map does not. */
export const MAX_INDEX_DEPTH = 4;

/** An OCI artifact (signature, SBOM, chart…) uses the manifest format without being a runnable image. */
function isArtifact(descriptor: Descriptor, child: ChildInfo | undefined): boolean {
  if (descriptor.artifactType || manifestArtifactType(child?.manifest)) return true;
  const configType = child?.manifest?.config.mediaType;
  return configType !== undefined && !isImageConfigMediaType(configType);
}

/** The role of a descriptor in a list: attestation, nested index, image, or unknown (artifacts, other types). */
export function entryRole(descriptor: Descriptor, child?: ChildInfo): EntryRole {
  if (isAttestation(descriptor)) return 'attestation';
  if (isIndexMediaType(descriptor.mediaType) || child?.index) return 'index';
  if (!isImageManifestMediaType(descriptor.mediaType) && !child?.manifest) return 'unknown';
  return isArtifact(descriptor, child) ? 'unknown' : 'image';
}

/** Only OCI manifests type `artifactType`; on a Docker manifest it is an unknown field, read only if a string. */
function manifestArtifactType(manifest: ImageManifest | undefined): string | undefined {
  const value: unknown = manifest?.artifactType;
  return typeof value === 'string' ? value : undefined;
}

function layerSummary(manifest: ImageManifest | undefined): InspectEntry['layers'] {
  if (!manifest) return null;
  return { count: manifest.layers.length, size: manifest.layers.reduce((sum, layer) => sum + layer.size, 0) };
}

/** The listed platform against the config's own; a Windows os.version only the config has is asked for. */
function configProblems(listed: Platform, config: ConfigPlatform): Problem[] {
  const own = platformOfConfig(config);
  if (disagreesWithConfig(listed, own)) return [platformMismatchProblem(listed, canonicalPlatform(own))];
  if (own['os.version'] && !listed['os.version']) {
    return [osVersionMissingProblem(listed, { ...listed, 'os.version': own['os.version'] })];
  }
  return [];
}

function imageProblems(platform: Platform | null, config: ConfigPlatform | null): Problem[] {
  if (!platform) return [platformMissingProblem(config ? canonicalPlatform(platformOfConfig(config)) : null)];
  return [...checkPlatform(platform).map(platformFindingProblem), ...(config ? configProblems(platform, config) : [])];
}

function childProblems(descriptor: Descriptor, child: ChildInfo | undefined): Problem[] {
  if (!child) return [];
  if (child.missing) return [childMissingProblem(descriptor.digest, child.missing)];
  const problems: Problem[] = [];
  if (child.configError !== undefined) problems.push(configUnreadableProblem(child.configError));
  if (child.mediaType !== descriptor.mediaType) problems.push(descriptorMediaTypeProblem(descriptor.mediaType, child.mediaType));
  if (child.size !== descriptor.size) problems.push(descriptorSizeProblem(descriptor.size, child.size));
  return problems;
}

type Context = { children: ReadonlyMap<string, ChildInfo>; depth: number; ancestors: ReadonlySet<string> };

function analyzeEntry(descriptor: Descriptor, context: Context): { entry: InspectEntry; listProblems: Problem[] } {
  const child = context.children.get(descriptor.digest);
  const role = entryRole(descriptor, child);
  const platform = descriptor.platform ?? null;
  const config = configPlatformOf(child?.config);
  const problems = childProblems(descriptor, child);
  if (role === 'image' && !child?.missing) problems.push(...imageProblems(platform, config));
  const entry: InspectEntry = {
    digest: descriptor.digest,
    mediaType: descriptor.mediaType,
    size: descriptor.size,
    platform,
    annotations: descriptor.annotations ?? {},
    role,
    config,
    layers: layerSummary(child?.manifest),
    missing: child?.missing ?? null,
    problems,
  };
  const subject = attestationSubject(descriptor);
  if (subject) entry.subject = subject;
  const artifactType = descriptor.artifactType ?? manifestArtifactType(child?.manifest);
  if (artifactType) entry.artifactType = artifactType;

  const listProblems: Problem[] = [];
  if (role === 'index' && child?.index) {
    if (context.depth >= MAX_INDEX_DEPTH || context.ancestors.has(descriptor.digest)) {
      listProblems.push(nestingTooDeepProblem(MAX_INDEX_DEPTH));
    } else {
      const nested = analyzeManifests(child.mediaType, child.index, {
        children: context.children,
        depth: context.depth + 1,
        ancestors: new Set([...context.ancestors, descriptor.digest]),
      });
      entry.children = nested.entries;
      problems.push(...nested.problems);
    }
  }
  return { entry, listProblems };
}

function duplicateProblems(entries: InspectEntry[]): void {
  const firstByKey = new Map<string, number>();
  entries.forEach((entry, position) => {
    if (entry.role !== 'image' || !entry.platform) return;
    const key = platformKey(entry.platform);
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, position);
    else entry.problems.push(duplicatePlatformProblem(entry.platform, { digest: entries[first]!.digest, position: first, platform: entries[first]!.platform! }));
  });
}

function attestationProblems(entries: InspectEntry[]): void {
  const digests = new Set(entries.filter((entry) => entry.role !== 'attestation').map((entry) => entry.digest));
  for (const entry of entries) {
    if (entry.role === 'attestation' && !(entry.subject && digests.has(entry.subject))) {
      entry.problems.push(attestationSubjectProblem(entry.subject));
    }
  }
}

function isOciChild(entry: InspectEntry, children: ReadonlyMap<string, ChildInfo>): boolean {
  const actual = children.get(entry.digest)?.mediaType;
  return [entry.mediaType, actual].some((type) => type === MediaType.ociManifest || type === MediaType.ociIndex);
}

function analyzeManifests(mediaType: string, index: ImageIndex, context: Context): AnalyzeResult {
  const problems: Problem[] = [];
  const entries = index.manifests.map((descriptor) => {
    const result = analyzeEntry(descriptor, context);
    problems.push(...result.listProblems);
    return result.entry;
  });
  duplicateProblems(entries);
  attestationProblems(entries);
  if (entries.length === 0) problems.push(emptyListProblem());
  if (mediaType === MediaType.dockerManifestList) {
    const ociChildren = entries.filter((entry) => isOciChild(entry, context.children)).map((entry) => entry.digest);
    if (ociChildren.length > 0) problems.push(dockerListOciChildProblem(ociChildren));
  }
  return { entries, problems };
}

/**
 * Lints a list: one InspectEntry per descriptor (nested indexes recursively, attestations with their subject)
 * with its own problems; list-wide problems (empty list, Docker list with OCI children) in `problems`.
 */
export function analyzeIndex(input: AnalyzeIndexInput): AnalyzeResult {
  return analyzeManifests(input.mediaType, input.index, { children: input.children, depth: 0, ancestors: new Set() });
}

export type AnalyzeManifestInput = {
  /** The tag's own descriptor: its media type, digest and size (a single manifest has no platform). */
  descriptor: Descriptor;
  /** What was read of it: the manifest, its config, or why not. */
  child: ChildInfo;
};

/** A tag that is a single manifest: one entry (platform from its config) and an info problem offering to create a list. */
export function analyzeManifest(input: AnalyzeManifestInput): AnalyzeResult {
  const { descriptor, child } = input;
  const config = configPlatformOf(child.config);
  const artifactType = descriptor.artifactType ?? manifestArtifactType(child.manifest);
  const entry: InspectEntry = {
    digest: descriptor.digest,
    mediaType: child.mediaType,
    size: child.size,
    platform: null,
    annotations: child.manifest?.annotations ?? {},
    role: entryRole(descriptor, child),
    config,
    layers: layerSummary(child.manifest),
    missing: child.missing ?? null,
    problems: childProblems(descriptor, child),
  };
  if (artifactType) entry.artifactType = artifactType;
  return { entries: [entry], problems: [singleManifestProblem(config ? platformOfConfig(config) : null)] };
}

/** Every problem of a result, list-wide first, then each entry's (nested entries included), for counts and badges. */
export function allProblems(result: AnalyzeResult): Problem[] {
  const fromEntries = (entries: InspectEntry[]): Problem[] =>
    entries.flatMap((entry) => [...entry.problems, ...fromEntries(entry.children ?? [])]);
  return [...result.problems, ...fromEntries(result.entries)];
}
