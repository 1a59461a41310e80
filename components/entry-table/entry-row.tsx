'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { MouseEvent } from 'react';
import type { InspectEntry } from '@/lib/api/inspect';
import { formatBytes, formatTimestamp } from '@/lib/present/format';
import { formatPlatform, platformsEqual } from '@/lib/oci/platform';
import { Badge } from '@/components/ui/badge';
import { Digest } from '@/components/ui/digest';
import { useEntryLabel } from '@/components/shared/use-entry-label';
import { useMediaTypeLabel } from '@/components/shared/use-media-type-label';
import { ProblemCounts } from '@/components/shared/problem-list';
import { CopyButton } from '@/components/ui/copy-button';
import type { RepositoryLocation } from '@/lib/present/links';
import { familiarReference } from '@/lib/oci/reference';
import type { EntryGroup } from './group-entries';

type EntryRowProps = {
  group: EntryGroup;
  isExpanded: boolean;
  isSelected: boolean;
  onToggle: (entry: InspectEntry) => void;
  /** The repository the entries live in: what a pull reference (`repo@sha256:…`) names. */
  location: RepositoryLocation;
};

/** One entry as a table row: platform, digest, sizes, media type, created, layers, config platform, problems. */
export function EntryRow({ group, isExpanded, isSelected, onToggle, location }: EntryRowProps) {
  const t = useTranslations('entries');
  const locale = useLocale();
  const entryLabel = useEntryLabel();
  const mediaTypeLabel = useMediaTypeLabel();
  const { entry, position, attestations } = group;
  const isMissing = Boolean(entry.missing);
  const onRowClick = (event: MouseEvent<HTMLTableRowElement>) => {
    // Buttons and links inside the row (copy, toggle) do their own thing.
    if ((event.target as HTMLElement).closest('a, button')) return;
    onToggle(entry);
  };

  return (
    <tr
      onClick={onRowClick}
      data-entry-digest={entry.digest}
      data-entry-position={position}
      data-missing={isMissing ? 'true' : undefined}
      aria-current={isSelected ? 'true' : undefined}
      className={`cursor-pointer border-b border-zinc-100 align-top ${isSelected ? 'bg-indigo-50 outline-2 -outline-offset-2 outline-indigo-400' : 'hover:bg-zinc-50'} ${
        isMissing ? 'text-zinc-600' : 'text-zinc-800'
      }`}
    >
      <td className="py-1.5 pl-1">
        <button
          type="button"
          onClick={() => onToggle(entry)}
          aria-expanded={isExpanded}
          aria-label={isExpanded ? t('hideDetails', { entry: entryLabel(entry) }) : t('showDetails', { entry: entryLabel(entry) })}
          className="rounded px-1 text-zinc-600 hover:bg-zinc-200 hover:text-zinc-900"
        >
          <span aria-hidden="true" className={`inline-block transition-transform ${isExpanded ? 'rotate-90' : ''}`}>
            ▸
          </span>
        </button>
      </td>
      <td className="px-2 py-1.5 text-zinc-600 tabular-nums">{position}</td>
      <td className="px-2 py-1.5">
        <div className="flex flex-wrap items-center gap-1">
          <span className={`font-mono font-medium ${isMissing ? 'line-through' : ''}`}>{entryLabel(entry)}</span>
          {entry.role === 'index' ? <Badge tone="neutral">{t('nestedIndex', { count: entry.children?.length ?? 0 })}</Badge> : null}
          {entry.role === 'unknown' ? <Badge tone="neutral">{entry.artifactType ?? t('artifact')}</Badge> : null}
          {entry.role === 'attestation' ? <Badge tone="muted">{t('orphanAttestation')}</Badge> : null}
          {attestations.length > 0 ? <Badge tone="accent">{t('attestations', { count: attestations.length })}</Badge> : null}
          {isMissing ? <Badge tone="muted">{t('missing')}</Badge> : null}
        </div>
      </td>
      <td className="px-2 py-1.5">
        <span className="inline-flex items-center gap-1">
          <Digest digest={entry.digest} />
          <CopyButton
            value={familiarReference({ ...location, tag: null, digest: entry.digest })}
            label={t('copyPullReference', { entry: entryLabel(entry) })}
            className="btn min-h-6 px-1.5 py-0.5 whitespace-nowrap"
          >
            {t('copyPullRef')}
          </CopyButton>
        </span>
      </td>
      <td className="px-2 py-1.5 whitespace-nowrap tabular-nums">{formatBytes(entry.size, locale)}</td>
      <td className="px-2 py-1.5 whitespace-nowrap" title={entry.mediaType}>
        {mediaTypeLabel(entry.mediaType)}
      </td>
      <td className="px-2 py-1.5 whitespace-nowrap">{entry.config?.created ? formatTimestamp(entry.config.created, locale) : '—'}</td>
      <td className="px-2 py-1.5 whitespace-nowrap tabular-nums">{entry.layers ? `${entry.layers.count} · ${formatBytes(entry.layers.size, locale)}` : '—'}</td>
      <td className="px-2 py-1.5">
        <ConfigPlatform entry={entry} />
      </td>
      <td className="px-2 py-1.5">
        {entry.problems.length > 0 ? <ProblemCounts problems={entry.problems} /> : <span className="text-zinc-600">{t('noProblems')}</span>}
      </td>
    </tr>
  );
}

function ConfigPlatform({ entry }: { entry: InspectEntry }) {
  const t = useTranslations('entries');
  if (!entry.config) return <span className="text-zinc-600">—</span>;
  const isMismatch = entry.platform !== null && !platformsEqual(entry.platform, entry.config);
  return (
    <span
      className={`font-mono whitespace-nowrap ${isMismatch ? 'font-semibold text-red-700' : ''}`}
      title={isMismatch ? t('configDisagrees') : t('configAgrees')}
    >
      {isMismatch ? '≠ ' : ''}
      {formatPlatform(entry.config)}
    </span>
  );
}
