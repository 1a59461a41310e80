'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { FilterInput } from '@/components/ui/filter-input';
import { VirtualList } from '@/components/ui/virtual-list';
import { AppError } from '@/lib/api/errors';
import { compareHref, inspectHref, tagReference, type RepositoryLocation } from '@/lib/present/links';
import { useSummaryBatcher, useTagSummary, type SummaryBatcher } from '@/lib/queries/summaries';
import { useTags } from '@/lib/queries/tags';
import { shortDigest } from '@/lib/oci/digest';
import { formatReference } from '@/lib/oci/reference';
import { sortTags } from '@/lib/oci/tag-order';

const ROW_HEIGHT = 36;

type TagListProps = {
  location: RepositoryLocation;
  /** The server's ARCHWAY_SUMMARY_BATCH: the most references one summaries request may carry. */
  summaryBatch: number;
};

/**
 * A repository's tags in the order people expect, filterable, virtualised (10,000 tags scroll like 30), each row
 * summarised once it comes into view. Two rows can be picked for a comparison.
 */
export function TagList({ location, summaryBatch }: TagListProps) {
  const t = useTranslations('browse.tags');
  const tc = useTranslations('common');
  const repository = formatReference({ ...location, tag: null, digest: null });
  const tags = useTags(repository, true);
  const batcher = useSummaryBatcher(summaryBatch);
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const sorted = useMemo(() => sortTags(tags.data?.tags ?? []), [tags.data]);
  const needle = filter.trim();
  const shown = useMemo(() => (needle ? sorted.filter((tag) => tag.includes(needle)) : sorted), [sorted, needle]);

  // A third pick replaces the oldest: a comparison has two sides.
  const togglePick = (tag: string) => setPicked((current) => (current.includes(tag) ? current.filter((t) => t !== tag) : [...current, tag].slice(-2)));

  if (tags.isError) {
    const error = AppError.parse(tags.error);
    return (
      <div role="alert" className="card space-y-2 p-4 text-sm text-red-800">
        <p>{t('readFailed', { message: error.message })}</p>
        <button type="button" className="btn" onClick={() => tags.refetch()}>
          {tc('retry')}
        </button>
      </div>
    );
  }

  return (
    <section aria-label={t('label')} className="card space-y-3 p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="card-title">{t('heading', { repository: location.repository })}</h1>
        <span role="status" className="text-xs text-zinc-500">
          {tags.isPending ? t('reading') : [t('count', { count: sorted.length }), needle ? tc('matches', { count: shown.length }) : ''].join('')}
        </span>
        <FilterInput label={t('filter')} value={filter} onChange={setFilter} className="ml-auto" />
      </div>
      <div className="flex min-h-7 flex-wrap items-center gap-2 text-xs text-zinc-600">
        {picked.length === 2 ? (
          <Link className="btn-primary" href={compareHref(tagReference(location, picked[0]!), tagReference(location, picked[1]!))}>
            {t('compare', { a: picked[0]!, b: picked[1]! })}
          </Link>
        ) : (
          <span>{t('tickTwo')}</span>
        )}
        {picked.length > 0 ? (
          <button type="button" className="btn" onClick={() => setPicked([])}>
            {t('clearSelection')}
          </button>
        ) : null}
      </div>
      {tags.data && sorted.length === 0 ? <p className="text-sm text-zinc-500">{t('empty')}</p> : null}
      {sorted.length > 0 ? (
        // Six columns need about 28rem: on a phone the rows scroll sideways inside this box, never the page.
        <div className="-mx-1 overflow-x-auto px-1">
          <div className="min-w-[28rem] space-y-3">
            <div aria-hidden="true" className="grid grid-cols-[2rem_minmax(0,1fr)_9rem_5rem_6rem_6rem] px-2 text-[11px] font-medium text-zinc-500">
              <span />
              <span>{t('columns.tag')}</span>
              <span>{t('columns.digest')}</span>
              <span>{t('columns.kind')}</span>
              <span>{t('columns.platforms')}</span>
              <span>{t('columns.problems')}</span>
            </div>
            <VirtualList
              items={shown}
              rowHeight={ROW_HEIGHT}
              label={t('label')}
              getKey={(tag) => tag}
              scrollResetKey={needle}
              renderRow={(tag) => (
                <TagRow location={location} tag={tag} batcher={batcher} isPicked={picked.includes(tag)} onPick={() => togglePick(tag)} />
              )}
            />
          </div>
        </div>
      ) : null}
    </section>
  );
}

type TagRowProps = { location: RepositoryLocation; tag: string; batcher: SummaryBatcher; isPicked: boolean; onPick: () => void };

/** One tag: its link, and its summary once the batch it joined comes back. */
function TagRow({ location, tag, batcher, isPicked, onPick }: TagRowProps) {
  const t = useTranslations('browse.tags');
  const reference = tagReference(location, tag);
  const summary = useTagSummary(reference, batcher);
  const data = summary.data;
  const pending = <span className="h-3 w-10 animate-pulse rounded bg-zinc-100" />;
  return (
    <div data-testid="tag-row" className="grid h-full grid-cols-[2rem_minmax(0,1fr)_9rem_5rem_6rem_6rem] items-center px-2 text-xs hover:bg-zinc-50">
      <input type="checkbox" aria-label={t('select', { tag })} checked={isPicked} onChange={onPick} className="size-3.5" />
      <Link href={inspectHref(reference)} className="link truncate font-mono" title={tag}>
        {tag}
      </Link>
      {data?.error ? (
        <span className="col-span-4 truncate text-red-700" title={data.error.message}>
          {data.error.message}
        </span>
      ) : summary.isError ? (
        <span className="col-span-4 truncate text-red-700">{AppError.parse(summary.error).message}</span>
      ) : (
        <>
          <span className="font-mono text-zinc-600" title={data?.digest ?? undefined}>
            {data?.digest ? shortDigest(data.digest) : pending}
          </span>
          <span>{data?.kind ? <Badge tone={data.kind === 'index' ? 'accent' : 'muted'}>{data.kind === 'index' ? t('kind.list') : t('kind.single')}</Badge> : pending}</span>
          <span className="text-zinc-700">{data?.platforms ?? pending}</span>
          <span>
            {data?.problems === undefined || data.problems === null ? (
              pending
            ) : data.problems === 0 ? (
              <span className="text-zinc-500">{t('noProblems')}</span>
            ) : (
              <Badge tone="warning">{data.problems}</Badge>
            )}
          </span>
        </>
      )}
    </div>
  );
}
