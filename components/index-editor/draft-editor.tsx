'use client';

import { useTranslations } from 'next-intl';
import { useId, type Dispatch, type ReactNode } from 'react';
import { useMediaTypeLabel } from '@/components/shared/use-media-type-label';
import { useSaid } from '@/components/shared/use-said';
import { MediaType } from '@/lib/oci/media-types';
import { AddSource } from './add-source';
import { AnnotationsEditor } from './annotations-editor';
import { EntryCard } from './entry-card';
import { attestationsOf, isRow } from '@/lib/draft/entries';
import type { DraftAction } from '@/lib/draft/reducer';
import { canAnnotate, resultingMediaType, sameTag } from '@/lib/draft/request';
import type { Draft, MediaTypeChoice } from '@/lib/draft/types';
import { checkEntry, checkTarget, duplicateChecks, hasChangedMismatch } from '@/lib/draft/checks';
import { INPUT_CLASS } from './field-styles';
import { PlatformOptions } from './platform-fields';

type DraftEditorProps = {
  draft: Draft;
  dispatch: Dispatch<DraftAction>;
  /** Where names typed without a registry are looked up. */
  defaultRegistry: string | null;
};

function Section({ title, children, description }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <div>
        <h3 className="card-title">{title}</h3>
        {description ? <p className="text-xs text-zinc-600">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

/** The edit form shared by the inspect page's edit mode and `/create`: target, list type, annotations, entries. */
export function DraftEditor({ draft, dispatch, defaultRegistry }: DraftEditorProps) {
  const t = useTranslations('editor');
  const say = useSaid();
  const mediaTypeLabel = useMediaTypeLabel();
  const ids = useId();
  const rows = draft.entries.filter((entry) => isRow(entry, draft.entries));
  const duplicates = duplicateChecks(draft);
  const annotationsDisabledReason = canAnnotate(draft)
    ? null
    : t('noDockerAnnotations');
  const targetProblem = draft.target.trim() ? checkTarget(draft.target) : null;
  const isSameTag = draft.base !== null && sameTag(draft.target, draft.base.reference);
  const isConversion = draft.mediaType !== 'keep' && draft.base?.kind === 'index' && draft.mediaType !== draft.base.mediaType;
  const showMismatchToggle = draft.allowMismatch || hasChangedMismatch(draft);

  return (
    <div className="space-y-6">
      <PlatformOptions />
      <div className="grid gap-4 md:grid-cols-2">
        <Section title={t('pushTo')}>
          <input
            id={`${ids}-target`}
            aria-label={t('target')}
            className={`${INPUT_CLASS} w-full py-1.5`}
            value={draft.target}
            placeholder="localhost:5000/team/app:1.0"
            spellCheck={false}
            aria-invalid={Boolean(targetProblem) || undefined}
            onChange={(event) => dispatch({ type: 'setTarget', target: event.target.value })}
          />
          <p className={`text-xs ${targetProblem ? 'text-red-700' : 'text-zinc-600'}`}>
            {targetProblem ? say(targetProblem) : isSameTag ? t('sameTag') : draft.base ? t('otherTag') : t('tagHint')}
          </p>
        </Section>
        <Section title={t('listType')}>
          <select
            aria-label={t('listType')}
            className={`${INPUT_CLASS} w-full py-1.5 font-sans`}
            value={draft.mediaType}
            onChange={(event) => dispatch({ type: 'setMediaType', mediaType: event.target.value as MediaTypeChoice })}
          >
            <option value="keep">{draft.base?.kind === 'index' ? t('keep', { mediaType: mediaTypeLabel(draft.base.mediaType) }) : t('automatic')}</option>
            <option value={MediaType.dockerManifestList}>{mediaTypeLabel(MediaType.dockerManifestList)}</option>
            <option value={MediaType.ociIndex}>{mediaTypeLabel(MediaType.ociIndex)}</option>
          </select>
          <p className="text-xs text-zinc-600">
            {isConversion
              ? resultingMediaType(draft) === MediaType.dockerManifestList
                ? t('toDocker')
                : t('toOci')
              : t('chooseType')}
          </p>
        </Section>
      </div>

      <Section
        title={t('entries', { count: rows.length })}
        description={t('entriesExplanation')}
      >
        {rows.length === 0 ? <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-600">{t('noImages')}</p> : null}
        <ol className="space-y-3">
          {rows.map((entry, i) => (
            <EntryCard
              key={entry.key}
              entry={entry}
              position={i + 1}
              rowCount={rows.length}
              attestations={attestationsOf(entry, draft.entries)}
              checks={[...checkEntry(entry, draft.allowMismatch), ...(duplicates.get(entry.key) ? [duplicates.get(entry.key)!] : [])]}
              annotationsDisabledReason={annotationsDisabledReason}
              dispatch={dispatch}
            />
          ))}
        </ol>
        {showMismatchToggle ? (
          <label className="flex items-start gap-2 rounded-md bg-amber-50 p-2 text-xs text-amber-900 ring-1 ring-amber-200">
            <input
              type="checkbox"
              checked={draft.allowMismatch}
              onChange={(event) => dispatch({ type: 'setAllowMismatch', allowMismatch: event.target.checked })}
            />
            <span>
              {t('allowMismatch')}
            </span>
          </label>
        ) : null}
        <div className="card p-3">
          <AddSource defaultRegistry={defaultRegistry} onResolved={(inspect, typed) => dispatch({ type: 'add', inspect, addedFrom: typed })} />
        </div>
      </Section>
      <details className="group" open={draft.annotations.length > 0}>
        <summary className="card-title min-h-6 cursor-pointer py-1">{t('indexAnnotations', { count: draft.annotations.length })}</summary>
        <div className="mt-2 space-y-1">
          <p className="text-xs text-zinc-600">{t('indexAnnotationsExplanation')}</p>
          <AnnotationsEditor
            pairs={draft.annotations}
            owner={t('theIndex')}
            disabledReason={annotationsDisabledReason}
            onChange={(annotations) => dispatch({ type: 'setIndexAnnotations', annotations })}
          />
        </div>
      </details>
    </div>
  );
}
