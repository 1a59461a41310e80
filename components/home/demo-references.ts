import { formatReference, tryParseReference } from '@/lib/oci/reference';

/**
 * The demo references from `ARCHWAY_DEMO_REFERENCES` (comma-separated), in canonical form. Entries that do not
 * parse are dropped: a typo in the environment must not break the home page.
 */
export function parseDemoReferences(value: string | undefined): string[] {
  if (!value) return [];
  const references: string[] = [];
  for (const item of value.split(',')) {
    const parsed = tryParseReference(item);
    if (!parsed.ok) continue;
    const reference = formatReference(parsed.reference);
    if (!references.includes(reference)) references.push(reference);
  }
  return references;
}
