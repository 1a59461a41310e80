'use client';

import { useTranslations } from 'next-intl';
import { useRecentReferences } from '@/lib/present/recent-references';
import { ReferenceList } from './reference-list';

/** What this browser inspected lately (kept in localStorage, so nothing before hydration). */
export function RecentReferences() {
  const t = useTranslations('home.recent');
  const { recent, clear } = useRecentReferences();
  return (
    <section aria-labelledby="recent-heading" className="card">
      <div className="flex items-center justify-between border-b border-zinc-100 px-3 py-2">
        <h2 id="recent-heading" className="card-title">
          {t('heading')}
        </h2>
        {recent.length > 0 ? (
          <button type="button" onClick={clear} className="text-xs text-zinc-600 hover:text-zinc-800">
            {t('clear')}
          </button>
        ) : null}
      </div>
      {recent.length > 0 ? (
        <ReferenceList references={recent} label={t('label')} />
      ) : (
        <p className="px-3 py-3 text-xs text-zinc-600">{t('empty')}</p>
      )}
    </section>
  );
}
