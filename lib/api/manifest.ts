import type { z } from 'zod';
import { InspectQuery } from './inspect';

/*
 * The contract of `GET /api/v1/manifest?ref=`: the registry's exact bytes as the body, their media type as
 * Content-Type and their digest as Docker-Content-Digest.
 */

/** The same reference parameter as inspect: the manifest shown is the one inspected. */
export const ManifestQuery = InspectQuery.pick({ ref: true });
export type ManifestQuery = z.infer<typeof ManifestQuery>;
