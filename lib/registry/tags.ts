import 'server-only';
import { z } from 'zod';
import { repositoryScope } from './auth';
import { locate, type ClientContext } from './context';
import { collectPages, sortNames } from './pagination';

// `tags` is null once every tag of a repository was deleted (distribution 2.8), not [].
const TagsPage = z.looseObject({ name: z.string().optional(), tags: z.array(z.string()).nullish() });

/** Every tag of a repository, across all pages, sorted by Archway (registries do not sort reliably). */
export async function listTags(ctx: ClientContext, repository: string): Promise<string[]> {
  const { path } = locate(ctx, repository);
  const tags = await collectPages(
    ctx,
    { firstTarget: `/v2/${path}/tags/list`, scopes: [repositoryScope(path, 'pull')], operation: `list tags of ${path}` },
    TagsPage,
    (page) => page.tags ?? [],
  );
  return sortNames(tags);
}
