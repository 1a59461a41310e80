import 'server-only';
import pLimit from 'p-limit';
import { AppError } from '@/lib/api/errors';
import type { PushManifestRequest, PushRequest } from '@/lib/api/push';
import type { RecordedManifest } from '@/lib/audit/log';
import { isAttestation } from '@/lib/oci/attestation';
import { sha256Digest } from '@/lib/oci/digest';
import { serializeIndex } from '@/lib/oci/edit';
import { MediaType } from '@/lib/oci/media-types';
import { disagreesWithConfig, formatPlatform, platformKey } from '@/lib/oci/platform';
import type { Descriptor, ImageIndex, ImageManifest, Platform } from '@/lib/oci/schemas';
import { getRegistryClient } from '@/lib/registry/client';
import { RegistryError } from '@/lib/registry/errors';
import {
  assembleManifests,
  assertRequestedPlatform,
  attestationsBySubject,
  chooseIndexMediaType,
  composeIndex,
  editDescriptor,
  isSameIndex,
  isWholeSourceCopy,
} from './desired-list';
import { isSameRepository, locateSource, planTransfer, readConfigPlatform, readManifest, type SourceLocation } from './sources';
import { flattenTransfers, plannedSteps } from './steps';
import { assertTagAt, parseTarget } from './target-tag';
import type { ClientFor, PushPlan, PushTarget, RepoLocation } from './types';

/** Distribution refuses manifests over 4 MiB (`maxManifestBodySize`). */
const MAX_INDEX_BYTES = 4 * 1024 * 1024;
/** Sources read at once (each may read a config too). */
const SOURCE_CONCURRENCY = 8;

export type PlanOptions = { clientFor?: ClientFor };

type Target = PushTarget;

/** What the tag pointed at when the edit started, with its exact bytes; `index` is null for a single image. */
type BaseList = { recorded: RecordedManifest; index: ImageIndex | null };

/** What one request entry contributes. */
type Contribution = {
  requested: Descriptor[];
  attestations: Descriptor[];
  knownImages: string[];
  origin: RepoLocation;
};

type Context = {
  request: PushRequest;
  target: Target;
  clientFor: ClientFor;
  baseByDigest: ReadonlyMap<string, Descriptor>;
};

/**
 * Plans a push without writing anything: checks the tag is still at `base`, resolves every source (same repo,
 * other repo, other registry; an index contributes its entries; attestations travel with their image), checks
 * given platforms, reads missing ones from configs, and serialises the new list once.
 */
export async function planRegistryPush(request: PushRequest, options: PlanOptions = {}): Promise<PushPlan> {
  const clientFor = options.clientFor ?? getRegistryClient;
  const target = parseTarget(request.target);

  await assertTagAt(clientFor(target.registry), target, request.base);
  const base = request.base ? await readBase(clientFor, target, request.base) : null;
  const baseManifests = base?.index?.manifests ?? [];

  const ctx: Context = {
    request,
    target,
    clientFor,
    baseByDigest: new Map(baseManifests.map((d) => [d.digest, d])),
  };
  const limit = pLimit(SOURCE_CONCURRENCY);
  if (isWholeSourceCopy(request)) {
    const copy = await planListCopy(ctx, base, limit);
    if (copy) return copy;
  }
  const contributions = await Promise.all(request.manifests.map((entry, i) => limit(() => resolveEntry(ctx, entry, i))));

  const attestations = attestationsBySubject([...baseManifests, ...contributions.flatMap((c) => c.attestations)]);
  const knownImages = new Set([
    ...baseManifests.filter((d) => !isAttestation(d)).map((d) => d.digest),
    ...contributions.flatMap((c) => c.knownImages),
  ]);
  const { manifests } = assembleManifests({ requested: contributions.flatMap((c) => c.requested), attestations, knownImages });

  const mediaType = chooseIndexMediaType({
    requested: request.mediaType,
    base: base?.index ? base.recorded.mediaType : null,
    manifests,
    hasIndexAnnotations: Object.keys(request.annotations ?? {}).length > 0,
  });
  if (mediaType === MediaType.dockerManifestList) assertNoRequestedAnnotations(request);
  const composed = composeIndex({ base: base?.index ?? null, mediaType, manifests, annotations: request.annotations });

  // Unchanged content keeps the base's exact bytes: never re-serialise what was not edited.
  const isUnchanged = base !== null && isSameIndex(base.index, composed.index);
  const serialized = isUnchanged ? null : serializeIndex(composed.index);
  const bytes = serialized?.bytes ?? base!.recorded.bytes;
  if (bytes.length > MAX_INDEX_BYTES) {
    throw new AppError('UNPROCESSABLE', `The new list is ${bytes.length} bytes; registries refuse manifests over 4 MiB. Split it.`);
  }
  const index = { digest: sha256Digest(bytes), mediaType, bytes, size: bytes.length };
  const dropped = composed.dropped;

  const origins = originsByDigest(target, baseManifests, contributions);
  const transfers = await Promise.all(
    manifests
      .filter((d) => !isSameRepository(origins.get(d.digest) ?? target, target))
      .map((d) => limit(() => planTransfer(clientFor, origins.get(d.digest)!, d.digest))),
  );
  const { blobs, manifests: children } = flattenTransfers(transfers);
  const steps = plannedSteps({ target, base: request.base, blobs, manifests: children, index, isUnchanged });
  return { target, base: base?.recorded ?? null, index, transfers, dropped, isUnchanged, steps };
}

/**
 * A whole list copied with nothing edited (issue 11 §3): the source's exact bytes go to the target tag, after every
 * child, attestation and blob they name, so the copy has the source's digest. Null when the source is not a list
 * (a single image pushed this way becomes a list of one, built like any other).
 */
async function planListCopy(ctx: Context, base: BaseList | null, limit: ReturnType<typeof pLimit>): Promise<PushPlan | null> {
  const { target, request, clientFor } = ctx;
  const where = `manifests[0] (${request.manifests[0]!.source})`;
  const source = locateSource(request.manifests[0]!.source, target);
  const { response, parsed } = await readSource(ctx, source, where);
  if (parsed.kind !== 'index') return null;
  const index = { digest: response.digest, mediaType: response.mediaType, bytes: response.bytes, size: response.bytes.length };
  const transfers = isSameRepository(source, target)
    ? []
    : await Promise.all(parsed.index.manifests.map((d) => limit(() => planTransfer(clientFor, source, d.digest))));
  const { blobs, manifests: children } = flattenTransfers(transfers);
  const isUnchanged = base?.recorded.digest === index.digest;
  const steps = plannedSteps({ target, base: request.base, blobs, manifests: children, index, isUnchanged });
  return { target, base: base?.recorded ?? null, index, transfers, dropped: [], isUnchanged, steps };
}

async function readBase(clientFor: ClientFor, target: Target, digest: string): Promise<BaseList> {
  const { response, parsed } = await readManifest(clientFor, target, digest);
  const recorded = { digest: response.digest, mediaType: response.mediaType, bytes: response.bytes };
  return { recorded, index: parsed.kind === 'index' ? parsed.index : null };
}

/** The first place each digest was found: base entries are in the target already. */
function originsByDigest(target: Target, base: readonly Descriptor[], contributions: readonly Contribution[]): Map<string, RepoLocation> {
  const origins = new Map<string, RepoLocation>(base.map((d) => [d.digest, target]));
  for (const contribution of contributions) {
    for (const d of [...contribution.requested, ...contribution.attestations]) {
      if (!origins.has(d.digest)) origins.set(d.digest, contribution.origin);
    }
  }
  return origins;
}

function assertNoRequestedAnnotations(request: PushRequest): void {
  const isAnnotated = (a: object | undefined) => a !== undefined && Object.keys(a).length > 0;
  if (isAnnotated(request.annotations) || request.manifests.some((m) => isAnnotated(m.annotations))) {
    throw new AppError(
      'UNPROCESSABLE',
      `A Docker manifest list cannot carry annotations: push it as an OCI index (mediaType ${MediaType.ociIndex}) or leave the annotations out.`,
    );
  }
}

/** One request entry: kept from the base, an image from anywhere, or an index contributing its entries. */
async function resolveEntry(ctx: Context, entry: PushManifestRequest, position: number): Promise<Contribution> {
  const where = `manifests[${position}] (${entry.source})`;
  const source = locateSource(entry.source, ctx.target);
  const inBase = isSameRepository(source, ctx.target) ? ctx.baseByDigest.get(source.reference) : undefined;
  // Untouched entries of the list are not even fetched: their descriptor is kept exactly, unknown fields included.
  if (inBase && !entry.platform) return single(editDescriptor(inBase, entry), source);

  const { response, parsed } = await readSource(ctx, source, where);
  if (parsed.kind === 'index') return contributeIndex(entry, source, parsed.index, where);

  const existing = ctx.baseByDigest.get(response.digest);
  const descriptor: Descriptor = existing ?? { mediaType: response.mediaType, digest: response.digest, size: response.size };
  let platform = entry.platform;
  const isAttestationEntry = existing !== undefined && isAttestation(existing);
  if (platform && !isAttestationEntry) await checkGivenPlatform(ctx, platform, source, parsed.manifest, where);
  if (!platform && !existing) {
    // As `docker manifest create` does: a new entry without a platform takes its config's.
    platform = (await readConfigPlatform(ctx.clientFor, source, parsed.manifest)) ?? undefined;
    if (!platform) throw new AppError('UNPROCESSABLE', `${where}: the image config names no os/architecture; give the platform.`);
  }
  return single(editDescriptor(descriptor, { platform, annotations: entry.annotations }), source);
}

/** A given platform must be canonical, known to runtimes and, unless allowMismatch, what the image's config says. */
async function checkGivenPlatform(ctx: Context, platform: Platform, source: RepoLocation, manifest: ImageManifest, where: string): Promise<void> {
  assertRequestedPlatform(platform, where);
  const own = await readConfigPlatform(ctx.clientFor, source, manifest);
  if (!own || !disagreesWithConfig(platform, own) || ctx.request.allowMismatch) return;
  throw new AppError(
    'UNPROCESSABLE',
    `${where}: the platform ${formatPlatform(platform)} disagrees with the image's config, which says ${formatPlatform(own)}. Use the image's own platform, or allow the mismatch if the config is wrong.`,
    { suggestion: own, config: own },
  );
}

function single(descriptor: Descriptor, origin: RepoLocation): Contribution {
  return { requested: [descriptor], attestations: [], knownImages: isAttestation(descriptor) ? [] : [descriptor.digest], origin };
}

async function readSource(ctx: Context, source: SourceLocation, where: string) {
  try {
    return await readManifest(ctx.clientFor, source, source.reference);
  } catch (err) {
    if (err instanceof RegistryError && err.isNotFound) {
      throw new AppError('NOT_FOUND', `${where}: ${source.registry}/${source.repository} has no manifest ${source.reference}.`, { source: where });
    }
    throw err;
  }
}

/**
 * An index source gives its entries, attestations travelling with their image. A given platform picks the one
 * entry for it; given annotations apply to every image entry taken.
 */
function contributeIndex(entry: PushManifestRequest, origin: RepoLocation, index: ImageIndex, where: string): Contribution {
  const attestations = index.manifests.filter(isAttestation);
  let images = index.manifests.filter((d) => !isAttestation(d));
  const knownImages = images.map((d) => d.digest);
  if (entry.platform) {
    const wanted = platformKey(entry.platform);
    const match = images.find((d) => d.platform && platformKey(d.platform) === wanted);
    if (!match) {
      const available = images.flatMap((d) => (d.platform ? [formatPlatform(d.platform)] : [])).join(', ') || 'none';
      throw new AppError('UNPROCESSABLE', `${where} is a list without ${formatPlatform(entry.platform)}; it has ${available}.`);
    }
    images = [match];
  }
  const requested = images.map((d) => editDescriptor(d, { annotations: entry.annotations }));
  return { requested, attestations, knownImages, origin };
}
