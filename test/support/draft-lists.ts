import type { InspectEntry, InspectResponse } from '@/lib/api/inspect';
import type { Draft } from '@/lib/draft/types';
import { MediaType } from '@/lib/oci/media-types';
import { attestationEntry, imageEntry } from './inspect-entries';

/* Inspect answers for the draft model's tests: a buildx-style list in localhost:5000/demo/app:1.0, numbered digests. */

export const REGISTRY = 'localhost:5000';
export const digestOf = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

// The shared entry builders, with numbered digests so a request's sources read in list order.
export function image(n: number, platform: InspectEntry['platform'], config = platform, extra: Partial<InspectEntry> = {}): InspectEntry {
  return imageEntry(null, {
    digest: digestOf(n),
    platform,
    config: config ? { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) } : null,
    ...extra,
  });
}

export function attestation(n: number, subject: number): InspectEntry {
  return { ...attestationEntry(digestOf(subject)), digest: digestOf(n) };
}

export function list(entries: InspectEntry[], overrides: Partial<InspectResponse> = {}): InspectResponse {
  return {
    reference: `${REGISTRY}/demo/app:1.0`,
    registry: REGISTRY,
    repository: 'demo/app',
    tag: '1.0',
    digest: digestOf(9999),
    mediaType: MediaType.ociIndex,
    size: 1234,
    kind: 'index',
    annotations: { 'org.opencontainers.image.source': 'https://example.com/app' },
    entries,
    problems: [],
    ...overrides,
  };
}

export const amd64 = image(1, { os: 'linux', architecture: 'amd64' });
const arm64 = image(2, { os: 'linux', architecture: 'arm64', variant: 'v8', features: ['sse4'] } as InspectEntry['platform']);
const arm64Attestation = attestation(3, 2);
export const buildx = list([amd64, arm64, arm64Attestation]);

export const keyOf = (draft: Draft, digest: string) => draft.entries.find((entry) => entry.digest === digest)!.key;
