'use client';

import { useState } from 'react';
import type { InspectEntry, InspectResponse, Problem } from '@/lib/api/inspect';
import { shortDigest } from '@/lib/oci/digest';
import { allEntries } from '@/components/entry-table/group-entries';
import { problemWeight } from '@/components/entry-table/sort-entries';
import { entryLabel } from '@/lib/present/entry-label';
import { ProblemCounts, ProblemList } from '@/components/shared/problem-list';

/** Entries listed before "show more": enough for a typical list, short enough for a 48-platform one. */
const FIRST_ENTRIES = 5;

type ProblemSummaryProps = { data: InspectResponse; onSelect: (entry: InspectEntry) => void };

/** Every problem of the list and its entries, counted, each entry's linked to its row. */
export function ProblemSummary({ data, onSelect }: ProblemSummaryProps) {
  const [isShowingAll, setIsShowingAll] = useState(false);
  // Worst first; ties keep list order (the sort is stable).
  const withProblems = allEntries(data.entries)
    .filter((entry) => entry.problems.length > 0)
    .sort((a, b) => problemWeight(b.problems) - problemWeight(a.problems));
  const shown = isShowingAll ? withProblems : withProblems.slice(0, FIRST_ENTRIES);
  const everyProblem: Problem[] = [...data.problems, ...withProblems.flatMap((entry) => entry.problems)];
  const hasErrors = everyProblem.some((problem) => problem.severity === 'error');

  return (
    <section aria-labelledby="problems-heading" className={`card p-4 ${hasErrors ? 'border-red-200' : ''}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="problems-heading" className="card-title">
          Problems
        </h2>
        {everyProblem.length > 0 ? <ProblemCounts problems={everyProblem} /> : null}
      </div>
      {everyProblem.length === 0 ? (
        <p className="mt-2 text-xs text-emerald-700">No problems found.</p>
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
                {entryLabel(entry)} <span className="text-zinc-500">{shortDigest(entry.digest)}</span>
              </button>
              <ProblemList problems={entry.problems} />
            </div>
          ))}
          {withProblems.length > shown.length ? (
            <button type="button" className="btn" onClick={() => setIsShowingAll(true)}>
              Show {withProblems.length - shown.length} more {withProblems.length - shown.length === 1 ? 'entry' : 'entries'} with problems
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
