import { queryOptions, useQuery } from '@tanstack/react-query';
import { ManifestQuery } from '@/lib/api/manifest';
import { sha256Digest } from '@/lib/oci/digest';
import { apiFetch, apiPath } from './api-fetch';
import { queryKeys } from './query-keys';

/** The exact bytes of a manifest as text, with what the server said about them and what the browser computed. */
export type RawManifest = {
  text: string;
  mediaType: string;
  /** The registry's Docker-Content-Digest, as passed on by the server. */
  digest: string | null;
  /** sha256 of the bytes this browser received: the proof that the text shown is the document the digest names. */
  computedDigest: string;
  size: number;
};

/** The URL of a manifest's exact bytes, also what a "download" link opens. */
export function rawManifestUrl(reference: string): string {
  return apiPath('manifest', ManifestQuery, { ref: reference });
}

/** GET /api/v1/manifest: the registry's bytes, untouched (their sha256 is the digest). */
export async function fetchRawManifest(reference: string, signal?: AbortSignal): Promise<RawManifest> {
  const response = await apiFetch(rawManifestUrl(reference), { signal });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    text: new TextDecoder().decode(bytes),
    mediaType: response.headers.get('content-type') ?? 'unknown',
    digest: response.headers.get('docker-content-digest'),
    computedDigest: sha256Digest(bytes),
    size: bytes.byteLength,
  };
}

/** Query options for raw bytes; callers pass a by-digest reference, so the answer never goes stale. */
export function rawManifestQueryOptions(reference: string) {
  return queryOptions({
    queryKey: queryKeys.manifest.raw(reference),
    queryFn: ({ signal }) => fetchRawManifest(reference, signal),
    staleTime: Infinity,
  });
}

/** The raw manifest, fetched only once `enabled` (the panel is opened). */
export function useRawManifest(reference: string, enabled: boolean) {
  return useQuery({ ...rawManifestQueryOptions(reference), enabled });
}
