'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { InspectEntry, InspectWindow, Problem } from '@/lib/api/inspect';
import { shortDigest } from '@/lib/oci/digest';
import { allEntries } from '@/components/entry-table/group-entries';
import { problemWeight } from '@/components/entry-table/sort-entries';
import { useEntryLabel } from '@/components/shared/use-entry-label';
import { ProblemCounts, ProblemList } from '@/components/shared/problem-list';
import { allFixes, type EntryFix } from '@/lib/draft/fixes';

/** Entries listed before "show more": enough for a typical list, short enough for a 48-platform one. */
const FIRST_ENTRIES = 5;

type ProblemSummaryProps = {
  /** On a long list, only the window's entries; the others' problems are counted in `outside` (OutsideProblems). */
  data: InspectWindow;
  onSelect: (entry: InspectEntry) => void;
  /** Opens the editor with these fixes applied (one entry's, or every one for "Fix all"). */
  onFix?: ((fixes: EntryFix[]) => void) | undefined;
};

/** Every problem of the list and its entries, counted, each entry's linked to its row. */
export function ProblemSummary({ data, onSelect, onFix }: ProblemSummaryProps) {
  const t = useTranslations('inspect.problems');
  const entryLabel = useEntryLabel();
  const [isShowingAll, setIsShowingAll] = useState(false);
  // Worst first; ties keep list order (the sort is stable).
  const withProblems = allEntries(data.entries)
    .filter((entry) => entry.problems.length > 0)
    .sort((a, b) => problemWeight(b.problems) - problemWeight(a.problems));
  const shown = isShowingAll ? withProblems : withProblems.slice(0, FIRST_ENTRIES);
  const everyProblem: Problem[] = [...data.problems, ...withProblems.flatMap((entry) => entry.problems)];
  const hasErrors = everyProblem.some((problem) => problem.severity === 'error');
  // Only top-level images can be fixed in the editor (a nested index is kept whole).
  const fixes = onFix ? allFixes(data.entries) : [];
  const isTopLevel = (entry: InspectEntry) => data.entries.includes(entry);

  return (
    <section aria-labelledby="problems-heading" className={`card ${everyProblem.length ? 'p-4' : 'px-4 py-2'} ${hasErrors ? 'border-red-300' : ''}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="problems-heading" className="card-title">
          {t('heading')}
        </h2>
        {everyProblem.length > 0 ? <ProblemCounts problems={everyProblem} /> : null}
        {onFix && fixes.length > 1 ? (
          <button type="button" className="btn-primary ml-auto" onClick={() => onFix(fixes)}>
            {t('fixAll', { count: fixes.length })}
          </button>
        ) : null}
      </div>
      {everyProblem.length === 0 ? (
        <p className="mt-1 text-xs text-emerald-800">{data.outside?.withProblems ? t('noneShown') : t('none')}</p>
      ) : (
        <div className="mt-3 space-y-3">
          {data.problems.length > 0 ? <ProblemList problems={data.problems} /> : null}
          {shown.map((entry, index) => (
            <div key={`${entry.digest}-${index}`} className="border-t border-zinc-100 pt-2">
              <button
                type="button"
                onClick={() => onSelect(entry)}
                className="mb-1 inline-flex items-center gap-2 rounded font-mono text-xs font-medium text-indigo-700 hover:underline"
              >
                {entryLabel(entry)} <span className="text-zinc-600">{shortDigest(entry.digest)}</span>
              </button>
              <ProblemList
                problems={entry.problems}
                onFix={
                  onFix && isTopLevel(entry)
                    ? (problem) => problem.fix?.platform && onFix([{ digest: entry.digest, platform: problem.fix.platform }])
                    : undefined
                }
              />
            </div>
          ))}
          {withProblems.length > shown.length ? (
            <button type="button" className="btn" onClick={() => setIsShowingAll(true)}>
              {t('showMore', { count: withProblems.length - shown.length })}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
