'use client';

import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { formatBytes, formatTimestamp } from '@/lib/present/format';
import { digestReference, inspectHref, type RepositoryLocation } from '@/lib/present/links';
import { artifactTypeLabel } from '@/lib/present/referrer-labels';
import { useReferrers } from '@/lib/queries/referrers';
import { Digest } from '@/components/ui/digest';

const CREATED = 'org.opencontainers.image.created';

/**
 * Signatures, SBOMs and attestations pushed with this image as their `subject`. Mounted only while the entry's
 * details are open, so the registry is asked only then.
 */
export function EntryReferrers({ location, digest }: { location: RepositoryLocation; digest: string }) {
  const t = useTranslations('entries.referrers');
  const locale = useLocale();
  const { data, error, isPending } = useReferrers(digestReference(location, digest), true);
  return (
    <section aria-label={t('label')} className="text-xs">
      <h3 className="mb-1 font-semibold text-zinc-700">{data ? t('headingCount', { count: data.referrers.length }) : t('label')}</h3>
      {isPending ? <p className="text-zinc-600">{t('asking')}</p> : null}
      {error ? <p className="text-red-700">{t('failed', { message: error.message })}</p> : null}
      {data ? (
        <>
          <p className="mb-1.5 text-zinc-600" data-testid="referrers-source">
            {t(`source.${data.source}`, { tag: 'sha256-<digest>' })}
          </p>
          {data.referrers.length > 0 ? (
            <ul className="space-y-1" aria-label={t('listLabel')}>
              {data.referrers.map((referrer) => (
                <li key={referrer.digest} className="flex flex-wrap items-center gap-3 rounded-md border border-zinc-200 bg-white px-2 py-1">
                  <span className="font-medium" title={referrer.artifactType ?? undefined}>
                    {referrer.artifactType === null ? t('unknownArtifactType') : artifactTypeLabel(referrer.artifactType)}
                  </span>
                  <Link href={inspectHref(digestReference(location, referrer.digest))} className="underline decoration-zinc-300 hover:decoration-zinc-700">
                    <Digest digest={referrer.digest} canCopy={false} />
                  </Link>
                  <span>{formatBytes(referrer.size, locale)}</span>
                  {referrer.annotations[CREATED] ? <span className="text-zinc-600">{t('created', { time: formatTimestamp(referrer.annotations[CREATED], locale) })}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
