import type { InspectEntry } from '@/lib/api/inspect';
import { ATTESTATION_MANIFEST, REFERENCE_DIGEST_ANNOTATION, REFERENCE_TYPE_ANNOTATION } from '@/lib/oci/attestation';
import { MediaType } from '@/lib/oci/media-types';
import type { Platform } from '@/lib/oci/schemas';

/*
 * Small InspectEntry builders for the pure view-model tests: only the fields a test is about differ from a
 * plain linux image. Digests are made from a label so failures read well.
 */

/** A sha256-shaped digest derived from a short label (`digestOf('amd64')`). */
export function digestOf(label: string): string {
  const hex = Array.from(label, (char) => char.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return `sha256:${hex.padEnd(64, '0').slice(0, 64)}`;
}

/** Parses `os/arch[/variant]` into a Platform without normalising (tests need `x86_64` kept). */
export function platformOf(text: string): Platform {
  const [os, architecture, variant] = text.split('/') as [string, string, string | undefined];
  return { os, architecture, ...(variant ? { variant } : {}) };
}

/** An image entry for `os/arch[/variant]`. */
export function imageEntry(platform: string | null, overrides: Partial<InspectEntry> = {}): InspectEntry {
  return {
    digest: digestOf(platform ?? 'none'),
    mediaType: MediaType.ociManifest,
    size: 1000,
    platform: platform ? platformOf(platform) : null,
    annotations: {},
    role: 'image',
    config: platform ? { ...platformOf(platform) } : null,
    layers: { count: 1, size: 5000 },
    problems: [],
    ...overrides,
  };
}

/** A buildx attestation manifest describing `subject`. */
export function attestationEntry(subject: string, label = `att-${subject.slice(7, 15)}`): InspectEntry {
  return {
    digest: digestOf(label),
    mediaType: MediaType.ociManifest,
    size: 800,
    platform: { os: 'unknown', architecture: 'unknown' },
    annotations: { [REFERENCE_TYPE_ANNOTATION]: ATTESTATION_MANIFEST, [REFERENCE_DIGEST_ANNOTATION]: subject },
    role: 'attestation',
    subject,
    config: null,
    problems: [],
  };
}
