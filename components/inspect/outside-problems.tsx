import { useLocale, useTranslations } from 'next-intl';
import type { InspectWindow } from '@/lib/api/inspect';

/**
 * The problems of the entries a long list's page does not show (outside the window whose details were read),
 * counted: nothing the list's checks found is dropped because its entry is on another page.
 */
export function OutsideProblems({ outside }: { outside: InspectWindow['outside'] }) {
  const t = useTranslations('inspect.outside');
  const severity = useTranslations('problemList.severity');
  const locale = useLocale();
  if (!outside || outside.withProblems === 0) return null;
  const n = (value: number) => value.toLocaleString(locale);
  const counts = outside.problems.map((problem) => t('count', { count: n(problem.count), code: problem.code, severity: severity(problem.severity) }));
  return (
    <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900">
      {t('summary', { withProblems: n(outside.withProblems), entries: n(outside.entries), counts: counts.join(t('separator')) })}
    </p>
  );
}
