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
  if (!details) return null;
  const { from, to, total, maxEntries, nextFrom } = details;
  const previousFrom = from > 0 ? Math.max(0, from - maxEntries) : null;
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
      This list has {total.toLocaleString('en')} entries; Archway read the image and config of entries {(from + 1).toLocaleString('en')}–
      {to.toLocaleString('en')} ({maxEntries.toLocaleString('en')} per request, ARCHWAY_MAX_ENTRIES on the server). The other{' '}
      {(total - (to - from)).toLocaleString('en')} are not shown here: the list&apos;s own checks (duplicates, attestations) still cover them, and the
      editor and the raw JSON hold them all.{' '}
      {nextFrom !== null ? (
        <Link href={detailsHref(reference, nextFrom)} className="font-medium underline underline-offset-2">
          Read entries {(nextFrom + 1).toLocaleString('en')}–{Math.min(total, nextFrom + maxEntries).toLocaleString('en')}
        </Link>
      ) : null}
      {nextFrom !== null && previousFrom !== null ? ' · ' : null}
      {previousFrom !== null ? (
        <Link href={detailsHref(reference, previousFrom)} className="font-medium underline underline-offset-2">
          Read entries {(previousFrom + 1).toLocaleString('en')}–{from.toLocaleString('en')}
        </Link>
      ) : null}
    </div>
  );
}
