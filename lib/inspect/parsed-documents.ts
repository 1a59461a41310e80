import 'server-only';
import { parseImageConfig, parseManifest, type ParsedManifest } from '@/lib/oci/parse';
import type { ImageConfig } from '@/lib/oci/schemas';

/*
 * A warm inspect reads every child manifest and config from the content cache, which hands back the very bytes
 * object it holds for a digest; registry documents never change, so the parse of those bytes (JSON and the schema
 * checks, the larger part of a warm inspect's own work) is kept beside them and dropped with them (WeakMap: the
 * cache's byte bound stays the only bound). Parsed documents are shared: nothing downstream changes them. A document
 * that does not parse is not remembered, so each inspect reports it afresh.
 */

const manifests = new WeakMap<Uint8Array, { contentType: string | undefined; parsed: ParsedManifest }>();
const configs = new WeakMap<Uint8Array, ImageConfig>();

/** parseManifest, once per bytes object and content type. */
export function parseManifestOnce(bytes: Uint8Array, contentType?: string): ParsedManifest {
  const known = manifests.get(bytes);
  if (known && known.contentType === contentType) return known.parsed;
  const parsed = parseManifest(bytes, contentType);
  manifests.set(bytes, { contentType, parsed });
  return parsed;
}

/** parseImageConfig, once per bytes object. */
export function parseImageConfigOnce(bytes: Uint8Array): ImageConfig {
  let config = configs.get(bytes);
  if (!config) {
    config = parseImageConfig(bytes);
    configs.set(bytes, config);
  }
  return config;
}
