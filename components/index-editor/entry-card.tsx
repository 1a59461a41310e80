'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { Dispatch } from 'react';
import { Badge } from '@/components/ui/badge';
import { Digest } from '@/components/ui/digest';
import { formatBytes } from '@/lib/present/format';
import { useMediaTypeLabel } from '@/components/shared/use-media-type-label';
import { formatPlatform } from '@/lib/oci/platform';
import { AnnotationsEditor } from './annotations-editor';
import { CheckMessages } from './check-messages';
import { fieldsToPlatform, isAnnotationsChanged, isPlatformChanged, platformToFields } from '@/lib/draft/fields';
import type { DraftAction } from '@/lib/draft/reducer';
import type { DraftEntry } from '@/lib/draft/types';
import type { EntryCheck } from '@/lib/draft/checks';
import { PlatformFields } from './platform-fields';
import { platformOfConfig } from '@/lib/oci/config-platform';

type EntryCardProps = {
  entry: DraftEntry;
  /** 1-based position among the rows. */
  position: number;
  rowCount: number;
  attestations: readonly DraftEntry[];
  checks: readonly EntryCheck[];
  /** Null when descriptor annotations can be edited; else why not. */
  annotationsDisabledReason: string | null;
  dispatch: Dispatch<DraftAction>;
};

/** What an entry is called on screen: its platform as typed, else what its config says. */
function useEntryTitle(): (entry: DraftEntry) => string {
  const t = useTranslations('editor.entry');
  return (entry) => {
    const platform = fieldsToPlatform(entry.platform);
    if (platform) return formatPlatform(platform);
    if (entry.config) return t('fromConfig', { platform: formatPlatform(platformOfConfig(entry.config)) });
    return entry.role === 'attestation' ? t('attestation') : t('noPlatform');
  };
}

/**
 * Only images get a platform typed here. An attestation's `unknown/unknown` is what marks it, and a platform given
 * for a nested index would make the push take that index's entries instead of keeping it whole.
 */
function isPlatformEditable(entry: DraftEntry): boolean {
  return entry.role === 'image' || entry.role === 'unknown';
}

/** One entry of the list being edited: its platform inputs, checks, fixes, order controls and annotations. */
export function EntryCard({ entry, position, rowCount, attestations, checks, annotationsDisabledReason, dispatch }: EntryCardProps) {
  const t = useTranslations('editor.entry');
  const locale = useLocale();
  const entryTitle = useEntryTitle();
  const shortMediaTypeLabel = useMediaTypeLabel('short');
  const name = t('name', { position });
  const isChanged = isPlatformChanged(entry) || isAnnotationsChanged(entry) || entry.original === null;
  const configFields = entry.config ? platformToFields(platformOfConfig(entry.config)) : undefined;

  return (
    <li
      aria-label={t('label', { position, title: entryTitle(entry) })}
      data-entry-key={entry.key}
      // Focused when a fix from the inspect page changed it.
      tabIndex={-1}
      className={`card space-y-3 p-3 ${isChanged ? 'border-indigo-300' : ''}`}>
      <div className="flex items-start gap-2">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
          <div className="flex gap-1">
            <button
              type="button"
              className="btn px-1.5"
              aria-label={t('moveUp', { name })}
              disabled={position === 1}
              onClick={() => dispatch({ type: 'move', key: entry.key, direction: -1 })}
            >
              ↑
            </button>
            <button
              type="button"
              className="btn px-1.5"
              aria-label={t('moveDown', { name })}
              disabled={position === rowCount}
              onClick={() => dispatch({ type: 'move', key: entry.key, direction: 1 })}
            >
              ↓
            </button>
          </div>
          <span className="text-xs text-zinc-600">#{position}</span>
          <span className="font-mono text-sm font-semibold text-zinc-900">{entryTitle(entry)}</span>
          <Digest digest={entry.digest} />
          <Badge tone="muted">{shortMediaTypeLabel(entry.mediaType)}</Badge>
          <span className="text-xs text-zinc-600">{formatBytes(entry.size, locale)}</span>
          {entry.role !== 'image' ? <Badge tone="info">{t(`role.${entry.role}`)}</Badge> : null}
          {entry.original === null ? <Badge tone="accent">{entry.addedFrom ? t('newFrom', { source: entry.addedFrom }) : t('new')}</Badge> : null}
          {entry.original !== null && isChanged ? <Badge tone="accent">{t('edited')}</Badge> : null}
        </div>
        <button
          type="button"
          className="btn shrink-0 text-red-700"
          aria-label={t('remove', { name })}
          title={attestations.length ? t('removeTitle') : undefined}
          onClick={() => dispatch({ type: 'remove', key: entry.key })}
        >
          {attestations.length ? t('removeWith', { count: attestations.length }) : t('removeButton')}
        </button>
      </div>

      <PlatformFields
        fields={entry.platform}
        placeholders={configFields}
        checks={checks}
        name={name}
        idPrefix={`entry-${entry.key}`}
        isReadOnly={!isPlatformEditable(entry)}
        onChange={(field, value) => dispatch({ type: 'setPlatformField', key: entry.key, field, value })}
      />

      {!isPlatformEditable(entry) ? (
        <p className="text-xs text-zinc-600">
          {entry.role === 'index' ? t('indexKept') : t('attestationKept')}
        </p>
      ) : null}
      <CheckMessages
        checks={checks}
        onUse={isPlatformEditable(entry) ? (platform) => dispatch({ type: 'setPlatform', key: entry.key, platform }) : undefined}
      />

      {attestations.length > 0 ? (
        <p className="text-xs text-zinc-600">
          {t.rich('attestations', {
            count: attestations.length,
            digests: () =>
              attestations.map((a) => <Digest key={a.key} digest={a.digest} canCopy={false} />),
          })}
        </p>
      ) : null}

      <details className="text-xs" open={entry.annotations.length > 0 && !annotationsDisabledReason}>
        <summary className="min-h-6 cursor-pointer py-1 text-zinc-700">{t('annotations', { count: entry.annotations.length })}</summary>
        <div className="mt-2">
          <AnnotationsEditor
            pairs={entry.annotations}
            owner={name}
            disabledReason={annotationsDisabledReason}
            onChange={(annotations) => dispatch({ type: 'setEntryAnnotations', key: entry.key, annotations })}
          />
        </div>
      </details>
    </li>
  );
}
