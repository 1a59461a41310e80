'use client';

import type { Dispatch } from 'react';
import { Badge } from '@/components/ui/badge';
import { Digest } from '@/components/ui/digest';
import { formatBytes, shortMediaTypeLabel } from '@/lib/present/format';
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
export function entryTitle(entry: DraftEntry): string {
  const platform = fieldsToPlatform(entry.platform);
  if (platform) return formatPlatform(platform);
  if (entry.config) return `${formatPlatform(platformOfConfig(entry.config))} (from its config)`;
  return entry.role === 'attestation' ? 'attestation' : 'no platform';
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
  const name = `entry ${position}`;
  const isChanged = isPlatformChanged(entry) || isAnnotationsChanged(entry) || entry.original === null;
  const configFields = entry.config ? platformToFields(platformOfConfig(entry.config)) : undefined;

  return (
    <li
      aria-label={`Entry ${position}: ${entryTitle(entry)}`}
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
              aria-label={`Move ${name} up`}
              disabled={position === 1}
              onClick={() => dispatch({ type: 'move', key: entry.key, direction: -1 })}
            >
              ↑
            </button>
            <button
              type="button"
              className="btn px-1.5"
              aria-label={`Move ${name} down`}
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
          <span className="text-xs text-zinc-600">{formatBytes(entry.size)}</span>
          {entry.role !== 'image' ? <Badge tone="info">{entry.role}</Badge> : null}
          {entry.original === null ? <Badge tone="accent">new{entry.addedFrom ? ` · from ${entry.addedFrom}` : ''}</Badge> : null}
          {entry.original !== null && isChanged ? <Badge tone="accent">edited</Badge> : null}
        </div>
        <button
          type="button"
          className="btn shrink-0 text-red-700"
          aria-label={`Remove ${name}`}
          title={attestations.length ? 'Its attestations are removed with it.' : undefined}
          onClick={() => dispatch({ type: 'remove', key: entry.key })}
        >
          Remove{attestations.length ? ` (with ${attestations.length} attestation${attestations.length === 1 ? '' : 's'})` : ''}
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
          {entry.role === 'index' ? 'A nested index is kept whole, with its own platforms.' : 'An attestation keeps its unknown/unknown platform.'}
        </p>
      ) : null}
      <CheckMessages
        checks={checks}
        onUse={isPlatformEditable(entry) ? (platform) => dispatch({ type: 'setPlatform', key: entry.key, platform }) : undefined}
      />

      {attestations.length > 0 ? (
        <p className="text-xs text-zinc-600">
          {attestations.length} attestation manifest{attestations.length === 1 ? '' : 's'} (
          {attestations.map((a) => (
            <Digest key={a.key} digest={a.digest} canCopy={false} />
          ))}
          ) describe{attestations.length === 1 ? 's' : ''} this image: {attestations.length === 1 ? 'it travels' : 'they travel'} with it, and
          {attestations.length === 1 ? ' goes' : ' go'} if it is removed.
        </p>
      ) : null}

      <details className="text-xs" open={entry.annotations.length > 0 && !annotationsDisabledReason}>
        <summary className="min-h-6 cursor-pointer py-1 text-zinc-700">Descriptor annotations ({entry.annotations.length})</summary>
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
