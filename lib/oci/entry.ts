import { z } from 'zod';
import { ConfigPlatform } from './config-platform';
import { Problem } from './problems';
import { Annotations, Platform } from './schemas';

/*
 * One entry of a list as the list lint sees it: the descriptor, what its child turned out to be, what its config
 * says, and what is wrong with it. `GET /api/v1/inspect` sends these as they are.
 */

export const EntryRole = z.enum(['image', 'attestation', 'index', 'unknown']);
export type EntryRole = z.infer<typeof EntryRole>;

export type InspectEntry = {
  digest: string;
  mediaType: string;
  size: number;
  platform: Platform | null;
  annotations: Annotations;
  role: EntryRole;
  /** For attestations: the digest of the image they describe. */
  subject?: string;
  artifactType?: string;
  config: ConfigPlatform | null;
  /** Layers of an image manifest: how many and their summed compressed size. */
  layers?: { count: number; size: number } | null;
  /** Set when the child could not be read; the rest of the list still is. */
  missing?: { reason: string; status?: number } | null;
  /** A nested index, shown as one entry with its own children. */
  children?: InspectEntry[];
  problems: Problem[];
};

export const InspectEntry: z.ZodType<InspectEntry> = z.lazy(() =>
  z.looseObject({
    digest: z.string(),
    mediaType: z.string(),
    size: z.number(),
    platform: Platform.nullable(),
    annotations: Annotations,
    role: EntryRole,
    subject: z.string().optional(),
    artifactType: z.string().optional(),
    config: ConfigPlatform.nullable(),
    layers: z.object({ count: z.number(), size: z.number() }).nullable().optional(),
    missing: z.object({ reason: z.string(), status: z.number().optional() }).nullable().optional(),
    children: z.array(InspectEntry).optional(),
    problems: z.array(Problem),
  }),
) as z.ZodType<InspectEntry>;
