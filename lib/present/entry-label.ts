import type { InspectEntry } from '@/lib/api/inspect';
import { formatPlatform } from '@/lib/oci/platform';

/** How an entry is named on screen: its platform as listed, else what it is. */
export function entryLabel(entry: InspectEntry): string {
  if (entry.role === 'attestation') return 'attestation';
  if (entry.platform) return formatPlatform(entry.platform);
  if (entry.role === 'index') return 'nested index';
  // A single-manifest tag, or a list entry without a platform: what the image says it is.
  if (entry.config) return `${formatPlatform(entry.config)} (config)`;
  return 'no platform';
}
