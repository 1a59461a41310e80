import type { InspectWindow } from '@/lib/api/inspect';

/**
 * The problems of the entries a long list's page does not show (outside the window whose details were read),
 * counted: nothing the list's checks found is dropped because its entry is on another page.
 */
export function OutsideProblems({ outside }: { outside: InspectWindow['outside'] }) {
  if (!outside || outside.withProblems === 0) return null;
  return (
    <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900">
      {outside.withProblems.toLocaleString('en')} of the {outside.entries.toLocaleString('en')} entries not shown here have problems:{' '}
      {outside.problems.map((problem) => `${problem.count.toLocaleString('en')} × ${problem.code} (${problem.severity})`).join(', ')}. Read their
      entries to see and fix them.
    </p>
  );
}
