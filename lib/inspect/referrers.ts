import 'server-only';
import { AppError } from '@/lib/api/errors';
import type { Referrer, ReferrersResponse } from '@/lib/api/referrers';
import { verifyDigest } from '@/lib/oci/digest';
import { formatReference } from '@/lib/oci/reference';
import type { Descriptor } from '@/lib/oci/schemas';
import { getRegistryClient } from '@/lib/registry/client';
import type { ClientFor } from '@/lib/registry/types';
import { parseUserReference } from './inspect-image';

/**
 * A descriptor may embed its manifest (`data`, base64): then the config media type is at hand, which the spec
 * says stands for a missing artifactType. Nothing is fetched for it.
 */
function embeddedArtifactType(descriptor: Descriptor): string | null {
  if (!descriptor.data) return null;
  const bytes = Buffer.from(descriptor.data, 'base64');
  try {
    if (!verifyDigest(bytes, descriptor.digest)) return null;
    const manifest = JSON.parse(bytes.toString('utf8')) as { artifactType?: unknown; config?: { mediaType?: unknown } };
    const type = manifest.artifactType ?? manifest.config?.mediaType;
    return typeof type === 'string' ? type : null;
  } catch {
    return null; // unverifiable algorithm or not JSON: the type stays unknown rather than guessed
  }
}

function toReferrer(descriptor: Descriptor): Referrer {
  return {
    digest: descriptor.digest,
    mediaType: descriptor.mediaType,
    artifactType: descriptor.artifactType ?? embeddedArtifactType(descriptor),
    size: descriptor.size,
    annotations: descriptor.annotations ?? {},
  };
}

/** The referrers of a manifest pinned by digest (`registry/repository@sha256:…`), optionally of one artifactType. */
export async function listImageReferrers(input: string, artifactType?: string, clientFor: ClientFor = getRegistryClient): Promise<ReferrersResponse> {
  const reference = parseUserReference(input);
  if (!reference.digest) {
    throw new AppError('BAD_REQUEST', `Referrers are listed for a digest: pin the reference, e.g. ${formatReference({ ...reference, tag: null, digest: 'sha256:<64 hex>' })}.`);
  }
  const result = await clientFor(reference.registry).listReferrers(reference.repository, reference.digest, artifactType ? { artifactType } : {});
  return {
    subject: formatReference({ ...reference, tag: null }),
    source: result.source,
    filtersApplied: result.filtersApplied,
    referrers: result.manifests.map(toReferrer),
  };
}
