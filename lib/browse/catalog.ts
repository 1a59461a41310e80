import 'server-only';
import { AppError } from '@/lib/api/errors';
import type { CatalogResponse } from '@/lib/api/catalog';
import { parseRegistryHost } from '@/lib/oci/reference';
import { getRegistryClient } from '@/lib/registry/client';
import type { ClientFor } from '@/lib/registry/types';
import { readBrowseSettings } from './settings';

/** The registry a `?registry=` names, as written in references; 400 when it is not a host. */
function registryParam(input: string): string {
  try {
    return parseRegistryHost(input);
  } catch (err) {
    throw new AppError('BAD_REQUEST', (err as Error).message);
  }
}

/** One page of a registry's catalog; `n` is bounded by ARCHWAY_CATALOG_MAX_PAGE. */
export async function listCatalogPage(
  input: { registry: string; n?: string | null; last?: string | null },
  clientFor: ClientFor = getRegistryClient,
): Promise<CatalogResponse> {
  const settings = readBrowseSettings();
  const registry = registryParam(input.registry);
  const n = input.n ? Number(input.n) : settings.catalogPageSize;
  if (!Number.isInteger(n) || n < 1 || n > settings.catalogMaxPage) {
    throw new AppError('BAD_REQUEST', `?n= must be a whole number from 1 to ${settings.catalogMaxPage} (got ${input.n}).`);
  }
  const page = await clientFor(registry).catalogPage({ n, last: input.last || null });
  return { registry, repositories: page.repositories, next: page.next };
}
