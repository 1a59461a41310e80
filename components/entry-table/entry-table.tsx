'use client';

import { useLocale, useTranslations } from 'next-intl';
import { Fragment, useState } from 'react';
import type { InspectEntry } from '@/lib/api/inspect';
import type { RepositoryLocation } from '@/lib/present/links';
import { EntryDetails } from './entry-details';
import { groupEntries, type EntryGroup } from './group-entries';
import { EntryRow } from './entry-row';
import { FIRST_ROWS, firstRows } from './first-rows';
import { LIST_ORDER, nextOrder, sortGroups, type SortKey, type SortOrder } from './sort-entries';

export type EntryTableProps = {
  groups: readonly EntryGroup[];
  location: RepositoryLocation;
  selectedDigest: string | null;
  expanded: ReadonlySet<string>;
  onToggle: (entry: InspectEntry) => void;
  onSelect: (entry: InspectEntry) => void;
  hrefFor: (entry: InspectEntry) => string;
  /** Accessible name of the table ("Entries", "Entries of the nested index"). */
  label: string;
};

/** The sortable columns before the config platform; each is labelled by its key in the catalogs (`entries.column`). */
const COLUMNS: ReadonlyArray<{ key: Exclude<SortKey, 'problems'>; className?: string }> = [
  { key: 'position', className: 'w-8' },
  { key: 'platform' },
  { key: 'digest' },
  { key: 'size' },
  { key: 'mediaType' },
  { key: 'created' },
  { key: 'layers' },
];

/** The entries as a sortable table; a row opens into the entry's details. */
export function EntryTable(props: EntryTableProps) {
  const t = useTranslations('entries');
  const locale = useLocale();
  const { groups, label } = props;
  const [order, setOrder] = useState<SortOrder>(LIST_ORDER);
  const sorted = sortGroups(groups, order);
  const [isShowingAll, setIsShowingAll] = useState(false);
  const rows = isShowingAll ? sorted : firstRows(sorted, FIRST_ROWS, props.selectedDigest);
  const columnCount = COLUMNS.length + 3;

  return (
    // relative: the screen-reader-only labels inside (absolutely placed) are clipped by this box, not by the page.
    <div className="relative overflow-x-auto">
      <p className="mb-1 text-xs text-muted sm:hidden">{t('scrollHint')}</p>
      <table aria-label={label} className="w-full border-collapse text-left text-xs">
        <thead className="border-b border-zinc-200 text-zinc-600">
          <tr>
            <th scope="col" className="w-6">
              <span className="sr-only">{t('detailsColumn')}</span>
            </th>
            {COLUMNS.map((column) => (
              <SortableHeader key={column.key} column={{ ...column, label: t(`column.${column.key}`) }} order={order} onSort={(key) => setOrder(nextOrder(order, key))} />
            ))}
            <th scope="col" className="px-2 py-1.5 font-medium">
              {t('column.configPlatform')}
            </th>
            <SortableHeader column={{ key: 'problems', label: t('column.problems') }} order={order} onSort={(key) => setOrder(nextOrder(order, key))} />
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columnCount} className="px-2 py-4 text-center text-zinc-600">
                {t('none')}
              </td>
            </tr>
          ) : null}
          {rows.map((group) => {
            const isExpanded = props.expanded.has(group.entry.digest);
            return (
              <Fragment key={group.position}>
                <EntryRow group={group} isExpanded={isExpanded} isSelected={group.entry.digest === props.selectedDigest} onToggle={props.onToggle} location={props.location} />
                {isExpanded ? (
                  <tr className="border-b border-zinc-200 bg-zinc-50/60">
                    <td colSpan={columnCount} className="px-3 py-3">
                      <EntryDetails
                        group={group}
                        location={props.location}
                        nestedTable={
                          group.entry.children ? (
                            <EntryTable {...props} groups={groupEntries(group.entry.children)} label={t('nestedEntries')} />
                          ) : null
                        }
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {rows.length < sorted.length ? (
        <button type="button" className="btn mt-2" onClick={() => setIsShowingAll(true)}>
          {t('showAll', { total: sorted.length.toLocaleString(locale), more: (sorted.length - rows.length).toLocaleString(locale) })}
        </button>
      ) : null}
    </div>
  );
}

type SortableHeaderProps = { column: { key: SortKey; label: string; className?: string }; order: SortOrder; onSort: (key: SortKey) => void };

function SortableHeader({ column, order, onSort }: SortableHeaderProps) {
  const isActive = order.key === column.key;
  const ariaSort = isActive ? (order.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={`px-2 py-1.5 font-medium whitespace-nowrap ${column.className ?? ''}`}>
      <button type="button" onClick={() => onSort(column.key)} className={`inline-flex items-center gap-1 rounded hover:text-zinc-900 ${isActive ? 'text-zinc-900' : ''}`}>
        {column.label}
        <span aria-hidden="true" className="text-[10px]">
          {isActive ? (order.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
