import { cleanReferenceInput } from '@/lib/oci/reference';
import { looksLikeRegistryHost } from '@/lib/oci/registry-host';

/**
 * The reference as the user meant it: a name without a registry is looked up on `defaultRegistry` (the list's own
 * registry), because in an editor for `localhost:5000/demo/app` that is where `demo/x8664-test` lives.
 */
export function qualifySource(input: string, defaultRegistry: string | null): string {
  const cleaned = cleanReferenceInput(input);
  const first = cleaned.split('/')[0] ?? '';
  const hasRegistry = cleaned.includes('/') && looksLikeRegistryHost(first);
  return hasRegistry || !defaultRegistry ? cleaned : `${defaultRegistry}/${cleaned}`;
}
