'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { FilterInput } from '@/components/ui/filter-input';
import { AppError } from '@/lib/api/errors';
import { browseHref, inspectHref, tagReference, type RepositoryLocation } from '@/lib/present/links';
import { useTags } from '@/lib/queries/tags';
import { formatReference } from '@/lib/oci/reference';

/** The first tags shown; a repository with thousands of tags gets a filter box instead of a wall of links. */
const SHOWN = 60;

/** The repository's other tags, read only when opened: an inspect itself sends no tags request. */
export function RepositoryTags({ location, currentTag }: { location: RepositoryLocation; currentTag: string | null }) {
  const t = useTranslations('browse.tags');
  const [isOpen, setIsOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const repository = formatReference({ ...location, tag: null, digest: null });
  const query = useTags(repository, isOpen);
  const matching = (query.data?.tags ?? []).filter((tag) => tag.includes(filter.trim()));

  return (
    <details className="card p-4" onToggle={(event) => setIsOpen((event.target as HTMLDetailsElement).open)}>
      <summary className="card-title cursor-pointer">
        {t('heading', { repository: location.repository })}
        {query.data ? <span className="ml-1 font-normal text-zinc-600">({query.data.tags.length})</span> : null}
      </summary>
      {query.isPending && isOpen ? <p className="mt-2 text-xs text-zinc-600">{t('reading')}</p> : null}
      {query.isError ? <p className="mt-2 text-xs text-red-700">{AppError.parse(query.error).message}</p> : null}
      {query.data ? (
        <div className="mt-2 space-y-2">
          {query.data.tags.length > SHOWN ? (
            <FilterInput label={t('filter')} value={filter} onChange={setFilter} />
          ) : null}
          {query.data.tags.length === 0 ? <p className="text-xs text-zinc-600">{t('empty')}</p> : null}
          <ul aria-label={t('label')} className="flex flex-wrap gap-1.5">
            {matching.slice(0, SHOWN).map((tag) => (
              <li key={tag}>
                <Link
                  href={inspectHref(tagReference(location, tag))}
                  aria-current={tag === currentTag ? 'page' : undefined}
                  className={`btn px-1.5 py-0.5 font-mono ${tag === currentTag ? 'border-indigo-400 bg-indigo-50' : ''}`}
                >
                  {tag}
                </Link>
              </li>
            ))}
          </ul>
          {matching.length > SHOWN ? <p className="text-xs text-zinc-600">{t('more', { count: matching.length - SHOWN })}</p> : null}
          <Link className="link text-xs" href={browseHref(location.registry, location.repository)}>
            {t('everyTag')}
          </Link>
        </div>
      ) : null}
    </details>
  );
}
