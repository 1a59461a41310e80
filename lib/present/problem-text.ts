import { ProblemCode, type Problem } from '@/lib/oci/problems';

/*
 * Where a problem's words live in the message catalogs (lib/i18n/messages): `problems.<code>.message` and
 * `problems.<code>.fix`, written from the problem's params. lib/oci stays pure and English; the UI says a problem in
 * the reader's language from its code and params. A problem without params (from an older server) keeps its English.
 */

const LIST_CODES: ReadonlySet<string> = new Set(Object.values(ProblemCode));

/** The catalog key of a problem's message, or null when only its English message can be shown. */
export function problemMessageKey(problem: Pick<Problem, 'code' | 'params'>): string | null {
  return problem.params ? `problems.${problem.code}.message` : null;
}

/** The catalog key of a problem's fix, or null when only its English description can be shown. */
export function problemFixKey(problem: Pick<Problem, 'code' | 'params' | 'fix'>): string | null {
  if (!problem.params || !problem.fix) return null;
  // Every platform finding's fix is the same: set the canonical platform it suggests.
  return LIST_CODES.has(problem.code) ? `problems.${problem.code}.fix` : 'problems.setPlatform';
}

/** Something Archway says: its catalog key and values, and the English text (for scripts, and when the key is unknown). */
export type Said = { message: string; key?: string | null | undefined; values?: Readonly<Record<string, string | number>> | undefined };

/** A problem's message as something said: written from its code and params where it has them. */
export function problemSaid(problem: Pick<Problem, 'code' | 'params' | 'message'>): Said {
  return { message: problem.message, key: problemMessageKey(problem), values: problem.params };
}
