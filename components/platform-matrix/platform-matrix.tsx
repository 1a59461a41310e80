'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { InspectEntry, Problem } from '@/lib/api/inspect';
import { formatBytes } from '@/lib/present/format';
import { problemHeadlineKind } from '@/lib/present/problem-headline';
import { useProblemText } from '@/components/shared/use-problem-text';
import type { EntryGroup } from '@/components/entry-table/group-entries';
import { useEntryLabel } from '@/components/shared/use-entry-label';
import { buildMatrix, writtenAlias, type PlatformMatrix as Matrix } from './build-matrix';

type PlatformMatrixProps = {
  groups: readonly EntryGroup[];
  selectedDigest: string | null;
  /** The URL that opens an entry (a real link: it works in a new tab and without JavaScript). */
  hrefFor: (entry: InspectEntry) => string;
  onSelect: (entry: InspectEntry) => void;
  /** Above the grid: the filter bar. */
  toolbar?: React.ReactNode;
  /** True when a filter hides some entries (an empty grid then says so instead of "no entries"). */
  isFiltered?: boolean;
};

const SEVERITY_ORDER: readonly Problem['severity'][] = ['error', 'warning', 'info'];
const SEVERITY_STYLE: Record<Problem['severity'], string> = {
  error: 'border-red-300 bg-red-50 text-red-800',
  warning: 'border-amber-300 bg-amber-50 text-amber-900',
  info: 'border-sky-300 bg-sky-50 text-sky-900',
};

function worstProblem(problems: readonly Problem[]): Problem | null {
  for (const severity of SEVERITY_ORDER) {
    const found = problems.find((problem) => problem.severity === severity);
    if (found) return found;
  }
  return null;
}

/** True while the element's content is wider than the element: the cue that it scrolls sideways. */
function useOverflows<T extends HTMLElement>(matrix: Matrix) {
  const ref = useRef<T>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [matrix]);
  return [ref, overflows] as const;
}

/**
 * Operating systems down, architectures across; each cell names its entry by digest prefix, size and problem in
 * words. On a phone the same table becomes one card per platform (no second copy of the links).
 */
export function PlatformMatrix({ groups, selectedDigest, hrefFor, onSelect, toolbar, isFiltered = false }: PlatformMatrixProps) {
  const t = useTranslations('matrix');
  const matrix = buildMatrix(groups);
  const [scrollRef, overflows] = useOverflows<HTMLDivElement>(matrix);
  const chip = (group: EntryGroup, column?: string) => (
    <EntryChip
      key={`${group.position}`}
      group={group}
      column={column}
      isSelected={group.entry.digest === selectedDigest}
      href={hrefFor(group.entry)}
      onSelect={onSelect}
    />
  );
  const isEmpty = matrix.rows.length === 0 && matrix.unplaced.length === 0;

  return (
    <section aria-labelledby="matrix-heading" className="card p-4" data-testid="platform-matrix">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="matrix-heading" className="card-title">
          {t('heading')}
        </h2>
        {overflows ? (
          <p className="text-xs text-muted" data-testid="matrix-scroll-cue">
            {t('scrollCue', { count: matrix.columns.length })} <span aria-hidden="true">→</span>
          </p>
        ) : null}
      </div>
      {toolbar}
      {isEmpty ? (
        <p className="mt-2 text-xs text-muted">
          {isFiltered ? t('noMatch') : t('empty')}
        </p>
      ) : null}
      {matrix.rows.length > 0 ? (
        <div
          ref={scrollRef}
          // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
          tabIndex={overflows ? 0 : undefined}
          role={overflows ? 'region' : undefined}
          aria-label={overflows ? t('scrollRegion') : undefined}
          className={`mt-2 max-sm:overflow-visible sm:overflow-x-auto ${overflows ? 'matrix-scroll-shadow' : ''}`}
        >
          <table aria-labelledby="matrix-heading" className="border-separate border-spacing-1 text-xs max-sm:block max-sm:w-full">
            <thead className="max-sm:hidden">
              <tr>
                <th scope="col" className="sticky left-0 z-10 bg-white px-1 text-left font-normal">
                  <span className="sr-only">{t('os')}</span>
                </th>
                {matrix.columns.map((column) => (
                  <th key={column.key} scope="col" className="px-1 text-left font-mono font-medium whitespace-nowrap text-zinc-700">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="max-sm:block max-sm:space-y-3">
              {matrix.rows.map((row) => (
                <tr key={row.os} className="max-sm:block">
                  <th
                    scope="row"
                    className="sticky left-0 z-10 bg-white pr-2 text-left align-top font-mono font-medium text-zinc-700 max-sm:static max-sm:block max-sm:pb-1 max-sm:text-sm"
                  >
                    {row.os}
                  </th>
                  {matrix.columns.map((column) => {
                    const cell = row.cells.get(column.key) ?? [];
                    return (
                      <td
                        key={column.key}
                        className={`min-w-36 rounded bg-zinc-50 p-1 align-top max-sm:mb-1 max-sm:block max-sm:min-w-0 ${cell.length ? '' : 'max-sm:hidden'}`}
                      >
                        <div className="flex flex-col gap-1">{cell.map((group) => chip(group, column.label))}</div>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {matrix.unplaced.length > 0 ? (
        <div className="mt-3">
          <h3 className="text-xs font-medium text-muted">{t('unplaced')}</h3>
          <div className="mt-1 flex flex-wrap gap-1">{matrix.unplaced.map((group) => chip(group))}</div>
        </div>
      ) : null}
    </section>
  );
}

type EntryChipProps = {
  group: EntryGroup;
  /** The column label, shown on a phone where there is no header row. */
  column?: string;
  isSelected: boolean;
  href: string;
  onSelect: (entry: InspectEntry) => void;
};

function EntryChip({ group, column, isSelected, href, onSelect }: EntryChipProps) {
  const t = useTranslations('matrix');
  const locale = useLocale();
  const entryLabel = useEntryLabel();
  const text = useProblemText();
  const { entry, attestations } = group;
  const isMissing = Boolean(entry.missing);
  const worst = worstProblem(entry.problems);
  const alias = entry.platform ? writtenAlias(entry.platform) : null;
  const hex = entry.digest.replace(/^sha256:/, '').slice(0, 12);
  const size = entry.layers ? entry.layers.size + entry.size : entry.size;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // Keep new-tab and copy-link behaviour; a plain click selects in place.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onSelect(entry);
  };
  const extraProblems = entry.problems.length - 1;
  const headline = worst ? problemHeadlineKind(worst) : null;

  return (
    <a
      href={href}
      onClick={onClick}
      aria-current={isSelected ? 'true' : undefined}
      title={entry.problems.map(text.message).join('\n') || entryLabel(entry)}
      data-digest={entry.digest}
      data-platform={entryLabel(entry)}
      className={`flex min-h-6 flex-col gap-0.5 rounded border px-1.5 py-1 text-[11px] shadow-xs ${
        isSelected ? 'border-indigo-500 bg-indigo-50 ring-2 ring-indigo-300' : 'border-zinc-300 bg-white hover:border-indigo-400'
      } ${isMissing ? 'border-dashed line-through' : ''} text-zinc-800`}
    >
      <span className="flex flex-wrap items-baseline gap-x-1.5">
        {column ? <span className="font-mono font-semibold sm:sr-only">{entry.platform?.os ? `${column}` : column}</span> : null}
        <span className="sr-only">{entryLabel(entry)}, </span>
        <span className="font-mono">{hex}</span>
        <span className="text-muted">{formatBytes(size, locale)}</span>
        {entry.platform?.['os.version'] ? <span className="font-mono text-muted">{entry.platform['os.version']}</span> : null}
        {alias ? <span className="rounded bg-amber-100 px-1 font-mono text-amber-900">{t('listedAs', { alias })}</span> : null}
        {entry.platform === null && entry.role === 'image' ? (
          <span className="rounded bg-zinc-100 px-1 text-zinc-700" title={t('byConfigTitle')}>
            {t('byConfig')}
          </span>
        ) : null}
        {entry.role === 'index' ? <span className="rounded bg-zinc-100 px-1 text-zinc-700">{t('nestedIndex')}</span> : null}
        {attestations.length ? (
          <span className="rounded bg-violet-50 px-1 text-violet-800">
            {t('attestations', { count: attestations.length })}
          </span>
        ) : null}
      </span>
      {isMissing ? <span className="font-sans text-red-800 no-underline">{t('headline.missing')}</span> : null}
      {worst && !(isMissing && entry.problems.length === 1) ? (
        <span className={`rounded border px-1 font-sans ${SEVERITY_STYLE[worst.severity]}`}>
          <span className="sr-only">{t(`severity.${worst.severity}`)}</span>
          {headline ? t(`headline.${headline.kind}`, { target: headline.target }) : text.message(worst)}
          {extraProblems > 0 ? t('more', { count: extraProblems }) : ''}
        </span>
      ) : null}
    </a>
  );
}
