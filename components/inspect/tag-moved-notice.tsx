import { useTranslations } from 'next-intl';
import Link from 'next/link';
import type { InspectResponse } from '@/lib/api/inspect';
import { inspectHref, tagReference } from '@/lib/present/links';
import { shortDigest } from '@/lib/oci/digest';

/** On a link pinned to a digest: says when the tag it names now points elsewhere, or is gone. */
export function TagMovedNotice({ data }: { data: InspectResponse }) {
  const t = useTranslations('inspect.tagMoved');
  if (data.tagDigest === undefined || data.tag === null || data.tagDigest === data.digest) return null;
  const currentHref = inspectHref(tagReference(data, data.tag));
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
      {data.tagDigest === null ? (
        t.rich('gone', {
          tag: data.tag,
          digest: shortDigest(data.digest),
          strong: (chunks) => <code className="font-semibold">{chunks}</code>,
          code: (chunks) => <code>{chunks}</code>,
        })
      ) : (
        <>
          {t.rich('moved', {
            tag: data.tag,
            digest: shortDigest(data.digest),
            current: shortDigest(data.tagDigest),
            strong: (chunks) => <code className="font-semibold">{chunks}</code>,
            code: (chunks) => <code>{chunks}</code>,
          })}{' '}
          <Link href={currentHref} className="font-medium underline underline-offset-2">
            {t('viewCurrent')}
          </Link>
        </>
      )}
    </div>
  );
}
