import 'server-only';
import type { TagsResponse } from '@/lib/api/tags';
import { formatReference } from '@/lib/oci/reference';
import { getRegistryClient } from '@/lib/registry/client';
import type { ClientFor } from '@/lib/registry/types';
import { parseUserReference } from './inspect-image';

/** Every tag of the repository a reference names (its tag or digest, if any, is ignored). */
export async function listRepositoryTags(input: string, clientFor: ClientFor = getRegistryClient): Promise<TagsResponse> {
  const reference = parseUserReference(input);
  const tags = await clientFor(reference.registry).listTags(reference.repository);
  return { repository: formatReference({ ...reference, tag: null, digest: null }), tags };
}
