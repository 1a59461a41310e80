import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { InspectResponse } from '@/lib/api/inspect';
import { formatBytes } from '@/lib/present/format';
import { useMediaTypeLabel } from '@/components/shared/use-media-type-label';
import { Badge } from '@/components/ui/badge';
import { Digest } from '@/components/ui/digest';
import { KeyValueTable } from '@/components/ui/key-value-table';

/** What the reference resolved to: the document's digest, media type, kind, size and index annotations. */
export function InspectHeader({ data, actions }: { data: InspectResponse; actions?: ReactNode }) {
  const t = useTranslations('inspect.header');
  const locale = useLocale();
  const mediaTypeLabel = useMediaTypeLabel();
  const attestations = data.entries.filter((entry) => entry.role === 'attestation').length;
  const others = data.entries.length - attestations;
  return (
    <section aria-labelledby="reference-heading" className="card p-4">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="accent">{data.kind === 'index' ? t('index') : t('singleManifest')}</Badge>
        <h1 id="reference-heading" className="min-w-0 font-mono text-lg font-semibold break-all text-zinc-900">
          {data.reference}
        </h1>
      </div>
      <p className="mt-2 flex items-center gap-2 text-xs" data-testid="index-digest">
        <span className="text-zinc-600">{t('digest')}</span>
        <Digest digest={data.digest} isFull />
      </p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs sm:grid-cols-[max-content_1fr_max-content_1fr]">
        <dt className="text-zinc-600">{t('mediaType')}</dt>
        <dd className="min-w-0">
          <span className="text-zinc-800">{mediaTypeLabel(data.mediaType)}</span>{' '}
          <code className="break-all text-zinc-600">{data.mediaType}</code>
        </dd>
        <dt className="text-zinc-600">{t('entries')}</dt>
        <dd className="text-zinc-800">
          {data.kind === 'index'
            ? attestations
              ? t('entriesWithAttestations', { count: others, attestations })
              : t('entryCount', { count: others })
            : t('oneImage')}
        </dd>
        <dt className="text-zinc-600">{t('size')}</dt>
        <dd className="text-zinc-800">
          {formatBytes(data.size, locale)} <span className="text-zinc-600">{t('jsonBytes', { size: data.size })}</span>
        </dd>
        <dt className="text-zinc-600">{t('registry')}</dt>
        <dd className="font-mono break-all text-zinc-800">{data.registry}</dd>
        <dt className="text-zinc-600">{t('repository')}</dt>
        <dd className="font-mono break-all text-zinc-800">
          {data.repository}
          {data.tag ? <span className="text-zinc-600">:{data.tag}</span> : null}
        </dd>
      </dl>
      {actions ? <div className="mt-3 border-t border-zinc-100 pt-3">{actions}</div> : null}
      {data.annotations && Object.keys(data.annotations).length > 0 ? (
        <details className="mt-3 border-t border-zinc-100 pt-2" open={Object.keys(data.annotations).length <= 6}>
          <summary className="min-h-6 cursor-pointer py-1 text-xs font-medium text-zinc-700">
            {t('annotationsCount', { count: Object.keys(data.annotations).length })}
          </summary>
          <div className="mt-2">
            <KeyValueTable values={data.annotations} label={t('annotations')} />
          </div>
        </details>
      ) : null}
    </section>
  );
}
