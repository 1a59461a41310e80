import { useTranslations } from 'next-intl';
import type { Problem } from '@/lib/api/inspect';
import { Badge, SEVERITY_TONE } from '@/components/ui/badge';
import { useProblemText } from './use-problem-text';

type ProblemListProps = {
  problems: readonly Problem[];
  /** Given where a fix can be applied: the fix becomes a button that opens the editor with it made. */
  onFix?: ((problem: Problem) => void) | undefined;
};

/** Problems with their severity, message and, where there is one, the fix (a button where it can be applied). */
export function ProblemList({ problems, onFix }: ProblemListProps) {
  const t = useTranslations('problemList');
  const text = useProblemText();
  if (problems.length === 0) return <p className="text-xs text-zinc-600">{t('none')}</p>;
  return (
    <ul className="space-y-1.5">
      {problems.map((problem, index) => (
        <li key={`${problem.code}-${index}`} className="flex items-start gap-2 text-xs" data-problem-code={problem.code}>
          <Badge tone={SEVERITY_TONE[problem.severity]}>{t(`severity.${problem.severity}`)}</Badge>
          <div className="min-w-0">
            <p className="text-zinc-800">{text.message(problem)}</p>
            {problem.fix && onFix && problem.fix.platform ? (
              <button type="button" className="btn mt-1 min-h-6 border-emerald-400 text-emerald-900" onClick={() => onFix(problem)}>
                <span className="font-medium">{t('fix')}</span> {text.fix(problem)}
              </button>
            ) : problem.fix ? (
              <p className="mt-0.5 text-emerald-800">
                <span className="font-medium">{t('fix')}</span> {text.fix(problem)}
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Error/warning/info counts as badges; nothing when there are no problems. */
export function ProblemCounts({ problems }: { problems: readonly Problem[] }) {
  const t = useTranslations('problemList');
  const counts = { error: 0, warning: 0, info: 0 };
  for (const problem of problems) counts[problem.severity] += 1;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {(['error', 'warning', 'info'] as const)
        .filter((severity) => counts[severity] > 0)
        .map((severity) => (
          <Badge key={severity} tone={SEVERITY_TONE[severity]}>
            {t(`count.${severity}`, { count: counts[severity] })}
          </Badge>
        ))}
    </span>
  );
}
