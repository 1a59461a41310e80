import 'server-only';
import { z } from 'zod';
import { positiveInt } from '@/lib/registry/config';
import { memoizeOnEnv } from '@/lib/config/env-memo';

/*
 * Limits of the browse endpoints, from the environment (README, configuration table):
 *   ARCHWAY_CATALOG_PAGE_SIZE   repositories per catalog page when the caller names no `n`, default 100
 *   ARCHWAY_CATALOG_MAX_PAGE    the largest `n` a caller may ask for, default 1000 (distribution's own cap)
 *   ARCHWAY_SUMMARY_BATCH       references per POST /api/v1/summaries, default 50
 */

const Env = z.object({
  ARCHWAY_CATALOG_PAGE_SIZE: positiveInt(100),
  ARCHWAY_CATALOG_MAX_PAGE: positiveInt(1000),
  ARCHWAY_SUMMARY_BATCH: positiveInt(50),
});

export type BrowseSettings = { catalogPageSize: number; catalogMaxPage: number; summaryBatch: number };

/** The browse limits; a malformed value names its variable. */
function parseBrowseSettings(env: Record<string, string | undefined>): BrowseSettings {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid ${parsed.error.issues[0]?.path.join('.') ?? 'environment'}: expected a positive whole number.`);
  }
  const { ARCHWAY_CATALOG_PAGE_SIZE, ARCHWAY_CATALOG_MAX_PAGE, ARCHWAY_SUMMARY_BATCH } = parsed.data;
  return {
    catalogMaxPage: ARCHWAY_CATALOG_MAX_PAGE,
    catalogPageSize: Math.min(ARCHWAY_CATALOG_PAGE_SIZE, ARCHWAY_CATALOG_MAX_PAGE),
    summaryBatch: ARCHWAY_SUMMARY_BATCH,
  };
}

/** readBrowseSettings parsed once per value of the variables it reads (lib/config/env-memo.ts): it runs on every request. */
export const readBrowseSettings = memoizeOnEnv(parseBrowseSettings);
