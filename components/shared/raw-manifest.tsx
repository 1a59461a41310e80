'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { AppError } from '@/lib/api/errors';
import { rawManifestUrl, useRawManifest, type RawManifest } from '@/lib/queries/manifest';
import { CopyButton } from '@/components/ui/copy-button';
import { Skeleton } from '@/components/ui/skeleton';
import { JsonBlock } from '@/components/ui/json-block';

type RawManifestPanelProps = {
  /** A by-digest reference: the bytes never change, so they are fetched once. */
  reference: string;
  digest: string;
  title?: string;
};

/** Re-indented for reading; the raw text is what the digest is over, so it is what gets copied. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The exact bytes of a manifest, fetched when the panel is first opened. */
export function RawManifestPanel({ reference, digest, title }: RawManifestPanelProps) {
  const t = useTranslations('rawManifest');
  const [hasOpened, setHasOpened] = useState(false);
  return (
    <details className="card group" onToggle={(event) => event.currentTarget.open && setHasOpened(true)}>
      <summary className="card-title cursor-pointer px-4 py-3 select-none">
        {title ?? t('title')} <span className="font-normal text-zinc-600">{t('exactBytes')}</span>
      </summary>
      <div className="border-t border-zinc-100 px-4 py-3">{hasOpened ? <RawManifestBody reference={reference} digest={digest} /> : null}</div>
    </details>
  );
}

function RawManifestBody({ reference, digest }: { reference: string; digest: string }) {
  const t = useTranslations('rawManifest');
  const tc = useTranslations('common');
  const query = useRawManifest(reference, true);
  if (query.isPending) return <Skeleton className="h-40 w-full" />;
  if (query.isError) {
    const error = AppError.parse(query.error);
    return (
      <div role="alert" className="flex items-center gap-3 text-xs text-red-700">
        {t('loadFailed', { message: error.message })}
        <button type="button" className="btn" onClick={() => query.refetch()}>
          {tc('retry')}
        </button>
      </div>
    );
  }
  return <RawManifestText raw={query.data} digest={digest} reference={reference} />;
}

function RawManifestText({ raw, digest, reference }: { raw: RawManifest; digest: string; reference: string }) {
  const t = useTranslations('rawManifest');
  const isVerified = raw.computedDigest === digest;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs">
        <p className={isVerified ? 'text-zinc-600' : 'text-red-700'}>
          {isVerified ? t('verified', { size: raw.size }) : t('mismatch', { size: raw.size, computed: raw.computedDigest, digest })}
        </p>
        <div className="flex shrink-0 gap-2">
          <CopyButton value={raw.text} label={t('copyLabel')}>
            {t('copy')}
          </CopyButton>
          <a className="btn" href={rawManifestUrl(reference)} target="_blank" rel="noreferrer">
            {t('open')}
          </a>
        </div>
      </div>
      <JsonBlock label={t('jsonLabel')} maxHeight="max-h-[32rem]" testId="raw-json">
        {prettyJson(raw.text)}
      </JsonBlock>
    </div>
  );
}
