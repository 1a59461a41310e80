import 'server-only';
import { isDigest, splitDigest } from '@/lib/oci/reference';
import { MediaType } from '@/lib/oci/media-types';
import { OciIndex, type Descriptor } from '@/lib/oci/schemas';
import { repositoryScope } from './auth';
import { locate, registryError, type ClientContext } from './context';
import { RegistryError } from './errors';
import { getManifest } from './manifests';
import { collectPages } from './pagination';
import type { ReferrersResult } from './types';

/*
 * Referrers (signatures, SBOMs, attestations pushed with `subject`) are listed by the referrers API when the
 * registry has one, else by the index tagged `<alg>-<hex>` that pushers maintain (OCI distribution spec,
 * "Referrers Tag Schema"). A registry with the API never answers 404 for an unknown subject (it sends an empty
 * index), so a 404 that is not an OCI index means "no API here" (distribution 2.8 sends plain text).
 */

const ALGORITHM_MAX = 32;
const ENCODED_MAX = 64;

/** Characters a tag may hold (`[\w][\w.-]{0,127}`); anything else in a digest becomes `-`, as the spec says. */
function tagSafe(text: string): string {
  return text.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

/** The tag under which the referrers of `digest` are kept on registries without the API: `sha256-<hex>`. */
export function referrersTag(digest: string): string {
  const parts = splitDigest(digest);
  if (!parts) throw new TypeError(`not a digest: ${digest}`);
  return `${tagSafe(parts.algorithm.slice(0, ALGORITHM_MAX))}-${tagSafe(parts.encoded.slice(0, ENCODED_MAX))}`;
}

/** True when the registry says it applied the artifactType filter (`OCI-Filters-Applied: artifactType`). */
export function filtersAppliedHeader(headers: Headers): boolean {
  const value = headers.get('oci-filters-applied') ?? '';
  return value.split(',').some((filter) => filter.trim() === 'artifactType');
}

/** The referrers in an index: first of each digest, keeping only `artifactType` when asked. */
export function referrersFromManifests(manifests: readonly Descriptor[], artifactType?: string): Descriptor[] {
  const byDigest = new Map<string, Descriptor>();
  for (const descriptor of manifests) {
    if (artifactType !== undefined && descriptor.artifactType !== artifactType) continue;
    if (!byDigest.has(descriptor.digest)) byDigest.set(descriptor.digest, descriptor);
  }
  return [...byDigest.values()];
}

/** `GET /v2/<name>/referrers/<digest>` across Link pages; null when the registry has no referrers API. */
async function referrersFromApi(ctx: ClientContext, path: string, digest: string, artifactType?: string): Promise<Omit<ReferrersResult, 'source'> | null> {
  let filtersApplied = false;
  const query = artifactType === undefined ? '' : `?artifactType=${encodeURIComponent(artifactType)}`;
  try {
    const manifests = await collectPages(
      ctx,
      {
        firstTarget: `/v2/${path}/referrers/${digest}${query}`,
        scopes: [repositoryScope(path, 'pull')],
        operation: `list referrers of ${path}@${digest}`,
        headers: { accept: MediaType.ociIndex },
        alsoPageStatuses: [404],
      },
      OciIndex,
      (page, headers) => {
        if (filtersAppliedHeader(headers)) filtersApplied = true;
        return page.manifests;
      },
    );
    // The registry's filter is trusted when it says it applied one; otherwise Archway filters, as the spec asks.
    return { filtersApplied, manifests: referrersFromManifests(manifests, filtersApplied ? undefined : artifactType) };
  } catch (err) {
    if (err instanceof RegistryError && err.isNotFound) return null;
    throw err;
  }
}

/** The index tagged `<alg>-<hex>`, fetched like any manifest (digest-checked); null when there is no such tag. */
async function referrersFromTag(ctx: ClientContext, repository: string, digest: string, artifactType?: string): Promise<Descriptor[] | null> {
  const tag = referrersTag(digest);
  let manifest;
  try {
    manifest = await getManifest(ctx, repository, tag);
  } catch (err) {
    if (err instanceof RegistryError && err.isNotFound) return null;
    throw err;
  }
  const operation = `read referrers tag ${locate(ctx, repository).path}:${tag}`;
  if (manifest.mediaType !== MediaType.ociIndex) throw registryError(ctx, operation, 'invalid-response', `the tag holds ${manifest.mediaType}, not an OCI index`);
  const parsed = OciIndex.safeParse(JSON.parse(Buffer.from(manifest.bytes).toString('utf8')));
  if (!parsed.success) throw registryError(ctx, operation, 'invalid-response', 'the tag does not hold a valid OCI index');
  return referrersFromManifests(parsed.data.manifests, artifactType);
}

/** The referrers of a manifest: from the API, else from the tag schema, else none. */
export async function listReferrers(ctx: ClientContext, repository: string, digest: string, opts: { artifactType?: string } = {}): Promise<ReferrersResult> {
  const { path } = locate(ctx, repository);
  if (!isDigest(digest)) throw registryError(ctx, `list referrers of ${path}`, 'usage', `referrers are listed by digest, not ${digest}`);
  const fromApi = await referrersFromApi(ctx, path, digest, opts.artifactType);
  if (fromApi) return { source: 'api', ...fromApi };
  const fromTag = await referrersFromTag(ctx, repository, digest, opts.artifactType);
  if (fromTag) return { source: 'tag-schema', filtersApplied: false, manifests: fromTag };
  return { source: 'none', filtersApplied: false, manifests: [] };
}
