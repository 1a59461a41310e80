import { registryApi } from '@/e2e/fixtures/registry';
import type { Platform } from '@/lib/oci/schemas';
import { getRegistryClient } from '@/lib/registry/client';
import { buildImage, pushImage } from '@/scripts/lib/image-builder';

/**
 * Pushes an image to `repository:latest` and then deletes one of its layers from that repository, as a garbage
 * collection would: a push that copies from it fails midway, at that blob. Returns the reference and the lost layer.
 */
export async function pushImageMissingALayer(
  host: string,
  repository: string,
  opts: { platform: Platform; salt: string; layer?: number },
): Promise<{ reference: string; lostLayer: string }> {
  const image = buildImage({ platform: opts.platform, salt: opts.salt });
  await pushImage(getRegistryClient(host), repository, image, 'latest');
  const lostLayer = image.layers[opts.layer ?? 0]!.digest;
  await registryApi(host).deleteBlob(repository, lostLayer);
  return { reference: `${host}/${repository}:latest`, lostLayer };
}
