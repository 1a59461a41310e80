import type { PushPlan } from './types';

/**
 * The one key of a tag for its lock: two spellings of one tag must get the same key, or two pushes could both
 * pass the tag check. Registry names are case-insensitive; repositories and tags are not.
 */
export function canonicalTagKey(target: Pick<PushPlan['target'], 'registry' | 'repository' | 'tag'>): string {
  return `${target.registry.toLowerCase()}/${target.repository}:${target.tag}`;
}
