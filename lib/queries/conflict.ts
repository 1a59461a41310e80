import { AppError } from '@/lib/api/errors';

export type Conflict = { current: string | null };

/** The 409 of a tag that moved since the edit started, with where it points now (null: the tag is gone); else null. */
export function asConflict(error: unknown): Conflict | null {
  if (!(error instanceof AppError) || error.code !== 'CONFLICT') return null;
  const details = error.details as { current?: unknown } | undefined;
  return { current: typeof details?.current === 'string' ? details.current : null };
}
