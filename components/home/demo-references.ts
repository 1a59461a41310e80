import { formatReference, tryParseReference } from '@/lib/oci/reference';

/** A demo link: the reference, and optionally a line saying what it shows. */
export type DemoReference = { reference: string; description: string | null };

/**
 * The demo references from `ARCHWAY_DEMO_REFERENCES` (comma-separated, each `reference` or `reference=what it
 * shows`), in canonical form. Entries that do not parse are dropped: a typo in the environment must not break the
 * home page.
 */
export function parseDemoReferences(value: string | undefined): DemoReference[] {
  if (!value) return [];
  const references: DemoReference[] = [];
  for (const item of value.split(',')) {
    // A reference never contains '=', so the first one starts the description.
    const [text = '', ...rest] = item.split('=');
    const parsed = tryParseReference(text);
    if (!parsed.ok) continue;
    const reference = formatReference(parsed.reference);
    const description = rest.join('=').trim() || null;
    if (!references.some((known) => known.reference === reference)) references.push({ reference, description });
  }
  return references;
}
