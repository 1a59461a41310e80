import 'server-only';
import type { ManifestResponse, RegistryClient } from '@/lib/registry/types';

/*
 * Which digest each tag pointed at when last seen. A tag nobody asked about yet is fetched with one GET (the
 * cheapest cold path); a tag seen before is confirmed with one HEAD, and its bytes then come from the client's
 * content-addressed cache, so a warm repeat costs a single registry request that Docker Hub does not rate-limit.
 */
const MAX_TAGS = 10_000;
const lastSeen = new Map<string, string>();

function remember(key: string, digest: string): void {
  lastSeen.delete(key);
  lastSeen.set(key, digest);
  if (lastSeen.size > MAX_TAGS) lastSeen.delete(lastSeen.keys().next().value!);
}

/** Resolves a tag to its manifest bytes with as few registry requests as the cache allows. */
export async function resolveTag(client: RegistryClient, repository: string, tag: string): Promise<ManifestResponse> {
  const key = `${client.registry}/${repository}:${tag}`;
  if (lastSeen.has(key)) {
    const head = await client.headManifest(repository, tag);
    if (head) {
      const manifest = await client.getManifest(repository, head.digest);
      remember(key, manifest.digest);
      return manifest;
    }
    lastSeen.delete(key);
  }
  const manifest = await client.getManifest(repository, tag);
  remember(key, manifest.digest);
  return manifest;
}
