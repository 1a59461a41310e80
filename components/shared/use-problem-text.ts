import type { Problem } from '@/lib/api/inspect';
import { problemFixKey, problemSaid } from '@/lib/present/problem-text';
import { useSaid } from './use-said';

/** A problem's message and fix in the page's language, written from its code and params (English when it has none). */
export function useProblemText(): { message: (problem: Problem) => string; fix: (problem: Problem) => string } {
  const say = useSaid();
  return {
    message: (problem) => say(problemSaid(problem)),
    fix: (problem) => say({ message: problem.fix?.description ?? '', key: problemFixKey(problem), values: problem.params }),
  };
}
