import { isDeepStrictEqual } from 'node:util';
import { AppError } from '@/lib/api/errors';
import type { PushRequest } from '@/lib/api/push';
import { attestationSubject } from '@/lib/oci/attestation';
import { buildIndex, convertIndexMediaType, IndexEditError, setPlatform } from '@/lib/oci/edit';
import { MediaType, isIndexMediaType, type IndexMediaType } from '@/lib/oci/media-types';
import { formatPlatform } from '@/lib/oci/platform';
import { checkPlatform, NON_CANONICAL_FINDINGS, type PlatformFinding } from '@/lib/oci/platform-checks';
import type { Annotations, Descriptor, ImageIndex, Platform } from '@/lib/oci/schemas';

/*
 * The pure half of a push: how the desired entries, the base list and the sources' attestations become the new
 * `manifests[]`, and which media type it gets. No I/O here, so every rule is unit- and property-tested.
 */

/** The edits one request entry makes to a descriptor: a given field replaces, an omitted one keeps. */
export type DescriptorEdits = { platform?: Platform | undefined; annotations?: Annotations | undefined };

/** A copy of `descriptor` with the edits applied; every field the edits do not name is kept, unknown ones included. */
export function editDescriptor(descriptor: Descriptor, edits: DescriptorEdits): Descriptor {
  const edited: Descriptor = edits.platform ? { ...setPlatform(descriptor, edits.platform) } : { ...descriptor };
  if (edits.annotations) {
    // An empty map means "no annotations": omit the field rather than write `{}`.
    if (Object.keys(edits.annotations).length > 0) edited.annotations = edits.annotations;
    else delete edited.annotations;
  }
  return edited;
}

export type AssembleInput = {
  /** The entries asked for, in order, already edited (an index source expanded into its entries). */
  requested: Descriptor[];
  /** Attestations known to describe each image digest (from the base list and from source indexes), in order. */
  attestations: ReadonlyMap<string, Descriptor[]>;
  /** Every image digest the edit knew about (base and sources): an attestation of one that is not kept is dropped. */
  knownImages: ReadonlySet<string>;
};

export type AssembleResult = { manifests: Descriptor[]; removedAttestations: Descriptor[] };

/**
 * The new `manifests[]`: requested entries in the order given (a digest listed twice with the same descriptor
 * counts once), then the attestations of the kept images in buildx's place, after every platform entry. An
 * attestation whose image was removed goes with it.
 */
export function assembleManifests(input: AssembleInput): AssembleResult {
  const manifests: Descriptor[] = [];
  const byDigest = new Map<string, Descriptor>();
  for (const descriptor of input.requested) {
    const earlier = byDigest.get(descriptor.digest);
    if (!earlier) {
      byDigest.set(descriptor.digest, descriptor);
      manifests.push(descriptor);
      continue;
    }
    if (!isDeepStrictEqual(earlier, descriptor)) {
      throw new AppError(
        'BAD_REQUEST',
        `${descriptor.digest} is listed twice with different platforms or annotations; list it once.`,
        { digest: descriptor.digest },
      );
    }
  }
  const kept = new Set(manifests.filter((d) => attestationSubject(d) === undefined).map((d) => d.digest));
  const isOrphaned = (d: Descriptor) => {
    const subject = attestationSubject(d);
    return subject !== undefined && !kept.has(subject) && input.knownImages.has(subject);
  };
  const removedAttestations = manifests.filter(isOrphaned);
  const result = manifests.filter((d) => !isOrphaned(d));
  const present = new Set(result.map((d) => d.digest));
  for (const image of result) {
    for (const attestation of input.attestations.get(image.digest) ?? []) {
      if (present.has(attestation.digest)) continue;
      present.add(attestation.digest);
      result.push(attestation);
    }
  }
  return { manifests: result, removedAttestations };
}

/** Groups attestation descriptors by the image they describe, keeping their order. */
export function attestationsBySubject(descriptors: readonly Descriptor[]): Map<string, Descriptor[]> {
  const groups = new Map<string, Descriptor[]>();
  for (const descriptor of descriptors) {
    const subject = attestationSubject(descriptor);
    if (subject === undefined) continue;
    groups.set(subject, [...(groups.get(subject) ?? []), descriptor]);
  }
  return groups;
}

/**
 * The media type of the new list: the one asked for, else the base list's, else a Docker list when every
 * child is a Docker manifest and nothing needs annotations, otherwise an OCI index.
 */
export function chooseIndexMediaType(options: {
  requested?: IndexMediaType | undefined;
  base?: string | null | undefined;
  manifests: readonly Descriptor[];
  hasIndexAnnotations: boolean;
}): IndexMediaType {
  if (options.requested) return options.requested;
  // A tag that held a single image (edge case 4) has no list type to keep: it is chosen like a new list's.
  if (isIndexMediaType(options.base)) return options.base;
  const isAllDocker =
    options.manifests.length > 0 &&
    options.manifests.every((d) => d.mediaType === MediaType.dockerManifest && !d.annotations);
  return isAllDocker && !options.hasIndexAnnotations ? MediaType.dockerManifestList : MediaType.ociIndex;
}

/** Findings that refuse a requested platform: names a runtime would not match as written, and unknown os/arch. */
function isRefusing(finding: PlatformFinding): boolean {
  return NON_CANONICAL_FINDINGS.has(finding.code) || finding.severity === 'error';
}

/**
 * Refuses (422) a requested platform with non-canonical names (`x86_64`, `aarch64`, `Linux`…) or an os/arch pair
 * no runtime knows; `details.suggestion` is the canonical platform when there is one.
 */
export function assertRequestedPlatform(platform: Platform, where: string): void {
  const refusing = checkPlatform(platform).filter(isRefusing);
  if (refusing.length === 0) return;
  const suggestion = refusing.find((finding) => finding.suggestion)?.suggestion;
  const advice = suggestion ? ` Use ${formatPlatform(suggestion)}.` : '';
  throw new AppError('UNPROCESSABLE', `${where}: ${refusing.map((f) => f.message).join(' ')}${advice}`, {
    findings: refusing,
    ...(suggestion ? { suggestion } : {}),
  });
}

export type ComposeIndexInput = {
  /** The list being edited (its unknown top-level fields are kept); null for a new list. */
  base: ImageIndex | null;
  mediaType: IndexMediaType;
  manifests: readonly Descriptor[];
  /** Index annotations: undefined keeps the base's, an empty map removes them. */
  annotations: Annotations | undefined;
};

/**
 * The new list: assembled as the base's own media type (OCI for a new list), then converted to the one chosen,
 * so `dropped` names everything the conversion loses. A Docker list asked to carry OCI-only fields that no
 * conversion explains (annotations given for it) is refused (422).
 */
export function composeIndex(input: ComposeIndexInput): { index: ImageIndex; dropped: string[] } {
  const ownType = input.base?.mediaType ?? MediaType.ociIndex;
  try {
    // Assembled as OCI (which can hold every field) and relabelled, so the conversion sees what it must drop.
    const assembled = buildIndex({ mediaType: MediaType.ociIndex, base: input.base, manifests: input.manifests, annotations: input.annotations });
    const own = { ...assembled, mediaType: ownType } as ImageIndex;
    const { index, dropped } = convertIndexMediaType(own, input.mediaType);
    return { index: buildIndex({ mediaType: input.mediaType, base: index, manifests: index.manifests }), dropped };
  } catch (err) {
    if (err instanceof IndexEditError) throw new AppError('UNPROCESSABLE', err.message);
    throw err;
  }
}

/**
 * True for a copy: one entry, naming a source with nothing edited (no platform, annotations or media type asked for).
 * If that source is a list, the push writes its exact bytes, so the copy keeps the source's digest.
 */
export function isWholeSourceCopy(request: Pick<PushRequest, 'manifests' | 'mediaType' | 'annotations'>): boolean {
  const [only, ...rest] = request.manifests;
  return only !== undefined && rest.length === 0 && !only.platform && !only.annotations && !request.mediaType && !request.annotations;
}

/** True when the new list says exactly what the base says: same type, entries and annotations. */
export function isSameIndex(base: ImageIndex | null, next: ImageIndex): boolean {
  if (!base) return false;
  const { mediaType: baseType = MediaType.ociIndex, ...baseRest } = base;
  const { mediaType: nextType = MediaType.ociIndex, ...nextRest } = next;
  return baseType === nextType && isDeepStrictEqual(baseRest, nextRest);
}
