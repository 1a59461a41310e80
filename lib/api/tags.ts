import { z } from 'zod';
import { requiredParam } from './query';

/** `GET /api/v1/tags?repository=`: `registry/repository`, or a Docker Hub name such as `golang`. */
export const TagsQuery = z.object({ repository: requiredParam('repository', 'a repository such as localhost:5000/app or golang') });
export type TagsQuery = z.infer<typeof TagsQuery>;

/** The contract of `GET /api/v1/tags?repository=`: the repository as `registry/repository`, its tags sorted. */
export const TagsResponse = z.object({ repository: z.string(), tags: z.array(z.string()) });
export type TagsResponse = z.infer<typeof TagsResponse>;
