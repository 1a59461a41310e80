'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { AppError } from '@/lib/api/errors';
import type { InspectResponse, InspectWindow } from '@/lib/api/inspect';
import { useInspect } from '@/lib/queries/inspect';
import { Skeleton } from '@/components/ui/skeleton';

type WholeListProps = {
  /** What the page holds: the whole answer, or only the window of a list longer than ARCHWAY_MAX_ENTRIES. */
  data: InspectWindow;
  reference: string;
  detailsFrom: number;
  /** Drawn with every entry of the list. */
  children: (whole: InspectResponse) => ReactNode;
};

/**
 * The editor and the copy work on every entry of the list (a push must keep the entries the page does not show),
 * while the page holds only the window of a long list: so the whole answer is fetched when one of them opens.
 */
export function WholeList({ data, reference, detailsFrom, children }: WholeListProps) {
  return data.outside ? <FetchedWholeList reference={reference} detailsFrom={detailsFrom}>{children}</FetchedWholeList> : children(data);
}

function FetchedWholeList({ reference, detailsFrom, children }: Omit<WholeListProps, 'data'>) {
  const t = useTranslations('inspect.wholeList');
  const tc = useTranslations('common');
  const query = useInspect(reference, detailsFrom);
  if (query.data) return children(query.data);
  if (query.isError) {
    return (
      <div role="alert" className="flex items-center gap-3 text-sm text-red-700">
        {t('failed', { message: AppError.parse(query.error).message })}
        <button type="button" className="btn" onClick={() => query.refetch()}>
          {tc('retry')}
        </button>
      </div>
    );
  }
  return (
    <div role="status" aria-label={t('loading')} className="space-y-2">
      <Skeleton className="h-40 w-full" />
    </div>
  );
}
