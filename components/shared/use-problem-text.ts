import { useTranslations } from 'next-intl';
import type { Problem } from '@/lib/api/inspect';
import { problemFixKey, problemMessageKey } from '@/lib/present/problem-text';

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A problem's message and fix in the page's language, written from its code and params (English when it has none). */
export function useProblemText(): { message: (problem: Problem) => string; fix: (problem: Problem) => string } {
  const translations = useTranslations();
  // Problem keys are built from codes at run time, so they are checked by t.has (and by a catalog test), not by tsc.
  const t = translations as unknown as Translate & { has: (key: string) => boolean };
  const say = (key: string | null, problem: Problem, english: string) => (key && t.has(key) ? t(key, problem.params) : english);
  return {
    message: (problem) => say(problemMessageKey(problem), problem, problem.message),
    fix: (problem) => say(problemFixKey(problem), problem, problem.fix?.description ?? ''),
  };
}
