import type { InspectEntry } from '@/lib/api/inspect';
import { formatPlatform } from '@/lib/oci/platform';

/** The words an entry label may use, in the page's language (components pass the catalog's; English by default). */
export type EntryLabelWords = {
  attestation: string;
  nestedIndex: string;
  noPlatform: string;
  /** A platform read from the image config, not the list: `linux/amd64 (config)`. */
  fromConfig: (platform: string) => string;
};

const ENGLISH: EntryLabelWords = {
  attestation: 'attestation',
  nestedIndex: 'nested index',
  noPlatform: 'no platform',
  fromConfig: (platform) => `${platform} (config)`,
};

/** How an entry is named on screen: its platform as listed, else what it is. */
export function entryLabel(entry: InspectEntry, words: EntryLabelWords = ENGLISH): string {
  if (entry.role === 'attestation') return words.attestation;
  if (entry.platform) return formatPlatform(entry.platform);
  if (entry.role === 'index') return words.nestedIndex;
  // A single-manifest tag, or a list entry without a platform: what the image says it is.
  if (entry.config) return words.fromConfig(formatPlatform(entry.config));
  return words.noPlatform;
}
