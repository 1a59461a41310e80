import type { InspectEntry } from '@/lib/oci/entry';
import { ProblemCode } from '@/lib/oci/problems';
import type { Platform } from '@/lib/oci/schemas';
import { draftReducer } from './reducer';
import type { Draft } from './types';

/*
 * The one-click fixes the inspect page offers ("Fix" beside a problem, "Fix all"): each is a platform to write on
 * one entry, applied to a fresh draft so the editor opens with the change made and ready to review.
 */

export type EntryFix = { digest: string; platform: Platform };

/**
 * The fix for one entry, if it has one: the image's own platform first (it also settles a wrong name), else the
 * canonical spelling a name check suggests.
 */
export function fixOf(entry: InspectEntry): EntryFix | null {
  if (entry.role !== 'image') return null;
  const withFix = entry.problems.filter((problem) => problem.fix?.platform);
  const chosen = withFix.find((problem) => problem.code === ProblemCode.platformMismatch) ?? withFix[0];
  return chosen?.fix?.platform ? { digest: entry.digest, platform: chosen.fix.platform } : null;
}

/** Every entry's fix, in list order: what "Fix all" applies. */
export function allFixes(entries: readonly InspectEntry[]): EntryFix[] {
  return entries.flatMap((entry) => fixOf(entry) ?? []);
}

/** The draft with each fix written on the first entry of its digest, and the keys of the entries it changed. */
export function applyFixes(draft: Draft, fixes: readonly EntryFix[]): { draft: Draft; changed: string[] } {
  const changed: string[] = [];
  let next = draft;
  for (const fix of fixes) {
    const entry = next.entries.find((candidate) => candidate.digest === fix.digest && !changed.includes(candidate.key));
    if (!entry) continue;
    next = draftReducer(next, { type: 'setPlatform', key: entry.key, platform: fix.platform });
    changed.push(entry.key);
  }
  return { draft: next, changed };
}
