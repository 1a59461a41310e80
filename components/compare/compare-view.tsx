'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useMemo } from 'react';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { DescriptorDiff } from '@/components/shared/descriptor-diff';
import { useMediaTypeLabel } from '@/components/shared/use-media-type-label';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Digest } from '@/components/ui/digest';
import { Skeleton } from '@/components/ui/skeleton';
import type { CompareResponse, PlatformComparison } from '@/lib/api/compare';
import { AppError } from '@/lib/api/errors';
import { diffIndexFields, diffIndexes } from '@/lib/oci/index-diff';
import { parseManifest } from '@/lib/oci/parse';
import { tryParseReference } from '@/lib/oci/reference';
import type { ImageIndex } from '@/lib/oci/schemas';
import { formatBytes, formatTimestamp } from '@/lib/present/format';
import { compareHref, digestReference, inspectHref } from '@/lib/present/links';
import { useCompare } from '@/lib/queries/compare';
import { rawManifestQueryOptions } from '@/lib/queries/manifest';
import { CompareForm } from './compare-form';
import { JsonBlock } from '@/components/ui/json-block';

const STATUS_TONE: Record<PlatformComparison['status'], BadgeTone> = { same: 'muted', changed: 'warning', added: 'success', removed: 'error' };

/** The comparison of two references: the summary, every platform side by side, then the JSON diff. */
export function CompareView({ a, b }: { a: string; b: string }) {
  const t = useTranslations('compare.view');
  const query = useCompare(a, b);
  if (query.isError) {
    const error = AppError.parse(query.error);
    return (
      <div className="space-y-3">
        <p role="alert" className="card p-4 text-sm text-red-800">
          {t('failed', { message: error.message })}
        </p>
        <CompareForm a={a} b={b} />
      </div>
    );
  }
  if (!query.data) return <Skeleton className="h-64 w-full" />;
  return <CompareResult data={query.data} />;
}

function Side({ label, reference, digest }: { label: string; reference: string; digest: string }) {
  const parsed = tryParseReference(reference);
  return (
    <div className="min-w-0 space-y-1" data-testid={`side-${label}`}>
      <p className="text-xs font-medium text-zinc-500">{label.toUpperCase()}</p>
      {parsed.ok ? <Breadcrumbs registry={parsed.reference.registry} repository={parsed.reference.repository} tag={parsed.reference.tag} digest={parsed.reference.digest} /> : null}
      <Link className="link block py-0.5 font-mono text-sm break-all" href={inspectHref(reference)}>
        {reference}
      </Link>
      <Digest digest={digest} isFull />
    </div>
  );
}

function CompareResult({ data }: { data: CompareResponse }) {
  const t = useTranslations('compare.view');
  const mediaTypes = useMediaTypeLabel();
  const counts = (['changed', 'added', 'removed', 'same'] as const).map((status) => [status, data.platforms.filter((row) => row.status === status).length] as const);
  const annotationChanges = [
    ...Object.entries(data.annotations.added).map(([key, value]) => ({ key, change: 'added' as const, text: value })),
    ...Object.entries(data.annotations.removed).map(([key, value]) => ({ key, change: 'removed' as const, text: value })),
    ...Object.entries(data.annotations.changed).map(([key, value]) => ({ key, change: 'changed' as const, text: `${value.a} → ${value.b}` })),
  ];
  return (
    <div className="space-y-4">
      <section aria-label={t('comparedLists')} className="card grid grid-cols-1 gap-4 p-4 md:grid-cols-2">
        <Side label="a" reference={data.a.reference} digest={data.a.digest} />
        <Side label="b" reference={data.b.reference} digest={data.b.digest} />
        <div className="flex flex-wrap items-center gap-2 text-xs md:col-span-2">
          {data.a.digest === data.b.digest ? <Badge tone="success">{t('identical')}</Badge> : null}
          {counts.map(([status, count]) => (
            <Badge key={status} tone={STATUS_TONE[status]}>
              {t(`statusCount.${status}`, { count })}
            </Badge>
          ))}
          <Link className="btn ml-auto" href={compareHref(data.b.reference, data.a.reference)}>
            {t('swap')}
          </Link>
        </div>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs md:col-span-2">
          <dt className="text-zinc-500">{t('mediaType')}</dt>
          <dd>
            {data.mediaType.a === data.mediaType.b ? (
              mediaTypes(data.mediaType.a)
            ) : (
              <span>
                {mediaTypes(data.mediaType.a)} → {mediaTypes(data.mediaType.b)} <Badge tone="warning">{t('differs')}</Badge>
              </span>
            )}
          </dd>
          <dt className="text-zinc-500">{t('annotations')}</dt>
          <dd>
            {annotationChanges.length === 0 ? (
              t('theSame')
            ) : (
              <ul aria-label={t('annotationChanges')} className="space-y-0.5 font-mono">
                {annotationChanges.map(({ key, change, text }) => (
                  <li key={key}>
                    <Badge tone={change === 'added' ? 'success' : change === 'removed' ? 'error' : 'warning'}>{t(`status.${change}`)}</Badge> {key}: {text}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>
      <PlatformTable rows={data.platforms} />
      <JsonDiff data={data} />
    </div>
  );
}

function SideCell({ side }: { side: PlatformComparison['a'] }) {
  const t = useTranslations('compare.view');
  const locale = useLocale();
  if (!side) return <td className="px-2 py-1.5 text-zinc-600">{t('absent')}</td>;
  return (
    <td className="px-2 py-1.5">
      <Digest digest={side.digest} canCopy={false} />
      <span className="ml-2 text-zinc-500">{formatBytes(side.size, locale)}</span>
      {side.created ? <span className="ml-2 text-zinc-500">{formatTimestamp(side.created, locale)}</span> : null}
    </td>
  );
}

function PlatformTable({ rows }: { rows: readonly PlatformComparison[] }) {
  const t = useTranslations('compare.view');
  return (
    // Scrolls sideways on a phone, so it takes keyboard focus (axe: scrollable-region-focusable).
    <section aria-labelledby="platforms-heading" tabIndex={0} className="card overflow-x-auto p-4">
      <h2 id="platforms-heading" className="card-title mb-2">
        {t('platformsHeading')}
      </h2>
      <table aria-label={t('platforms')} className="w-full text-left text-xs">
        <thead className="text-zinc-500">
          <tr>
            <th className="px-2 py-1 font-medium">{t('platform')}</th>
            <th className="px-2 py-1 font-medium">{t('statusColumn')}</th>
            <th className="px-2 py-1 font-medium">a</th>
            <th className="px-2 py-1 font-medium">b</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((row, i) => (
            <PlatformRows key={`${row.platform}-${i}`} row={row} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PlatformRows({ row }: { row: PlatformComparison }) {
  const t = useTranslations('compare.view');
  return (
    <>
      <tr data-status={row.status}>
        <th scope="row" className="px-2 py-1.5 font-mono font-semibold text-zinc-800">
          {row.platform}
          {row.written ? (
            <span className="ml-2 font-sans font-normal">
              <Badge tone="info" title={t('writtenTitle')}>
                {t('written', { a: row.written.a, b: row.written.b })}
              </Badge>
            </span>
          ) : null}
        </th>
        <td className="px-2 py-1.5">
          <Badge tone={STATUS_TONE[row.status]}>{t(`status.${row.status}`)}</Badge>
        </td>
        <SideCell side={row.a} />
        <SideCell side={row.b} />
      </tr>
      {(row.attestations ?? []).map((attestation, i) => (
        <tr key={i} data-status={attestation.status} className="text-zinc-600">
          <th scope="row" className="py-1 pr-2 pl-6 font-normal">
            {t('attestationOf', { platform: row.platform })}
          </th>
          <td className="px-2 py-1">
            <Badge tone={STATUS_TONE[attestation.status]}>{t(`status.${attestation.status}`)}</Badge>
          </td>
          <SideCell side={attestation.a} />
          <SideCell side={attestation.b} />
        </tr>
      ))}
    </>
  );
}

function parseIndexText(text: string, mediaType: string): ImageIndex | null {
  try {
    const parsed = parseManifest(new TextEncoder().encode(text), mediaType);
    return parsed.kind === 'index' ? parsed.index : null;
  } catch {
    return null;
  }
}

function useExactBytes(reference: string, digest: string) {
  const parsed = tryParseReference(reference);
  const pinned = parsed.ok ? digestReference(parsed.reference, digest) : '';
  return useQuery({ ...rawManifestQueryOptions(pinned), enabled: Boolean(pinned) });
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The descriptor-level diff a → b (the one the push review shows), and both documents side by side. */
function JsonDiff({ data }: { data: CompareResponse }) {
  const t = useTranslations('compare.view');
  const left = useExactBytes(data.a.reference, data.a.digest);
  const right = useExactBytes(data.b.reference, data.b.digest);
  const indexes = useMemo(() => {
    if (!left.data || !right.data) return null;
    return { a: parseIndexText(left.data.text, left.data.mediaType), b: parseIndexText(right.data.text, right.data.mediaType) };
  }, [left.data, right.data]);
  const rows = indexes?.a && indexes.b ? diffIndexes(indexes.a, indexes.b) : [];
  const fields = indexes?.a && indexes.b ? diffIndexFields(indexes.a, indexes.b) : [];
  const unchanged = indexes?.b ? indexes.b.manifests.length - rows.filter((row) => row.change !== 'removed').length : 0;
  return (
    <section aria-labelledby="json-heading" className="card space-y-3 p-4">
      <h2 id="json-heading" className="card-title">
        {t('jsonDiff')}
      </h2>
      {left.error || right.error ? <p className="text-xs text-red-700">{t('bytesFailed', { message: (left.error ?? right.error)!.message })}</p> : null}
      {indexes?.a && indexes.b ? (
        <DescriptorDiff rows={rows} indexFields={fields} unchangedCount={unchanged} emptyMessage={t('sameEntries')} />
      ) : indexes ? (
        <p className="text-xs text-zinc-600">{t('singleImage')}</p>
      ) : (
        <Skeleton className="h-16 w-full" />
      )}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {[left, right].map((side, i) => (
          <JsonBlock key={i} label={t('jsonOf', { side: i === 0 ? 'a' : 'b' })} maxHeight="max-h-[28rem]" testId={`json-${i === 0 ? 'a' : 'b'}`}>
            {side.data ? prettyJson(side.data.text) : '…'}
          </JsonBlock>
        ))}
      </div>
    </section>
  );
}
