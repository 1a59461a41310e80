import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import type { InspectDetails } from '@/lib/api/inspect';
import { inspectHref } from '@/lib/present/links';

/** The page of a long list that reads the details of entries from `from` (0-based) on. */
function detailsHref(reference: string, from: number): string {
  return from === 0 ? inspectHref(reference) : `${inspectHref(reference)}?detailsFrom=${from}`;
}

/**
 * On a list longer than the server reads per request (ARCHWAY_MAX_ENTRIES): which entries were read in full, that
 * the others are shown from the list alone, and links to read the next (or previous) ones.
 */
export function UnreadEntriesNotice({ details, reference }: { details: InspectDetails | undefined; reference: string }) {
  const t = useTranslations('inspect.unreadEntries');
  const locale = useLocale();
  if (!details) return null;
  const n = (value: number) => value.toLocaleString(locale);
  const { from, to, total, maxEntries, nextFrom } = details;
  const previousFrom = from > 0 ? Math.max(0, from - maxEntries) : null;
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
      {t('explanation', { total: n(total), first: n(from + 1), last: n(to), perRequest: n(maxEntries), others: n(total - (to - from)) })}{' '}
      {nextFrom !== null ? (
        <Link href={detailsHref(reference, nextFrom)} className="font-medium underline underline-offset-2">
          {t('read', { first: n(nextFrom + 1), last: n(Math.min(total, nextFrom + maxEntries)) })}
        </Link>
      ) : null}
      {nextFrom !== null && previousFrom !== null ? ' · ' : null}
      {previousFrom !== null ? (
        <Link href={detailsHref(reference, previousFrom)} className="font-medium underline underline-offset-2">
          {t('read', { first: n(previousFrom + 1), last: n(from) })}
        </Link>
      ) : null}
    </div>
  );
}
