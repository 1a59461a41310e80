'use client';

import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { InspectEntry } from '@/lib/api/inspect';
import { formatBytes, formatTimestamp } from '@/lib/present/format';
import { useMediaTypeLabel } from '@/components/shared/use-media-type-label';
import { digestReference, inspectHref, type RepositoryLocation } from '@/lib/present/links';
import { formatPlatform } from '@/lib/oci/platform';
import { Digest } from '@/components/ui/digest';
import { KeyValueTable } from '@/components/ui/key-value-table';
import { ProblemList } from '@/components/shared/problem-list';
import { RawManifestPanel } from '@/components/shared/raw-manifest';
import { EntryReferrers } from './entry-referrers';
import type { EntryGroup } from './group-entries';

type EntryDetailsProps = {
  group: EntryGroup;
  location: RepositoryLocation;
  /** The nested index's own entry table; the table passes it in, so the two files do not import each other. */
  nestedTable: ReactNode;
};

/** Everything about one entry: problems and fixes, descriptor, config, attestations, nested children, raw bytes. */
export function EntryDetails({ group, location, nestedTable }: EntryDetailsProps) {
  const t = useTranslations('entries.details');
  const locale = useLocale();
  const mediaTypeLabel = useMediaTypeLabel();
  const { entry, attestations } = group;
  return (
    <div className="space-y-3" data-testid="entry-details">
      {entry.missing ? (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white px-3 py-2 text-xs text-zinc-600">
          <span className="font-medium">{entry.missing.status ? t('missingWithStatus', { status: entry.missing.status }) : t('missing')}</span>{' '}
          {t('missingExplanation', { reason: entry.missing.reason })}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-label={t('problems')}>
          <h3 className="mb-1.5 text-xs font-semibold text-zinc-700">{t('problems')}</h3>
          <ProblemList problems={entry.problems} />
        </section>
        <section aria-label={t('descriptorAndConfig')}>
          <h3 className="mb-1.5 text-xs font-semibold text-zinc-700">{t('descriptor')}</h3>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
            <dt className="text-zinc-600">{t('digest')}</dt>
            <dd className="min-w-0">
              <Digest digest={entry.digest} isFull />
            </dd>
            <dt className="text-zinc-600">{t('mediaType')}</dt>
            <dd className="break-all">
              {mediaTypeLabel(entry.mediaType)} <code className="text-zinc-600">{entry.mediaType}</code>
            </dd>
            <dt className="text-zinc-600">{t('size')}</dt>
            <dd>{t('bytes', { size: entry.size })}</dd>
            <dt className="text-zinc-600">{t('listedPlatform')}</dt>
            <dd className="font-mono break-all">{entry.platform ? JSON.stringify(entry.platform) : t('none')}</dd>
            <dt className="text-zinc-600">{t('configPlatform')}</dt>
            <dd className="font-mono break-all">{entry.config ? formatPlatform(entry.config) : t('configNotRead')}</dd>
            {entry.config?.created ? (
              <>
                <dt className="text-zinc-600">{t('created')}</dt>
                <dd>{formatTimestamp(entry.config.created, locale)}</dd>
              </>
            ) : null}
            {entry.layers ? (
              <>
                <dt className="text-zinc-600">{t('layers')}</dt>
                <dd>{t('layersValue', { count: entry.layers.count, size: formatBytes(entry.layers.size, locale) })}</dd>
              </>
            ) : null}
          </dl>
          {Object.keys(entry.annotations).length > 0 ? (
            <div className="mt-2">
              <h4 className="mb-1 text-xs font-medium text-zinc-600">{t('annotations')}</h4>
              <KeyValueTable values={entry.annotations} label={t('annotations')} />
            </div>
          ) : null}
        </section>
      </div>
      {attestations.length > 0 ? <Attestations attestations={attestations} /> : null}
      {entry.role === 'image' && !entry.missing ? <EntryReferrers location={location} digest={entry.digest} /> : null}
      {nestedTable ? (
        <section aria-label={t('nestedEntries')} className="rounded-md border border-zinc-200 bg-white p-2">
          <h3 className="mb-1 text-xs font-semibold text-zinc-700">{t('nestedEntriesHeading')}</h3>
          {nestedTable}
        </section>
      ) : null}
      {entry.missing ? null : (
        <div className="flex flex-wrap items-center gap-2">
          <Link href={inspectHref(digestReference(location, entry.digest))} className="btn">
            {t('open')}
          </Link>
        </div>
      )}
      {entry.missing ? null : <RawManifestPanel reference={digestReference(location, entry.digest)} digest={entry.digest} title={t('rawTitle')} />}
    </div>
  );
}

function Attestations({ attestations }: { attestations: readonly InspectEntry[] }) {
  const t = useTranslations('entries.details');
  const locale = useLocale();
  const mediaTypeLabel = useMediaTypeLabel();
  return (
    <section aria-label={t('attestations')}>
      <h3 className="mb-1 text-xs font-semibold text-zinc-700">{t('attestationsHeading', { count: attestations.length })}</h3>
      <p className="mb-1.5 text-xs text-zinc-600">{t('attestationsExplanation')}</p>
      <ul className="space-y-2">
        {attestations.map((attestation) => (
          <li key={attestation.digest} className="rounded-md border border-violet-200 bg-white p-2 text-xs">
            <div className="flex flex-wrap items-center gap-3">
              <Digest digest={attestation.digest} />
              <span>{formatBytes(attestation.size, locale)}</span>
              <span title={attestation.mediaType}>{mediaTypeLabel(attestation.mediaType)}</span>
            </div>
            <div className="mt-1.5">
              <KeyValueTable values={attestation.annotations} label={t('attestationAnnotations')} />
            </div>
            {attestation.problems.length > 0 ? (
              <div className="mt-1.5">
                <ProblemList problems={attestation.problems} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
