'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { Digest } from '@/components/ui/digest';
import { digestReference, inspectHref } from '@/lib/present/links';
import type { Conflict } from '@/lib/queries/conflict';
import { tryParseReference } from '@/lib/oci/reference';

type ConflictNoticeProps = {
  conflict: Conflict;
  target: string;
  expected: string | null;
  onReload?: (() => void) | undefined;
  onReviewAgainst: () => void;
};

/** The 409: the tag moved since the edit started. Says where it is now and offers to reload or to review against it. */
export function ConflictNotice({ conflict, target, expected, onReload, onReviewAgainst }: ConflictNoticeProps) {
  const t = useTranslations('push.conflict');
  const parsed = tryParseReference(target);
  const currentHref = conflict.current && parsed.ok ? inspectHref(digestReference(parsed.reference, conflict.current)) : null;
  return (
    <div role="alert" className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-300">
      <p className="font-medium">{t('headline', { target })}</p>
      <dl className="grid gap-x-3 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
        <dt>{t('startedFrom')}</dt>
        <dd>{expected ? <Digest digest={expected} isFull /> : t('noList')}</dd>
        <dt>{t('pointsNow')}</dt>
        <dd data-testid="conflict-current">
          {conflict.current ? <Digest digest={conflict.current} isFull /> : t('deleted')}
          {currentHref ? (
            <Link className="link ml-2" href={currentHref} target="_blank">
              {t('seeList')}
            </Link>
          ) : null}
        </dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        {onReload ? (
          <button type="button" className="btn-primary" onClick={onReload}>
            {t('reload')}
          </button>
        ) : null}
        <button type="button" className="btn" onClick={onReviewAgainst}>
          {t('reviewAgainst')}
        </button>
      </div>
      <p className="text-xs">{t('explanation')}</p>
    </div>
  );
}
