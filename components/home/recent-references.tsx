'use client';

import { useRecentReferences } from '@/lib/present/recent-references';
import { ReferenceList } from './reference-list';

/** What this browser inspected lately (kept in localStorage, so nothing before hydration). */
export function RecentReferences() {
  const { recent, clear } = useRecentReferences();
  return (
    <section aria-labelledby="recent-heading" className="card">
      <div className="flex items-center justify-between border-b border-zinc-100 px-3 py-2">
        <h2 id="recent-heading" className="card-title">
          Recent
        </h2>
        {recent.length > 0 ? (
          <button type="button" onClick={clear} className="text-xs text-zinc-600 hover:text-zinc-800">
            Clear
          </button>
        ) : null}
      </div>
      {recent.length > 0 ? (
        <ReferenceList references={recent} label="Recent references" />
      ) : (
        <p className="px-3 py-3 text-xs text-zinc-600">References you inspect appear here, in this browser only.</p>
      )}
    </section>
  );
}
