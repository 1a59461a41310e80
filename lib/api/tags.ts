import { z } from 'zod';

/** The contract of `GET /api/v1/tags?repository=`: the repository as `registry/repository`, its tags sorted. */
export const TagsResponse = z.object({ repository: z.string(), tags: z.array(z.string()) });
export type TagsResponse = z.infer<typeof TagsResponse>;
