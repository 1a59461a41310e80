'use client';

import { useId } from 'react';
import type { PlatformMatrix } from '@/components/platform-matrix/build-matrix';
import { isFilterEmpty, NO_FILTER, type EntryFilter } from './entry-filter';

type EntryFilterBarProps = {
  matrix: PlatformMatrix;
  filter: EntryFilter;
  onChange: (filter: EntryFilter) => void;
  shown: number;
  total: number;
};

/** OS, architecture, "problems only" and a search; they filter the matrix and the entries table together. */
export function EntryFilterBar({ matrix, filter, onChange, shown, total }: EntryFilterBarProps) {
  const id = useId();
  const set = (patch: Partial<EntryFilter>) => onChange({ ...filter, ...patch });
  return (
    <div role="search" aria-label="Filter platforms and entries" className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2 text-xs">
      <label className="flex items-center gap-1">
        <span className="text-muted">Search</span>
        <input
          type="search"
          id={`${id}-search`}
          value={filter.search}
          onChange={(event) => set({ search: event.target.value })}
          placeholder="platform, digest, problem"
          className="input min-h-7 w-48 text-xs"
        />
      </label>
      <label className="flex items-center gap-1">
        <span className="text-muted">OS</span>
        <select value={filter.os} onChange={(event) => set({ os: event.target.value })} className="input min-h-7 text-xs">
          <option value="">all</option>
          {matrix.rows.map((row) => (
            <option key={row.os} value={row.os}>
              {row.os}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        <span className="text-muted">Architecture</span>
        <select value={filter.arch} onChange={(event) => set({ arch: event.target.value })} className="input min-h-7 text-xs">
          <option value="">all</option>
          {matrix.columns.map((column) => (
            <option key={column.key} value={column.key}>
              {column.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-h-6 items-center gap-1.5">
        <input type="checkbox" className="size-4" checked={filter.problemsOnly} onChange={(event) => set({ problemsOnly: event.target.checked })} />
        Problems only
      </label>
      {!isFilterEmpty(filter) ? (
        <>
          <span role="status" className="text-muted">
            {shown} of {total} entries shown
          </span>
          <button type="button" className="btn min-h-6" onClick={() => onChange(NO_FILTER)}>
            Clear filter
          </button>
        </>
      ) : null}
    </div>
  );
}
