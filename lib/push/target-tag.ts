import 'server-only';
import { AppError } from '@/lib/api/errors';
import { formatReference, tryParseReference, type ImageReference } from '@/lib/oci/reference';
import type { RegistryClient } from '@/lib/registry/types';
import type { PushTarget } from './types';

/*
 * The tag a push, the history or a revert is about, and the check that it is still where the edit started:
 * what planning, executing and reverting share, so none of them reaches into another.
 */

/** The tag a push, history or revert is about; in `name:tag@digest` the tag counts (a digest cannot be moved). */
export function parseTarget(input: string): PushTarget {
  const parsed = tryParseReference(input);
  if (!parsed.ok) throw new AppError('INVALID_REFERENCE', `Target "${input}": ${parsed.error}`);
  return tagTarget(input, parsed.reference);
}

function tagTarget(input: string, parsed: ImageReference): PushTarget {
  if (!parsed.tag) {
    throw new AppError('BAD_REQUEST', `"${input}" must name a tag, not only a digest: lists are pushed to tags, e.g. ${parsed.registry}/${parsed.repository}:latest.`);
  }
  const tag = parsed.tag;
  return { registry: parsed.registry, repository: parsed.repository, tag, reference: formatReference({ ...parsed, tag, digest: null }) };
}

/** Where a tag points now (null: it does not exist); throws when the registry cannot say. */
export async function tagDigest(client: RegistryClient, target: PushTarget): Promise<string | null> {
  return (await client.headManifest(target.repository, target.tag))?.digest ?? null;
}

/** Where the tag points now (null: it does not exist); a 409 unless that is `expected`. */
export async function assertTagAt(client: RegistryClient, target: PushTarget, expected: string | null): Promise<string | null> {
  const current = await tagDigest(client, target);
  if (current !== expected) throw conflictError(target.reference, expected, current);
  return current;
}

/** The 409 of a tag that moved since the edit started; `details.current` is where it points now. */
function conflictError(reference: string, expected: string | null, current: string | null): AppError {
  const now = current ? `now points at ${current}` : 'no longer exists';
  const then = expected ? `the edit started from ${expected}` : 'the edit expected a new tag';
  const message = current && !expected ? `${reference} already exists (${current}); load it and edit it instead.` : `${reference} ${now}, but ${then}. Reload to see what changed.`;
  return new AppError('CONFLICT', message, { current, base: expected });
}
