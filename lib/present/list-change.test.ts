import { describe, expect, it } from 'vitest';
import { MediaType } from '@/lib/oci/media-types';
import type { ParsedManifest } from '@/lib/oci/parse';
import type { Descriptor, Platform } from '@/lib/oci/schemas';
import { describeListChange } from './list-change';

const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const image = (n: number, platform: Platform): Descriptor => ({ mediaType: MediaType.dockerManifest, digest: digest(n), size: 500, platform });
const list = (manifests: Descriptor[], mediaType: string = MediaType.dockerManifestList): ParsedManifest =>
  ({ kind: 'index', mediaType, index: { schemaVersion: 2, mediaType, manifests } }) as ParsedManifest;

describe('describeListChange', () => {
  it('says what the wrong-arch fix did, in words', () => {
    const before = list([image(1, { os: 'linux', architecture: 'amd64' }), image(2, { os: 'linux', architecture: 'x86_64' }), image(3, { os: 'linux', architecture: 'arm', variant: 'v7' })]);
    const after = list([image(1, { os: 'linux', architecture: 'arm64', variant: 'v8' }), image(3, { os: 'linux', architecture: 'arm', variant: 'v7' })]);
    expect(describeListChange(before, after)).toEqual(['linux/amd64 → linux/arm64/v8', 'removed linux/x86_64']);
  });

  it('names additions, a new order, a conversion, and a new tag', () => {
    const a = image(1, { os: 'linux', architecture: 'amd64' });
    const b = image(2, { os: 'linux', architecture: 'arm64' });
    expect(describeListChange(list([a]), list([a, b]))).toEqual(['added linux/arm64']);
    expect(describeListChange(list([a, b]), list([b, a]))).toEqual(['reordered']);
    expect(describeListChange(list([a]), list([a], MediaType.ociIndex))).toEqual(['Docker list → OCI index']);
    expect(describeListChange(null, list([a, b]))).toEqual(['created with 2 entries']);
  });
});
