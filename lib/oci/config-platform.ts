import { z } from 'zod';
import type { ImageConfig, Platform } from './schemas';

/*
 * The platform an image config declares for itself, as inspect reports it beside the listed platform, and the one
 * way to turn it into a descriptor platform (the editor's "use the image's own platform" and the lint agree).
 */

/** The platform fields an image config declares for itself. */
export const ConfigPlatform = z.looseObject({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional(),
  created: z.string().optional(),
});
export type ConfigPlatform = z.infer<typeof ConfigPlatform>;

/** The platform an image config declares for itself, or null when it lacks os or architecture. */
export function configPlatformOf(config: ImageConfig | undefined): ConfigPlatform | null {
  if (!config?.os || !config.architecture) return null;
  const out: ConfigPlatform = { os: config.os, architecture: config.architecture };
  if (config.variant) out.variant = config.variant;
  if (config['os.version']) out['os.version'] = config['os.version'];
  if (config['os.features']?.length) out['os.features'] = config['os.features'];
  if (config.created) out.created = config.created;
  return out;
}

/** The platform an image config declares, as a descriptor platform (fields in the OCI spec's order; empty ones left out). */
export function platformOfConfig(config: ConfigPlatform): Platform {
  return {
    architecture: config.architecture,
    os: config.os,
    ...(config['os.version'] ? { 'os.version': config['os.version'] } : {}),
    ...(config['os.features']?.length ? { 'os.features': config['os.features'] } : {}),
    ...(config.variant ? { variant: config.variant } : {}),
  };
}
