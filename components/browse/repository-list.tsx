'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { FilterInput } from '@/components/ui/filter-input';
import { VirtualList } from '@/components/ui/virtual-list';
import { AppError } from '@/lib/api/errors';
import { useCatalog } from '@/lib/queries/catalog';
import { browseHref } from '@/lib/present/links';
import { familiarRepository } from '@/lib/oci/registry-host';
import { RepositoryBox } from './repository-box';

/** Pages read on their own before the list asks the user to go on: a huge catalog is not read whole by accident. */
const AUTO_PAGES = 50;
/** What a registry answers when it will not list its catalog: needs credentials, refuses them, or has no catalog. */
const CATALOG_REFUSED = new Set(['UNAUTHORIZED', 'DENIED', 'NOT_FOUND']);

/** A registry's repositories from its catalog, page after page, filterable; a repository box when it has none to give. */
export function RepositoryList({ registry }: { registry: string }) {
  const t = useTranslations('browse.repositories');
  const tc = useTranslations('common');
  const catalog = useCatalog(registry);
  const [filter, setFilter] = useState('');
  const pages = catalog.data?.pages;
  const repositories = useMemo(() => (pages ?? []).flatMap((page) => page.repositories), [pages]);
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => (needle ? repositories.filter((name) => name.includes(needle)) : repositories), [repositories, needle]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = catalog;
  const isAutoReading = (pages?.length ?? 0) < AUTO_PAGES;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && isAutoReading) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isAutoReading, fetchNextPage]);

  if (catalog.isError) {
    const error = AppError.parse(catalog.error);
    return (
      <section aria-label={t('label')} className="card space-y-3 p-4">
        {CATALOG_REFUSED.has(error.code) ? (
          <div role="status" className="space-y-1 text-sm">
            <p className="font-medium text-zinc-800">{t('closedHeadline', { registry })}</p>
            <p className="text-xs text-zinc-600">{t('closedDetail', { message: error.message })}</p>
          </div>
        ) : (
          <div role="alert" className="space-y-2 text-sm text-red-800">
            <p>{t('readFailed', { message: error.message })}</p>
            <button type="button" className="btn" onClick={() => catalog.refetch()}>
              {tc('retry')}
            </button>
          </div>
        )}
        <RepositoryBox registry={registry} />
      </section>
    );
  }

  return (
    <section aria-label={t('label')} className="card space-y-3 p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="card-title">{t('heading', { registry })}</h1>
        <span className="text-xs text-zinc-500" role="status">
          {catalog.isPending
            ? t('reading')
            : [
                t('count', { count: repositories.length, more: hasNextPage ? '+' : '' }),
                isFetchingNextPage ? t('readingMore') : '',
                needle ? tc('matches', { count: shown.length }) : '',
              ].join('')}
        </span>
        <FilterInput label={t('filter')} value={filter} onChange={setFilter} className="ml-auto" />
      </div>
      {catalog.data && repositories.length === 0 && !hasNextPage ? <p className="text-sm text-zinc-500">{t('empty')}</p> : null}
      {repositories.length > 0 ? (
        <VirtualList
          items={shown}
          rowHeight={32}
          label={t('label')}
          height="60vh"
          getKey={(name) => name}
          scrollResetKey={needle}
          renderRow={(name) => (
            <Link href={browseHref(registry, name)} className="flex h-full items-center px-3 font-mono text-xs text-zinc-800 hover:bg-indigo-50">
              {familiarRepository({ registry, repository: name })}
            </Link>
          )}
        />
      ) : null}
      {hasNextPage && !isAutoReading && !isFetchingNextPage ? (
        <button type="button" className="btn" onClick={() => fetchNextPage()}>
          {t('readMore')}
        </button>
      ) : null}
      <details className="text-xs">
        <summary className="cursor-pointer text-zinc-600">{t('openByName')}</summary>
        <div className="mt-2">
          <RepositoryBox registry={registry} />
        </div>
      </details>
    </section>
  );
}
