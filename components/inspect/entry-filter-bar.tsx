'use client';

import { useTranslations } from 'next-intl';
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
  const t = useTranslations('inspect.filter');
  const id = useId();
  const set = (patch: Partial<EntryFilter>) => onChange({ ...filter, ...patch });
  return (
    <div role="search" aria-label={t('label')} className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2 text-xs">
      <label className="flex items-center gap-1">
        <span className="text-muted">{t('search')}</span>
        <input
          type="search"
          id={`${id}-search`}
          value={filter.search}
          onChange={(event) => set({ search: event.target.value })}
          placeholder={t('searchPlaceholder')}
          className="input min-h-7 w-48 text-xs"
        />
      </label>
      <label className="flex items-center gap-1">
        <span className="text-muted">{t('os')}</span>
        <select value={filter.os} onChange={(event) => set({ os: event.target.value })} className="input min-h-7 text-xs">
          <option value="">{t('all')}</option>
          {matrix.rows.map((row) => (
            <option key={row.os} value={row.os}>
              {row.os}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        <span className="text-muted">{t('architecture')}</span>
        <select value={filter.arch} onChange={(event) => set({ arch: event.target.value })} className="input min-h-7 text-xs">
          <option value="">{t('all')}</option>
          {matrix.columns.map((column) => (
            <option key={column.key} value={column.key}>
              {column.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-h-6 items-center gap-1.5">
        <input type="checkbox" className="size-4" checked={filter.problemsOnly} onChange={(event) => set({ problemsOnly: event.target.checked })} />
        {t('problemsOnly')}
      </label>
      {!isFilterEmpty(filter) ? (
        <>
          <span role="status" className="text-muted">
            {t('shown', { shown, total })}
          </span>
          <button type="button" className="btn min-h-6" onClick={() => onChange(NO_FILTER)}>
            {t('clear')}
          </button>
        </>
      ) : null}
    </div>
  );
}
