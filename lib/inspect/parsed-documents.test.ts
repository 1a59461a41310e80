import { describe, expect, it } from 'vitest';
import { MediaType } from '@/lib/oci/media-types';
import { ManifestParseError } from '@/lib/oci/parse';
import { parseImageConfigOnce, parseManifestOnce } from './parsed-documents';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const index = { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [] };
const config = { architecture: 'arm64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } };

describe('parsed documents', () => {
  it('parses the same bytes object once, and equal bytes in another object afresh', () => {
    const bytes = encode(index);
    const first = parseManifestOnce(bytes, MediaType.ociIndex);
    expect(parseManifestOnce(bytes, MediaType.ociIndex)).toBe(first);
    const copy = encode(index);
    expect(parseManifestOnce(copy, MediaType.ociIndex)).not.toBe(first);
    expect(parseManifestOnce(copy, MediaType.ociIndex)).toEqual(first);
  });

  it('parses again for another content type, which can change the verdict', () => {
    const bytes = encode({ schemaVersion: 2, manifests: [] });
    expect(parseManifestOnce(bytes, MediaType.ociIndex).kind).toBe('index');
    expect(() => parseManifestOnce(bytes, MediaType.ociManifest)).toThrow(ManifestParseError);
  });

  it('never remembers a document that does not parse', () => {
    const bytes = new TextEncoder().encode('{not json');
    expect(() => parseManifestOnce(bytes, MediaType.ociIndex)).toThrow(ManifestParseError);
    expect(() => parseManifestOnce(bytes, MediaType.ociIndex)).toThrow(ManifestParseError);
    expect(() => parseImageConfigOnce(bytes)).toThrow(ManifestParseError);
  });

  it('parses a config once per bytes object', () => {
    const bytes = encode(config);
    const first = parseImageConfigOnce(bytes);
    expect(first).toMatchObject({ architecture: 'arm64', os: 'linux' });
    expect(parseImageConfigOnce(bytes)).toBe(first);
  });
});
