'use client';

import { useQueries } from '@tanstack/react-query';
import { ManifestParseError, parseManifest } from '@/lib/oci/parse';
import { listChanges, type ListChange } from '@/lib/present/list-change';
import { digestReference, type RepositoryLocation } from '@/lib/present/links';
import { rawManifestQueryOptions } from '@/lib/queries/manifest';

function parse(text: string, mediaType: string) {
  try {
    return parseManifest(new TextEncoder().encode(text), mediaType);
  } catch (err) {
    if (err instanceof ManifestParseError) return null;
    throw err;
  }
}

/**
 * What a recorded push changed, in words, read from the two manifests' exact bytes (by digest: fetched once, never
 * stale). Null while loading or when either document cannot be read.
 */
export function useListChange(location: RepositoryLocation | null, before: string | null, after: string): ListChange[] | null {
  const digests = location ? [before, after].filter((digest): digest is string => digest !== null) : [];
  const results = useQueries({
    queries: digests.map((digest) => rawManifestQueryOptions(digestReference(location!, digest))),
  });
  if (!location || results.some((result) => !result.data)) return null;
  const [first, second] = results.map((result) => parse(result.data!.text, result.data!.mediaType));
  const old = before ? first : null;
  const now = before ? second : first;
  if (!now || (before && !old)) return null;
  return listChanges(old ?? null, now);
}
