import { z } from 'zod';
import { Annotations } from '@/lib/oci/schemas';
import { requiredParam } from './query';

/*
 * The contract of `GET /api/v1/compare?a=&b=` (issue 11 §2). The shape is lib/oci/compare.ts's ListComparison;
 * this schema is what the browser checks it against. Fields may be added, never renamed.
 */

/** `GET /api/v1/compare?a=&b=`: the two references, as typed. */
export const CompareQuery = z.object({
  a: requiredParam('a', 'the first image reference, e.g. localhost:5000/app:1.0'),
  b: requiredParam('b', 'the second image reference, e.g. localhost:5000/app:1.1'),
});
export type CompareQuery = z.infer<typeof CompareQuery>;

export const CompareStatus = z.enum(['same', 'changed', 'added', 'removed']);

const ComparedSide = z.looseObject({ digest: z.string(), size: z.number(), created: z.string().optional() });

export const PlatformComparison = z.looseObject({
  platform: z.string(),
  status: CompareStatus,
  a: ComparedSide.optional(),
  b: ComparedSide.optional(),
  /** How each list spells the platform, when they differ (`linux/x86_64` and `linux/amd64`). */
  written: z.object({ a: z.string(), b: z.string() }).optional(),
  /** The attestations of this platform's image, paired in order. */
  attestations: z.array(z.looseObject({ status: CompareStatus, a: ComparedSide.optional(), b: ComparedSide.optional() })).optional(),
});
export type PlatformComparison = z.infer<typeof PlatformComparison>;

const Side = z.looseObject({ reference: z.string(), digest: z.string() });

export const CompareResponse = z.looseObject({
  a: Side,
  b: Side,
  mediaType: z.object({ a: z.string(), b: z.string() }),
  annotations: z.object({
    added: Annotations,
    removed: Annotations,
    changed: z.record(z.string(), z.object({ a: z.string(), b: z.string() })),
  }),
  platforms: z.array(PlatformComparison),
});
export type CompareResponse = z.infer<typeof CompareResponse>;
