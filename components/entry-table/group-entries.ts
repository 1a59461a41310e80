import type { InspectEntry } from '@/lib/api/inspect';

/** A list entry with its 1-based position in `manifests[]` and the attestations that describe it. */
export type EntryGroup = { entry: InspectEntry; position: number; attestations: InspectEntry[] };

/**
 * Folds attestation manifests under the image they describe (their `subject`), so they are never shown as
 * `unknown/unknown` platforms. An attestation whose subject is not in the list stays a row of its own. `offset`: how many
 * entries of the list come before `entries` (the window of a long list starts at `details.from`).
 */
export function groupEntries(entries: readonly InspectEntry[], offset = 0): EntryGroup[] {
  const groups = entries.map((entry, index) => ({ entry, position: offset + index + 1, attestations: [] as InspectEntry[] }));
  const bySubject = new Map<string, EntryGroup>();
  for (const group of groups) {
    if (group.entry.role !== 'attestation' && !bySubject.has(group.entry.digest)) bySubject.set(group.entry.digest, group);
  }
  return groups.filter((group) => {
    const { entry } = group;
    if (entry.role !== 'attestation' || !entry.subject) return true;
    const owner = bySubject.get(entry.subject);
    if (!owner) return true;
    owner.attestations.push(entry);
    return false;
  });
}

/** Every entry, nested-index children and attestations included, depth first. */
export function allEntries(entries: readonly InspectEntry[]): InspectEntry[] {
  return entries.flatMap((entry) => [entry, ...allEntries(entry.children ?? [])]);
}
