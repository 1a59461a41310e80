import 'server-only';
import pLimit from 'p-limit';
import { AppError } from '@/lib/api/errors';
import type { InspectDetails, InspectResponse } from '@/lib/api/inspect';
import { analyzeIndex, analyzeManifest, MAX_INDEX_DEPTH, type ChildInfo } from '@/lib/oci/analyze';
import { isAttestation } from '@/lib/oci/attestation';
import { isImageConfigMediaType, isImageManifestMediaType, isIndexMediaType } from '@/lib/oci/media-types';
import type { ParsedManifest } from '@/lib/oci/parse';
import { formatReference, parseReference, type ImageReference } from '@/lib/oci/reference';
import type { Descriptor, ImageConfig, ImageManifest } from '@/lib/oci/schemas';
import { getRegistryClient } from '@/lib/registry/client';
import { readRegistryConfig } from '@/lib/registry/config';
import type { ClientFor, ManifestResponse, RegistryClient } from '@/lib/registry/types';
import { parseImageConfigOnce, parseManifestOnce } from './parsed-documents';
import { resolveTag } from './tag-memory';
import { memoizeOnEnv } from '@/lib/config/env-memo';

/**
 * Nested indexes are read as deep as the analysis descends (top-level children are depth 1, the analysis's depth 0),
 * so no entry it shows is one that was never read; beyond that it reports the nesting as a problem.
 */
const MAX_DEPTH = MAX_INDEX_DEPTH + 1;
/** Configs above this size are not image configs anyone should be parsing for a platform. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * Details (child manifest and config) read per inspect, ARCHWAY_MAX_ENTRIES, default 500: a 10,000-entry index
 * costs 500 reads, not 10,001, and the rest is listed with what it says about itself (its descriptor).
 */
function parseMaxEntriesSetting(env: Record<string, string | undefined>): number {
  const raw = env.ARCHWAY_MAX_ENTRIES?.trim();
  const value = raw ? Number(raw) : 500;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`Invalid ARCHWAY_MAX_ENTRIES: expected a positive whole number, got "${raw}".`);
  return value;
}

/** maxEntriesSetting parsed once per value of the variables it reads (lib/config/env-memo.ts): it runs on every request. */
export const maxEntriesSetting = memoizeOnEnv(parseMaxEntriesSetting);

/** How many more child manifests this inspect may read; shared by nested indexes. */
type ReadBudget = { left: number };

type Resolved = { reference: ImageReference; manifest: ManifestResponse; tagDigest?: string | null };

/** Parses a user-supplied reference or throws a 400 that says how to write one. */
export function parseUserReference(input: string): ImageReference {
  try {
    return parseReference(input);
  } catch (err) {
    throw new AppError('INVALID_REFERENCE', err instanceof Error ? err.message : String(err));
  }
}

/**
 * Fetches the top-level manifest's exact bytes. A digest wins over a tag; a tag that names a digest too is checked
 * for having moved, so a pinned link can say so.
 */
export async function resolveManifest(input: string | ImageReference, clientFor: ClientFor = getRegistryClient): Promise<Resolved> {
  const reference = typeof input === 'string' ? parseUserReference(input) : input;
  const client = clientFor(reference.registry);
  if (reference.digest) {
    const [manifest, tagHead] = await Promise.all([
      client.getManifest(reference.repository, reference.digest),
      reference.tag ? client.headManifest(reference.repository, reference.tag).catch(() => undefined) : undefined,
    ]);
    return { reference, manifest, ...(tagHead === undefined ? {} : { tagDigest: tagHead?.digest ?? null }) };
  }
  const tag = reference.tag ?? 'latest';
  const manifest = await resolveTag(client, reference.repository, tag);
  return { reference: { ...reference, tag }, manifest };
}

/**
 * Reads one child: its manifest, and the config of an image (attestations and artifacts need none). The child and
 * its config are read under one slot of the inspect's limit, so a config goes out the moment its child arrives
 * instead of queueing behind the children not yet sent (a list longer than the limit would be read in waves).
 * A nested index gives its slot back before its own children take theirs.
 */
async function readChild(
  client: RegistryClient,
  repository: string,
  descriptor: Descriptor,
  depth: number,
  children: Map<string, ChildInfo>,
  limit: ReturnType<typeof pLimit>,
  budget: ReadBudget,
): Promise<void> {
  if (children.has(descriptor.digest) || budget.left <= 0) return;
  budget.left--;
  const info: ChildInfo = { mediaType: descriptor.mediaType, size: descriptor.size };
  children.set(descriptor.digest, info);
  const nested = await limit(async () => {
    let parsed: ParsedManifest;
    try {
      const response = await client.getManifest(repository, descriptor.digest);
      info.mediaType = response.mediaType;
      info.size = response.size;
      parsed = parseManifestOnce(response.bytes, response.mediaType);
    } catch (err) {
      info.missing = describeFailure(err, 'child manifest');
      return undefined;
    }
    if (parsed.kind === 'index') return parsed.index;
    info.manifest = parsed.manifest;
    if (isAttestation(descriptor)) return undefined;
    const { config, missing } = await readConfig(client, repository, parsed.manifest);
    if (config) info.config = config;
    if (missing) info.configError = missing.reason;
    return undefined;
  });
  if (!nested) return;
  info.index = nested;
  if (depth + 1 > MAX_DEPTH) return;
  await Promise.all(nested.manifests.map((d) => readChild(client, repository, d, depth + 1, children, limit, budget)));
}

/** The config of an image manifest; artifacts carry no platform config worth a request. */
async function readConfig(
  client: RegistryClient,
  repository: string,
  manifest: ImageManifest,
): Promise<{ config?: ImageConfig; missing?: { reason: string; status?: number } }> {
  if (!isImageConfigMediaType(manifest.config.mediaType)) return {};
  try {
    const bytes = await client.getBlob(repository, manifest.config.digest, { maxBytes: MAX_CONFIG_BYTES });
    return { config: parseImageConfigOnce(bytes) };
  } catch (err) {
    return { missing: describeFailure(err, `config blob ${manifest.config.digest}`) };
  }
}

/** A child failure becomes data on the entry, never a failed inspect. */
function describeFailure(err: unknown, what: string): { reason: string; status?: number } {
  const status = typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : undefined;
  if (status === 404) return { reason: `The registry does not have this ${what} (deleted or garbage-collected).`, status };
  const message = `Could not read the ${what}: ${err instanceof Error ? err.message : String(err)}`;
  return status === undefined ? { reason: message } : { reason: message, status };
}

export type InspectOptions = {
  /** The position of the first top-level entry whose details are read (`?detailsFrom=`), default 0. */
  detailsFrom?: number;
  /** How registries are reached: with the asking person's access (lib/auth/access). Default: the server's own. */
  clientFor?: ClientFor;
};

/**
 * Inspects a reference end to end: the list, its children and their configs (at most ARCHWAY_MAX_ENTRIES of them,
 * from `detailsFrom`), and the problems found.
 */
export async function inspectImage(input: string | ImageReference, options: InspectOptions = {}): Promise<InspectResponse> {
  const clientFor = options.clientFor ?? getRegistryClient;
  const { reference, manifest, tagDigest } = await resolveManifest(input, clientFor);
  const client = clientFor(reference.registry);
  const parsed = parseTopLevel(manifest);
  const base = {
    reference: formatReference(reference),
    registry: reference.registry,
    repository: reference.repository,
    tag: reference.tag,
    digest: manifest.digest,
    mediaType: manifest.mediaType,
    size: manifest.size,
    ...(tagDigest === undefined ? {} : { tagDigest }),
  };

  const children = new Map<string, ChildInfo>();
  // Children (each with its config) read at once: as many as the registry's read pool holds (ARCHWAY_MAX_CONCURRENCY,
  // 64: a whole 48-entry list at once), so a longer list never queues in the pool, whose wait has a deadline.
  const limit = pLimit(readRegistryConfig().maxConcurrency);
  const maxEntries = maxEntriesSetting();
  const budget: ReadBudget = { left: maxEntries };
  if (parsed.kind === 'index') {
    const all = parsed.index.manifests;
    const from = Math.min(Math.max(0, options.detailsFrom ?? 0), all.length);
    const window = all.slice(from, from + maxEntries);
    await Promise.all(window.map((d) => readChild(client, reference.repository, d, 1, children, limit, budget)));
    const { entries, problems } = analyzeIndex({ mediaType: manifest.mediaType, index: parsed.index, children });
    const { annotations } = parsed.index;
    const details = detailsWindow(from, from + window.length, all.length, maxEntries);
    return { ...base, kind: 'index', ...(annotations ? { annotations } : {}), entries, problems, ...(details ? { details } : {}) };
  }

  // A single image: the entry is the manifest itself, read exactly as a list's child would be.
  const self: Descriptor = { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size };
  await readChild(client, reference.repository, self, 1, children, limit, budget);
  const { entries, problems } = analyzeManifest({ descriptor: self, child: children.get(manifest.digest)! });
  return { ...base, kind: 'manifest', entries, problems };
}

/** Which top-level entries had their details read, when not all of them did; undefined when every one was read. */
function detailsWindow(from: number, to: number, total: number, maxEntries: number): InspectDetails | undefined {
  if (from === 0 && to === total) return undefined;
  return { from, to, total, maxEntries, nextFrom: to < total ? to : null };
}

/** The top level must be a list or an image; anything else is bad data from the registry's side. */
function parseTopLevel(manifest: ManifestResponse): ParsedManifest {
  if (!isIndexMediaType(manifest.mediaType) && !isImageManifestMediaType(manifest.mediaType)) {
    throw new AppError(
      'UNPROCESSABLE',
      `This reference is a ${manifest.mediaType} document, not an image or an image index; Archway shows images and lists only.`,
    );
  }
  try {
    return parseManifestOnce(manifest.bytes, manifest.mediaType);
  } catch (err) {
    throw new AppError('REGISTRY_ERROR', `The registry sent a manifest Archway cannot read: ${(err as Error).message}`);
  }
}
