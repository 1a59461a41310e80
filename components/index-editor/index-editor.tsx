'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useReducer, useRef, useState } from 'react';
import { applyFixes, type EntryFix } from '@/lib/draft/fixes';
import { PushFlow } from '@/components/push-review/push-flow';
import { draftBlockers } from '@/lib/draft/checks';
import { toPushRequest } from '@/lib/draft/request';
import type { InspectResponse } from '@/lib/api/inspect';
import { inspectHref } from '@/lib/present/links';
import { queryKeys } from '@/lib/queries/query-keys';
import { draftFromInspect } from '@/lib/draft/entries';
import { draftReducer } from '@/lib/draft/reducer';
import { DraftEditor } from './draft-editor';

type IndexEditorProps = {
  /** The `/api/v1/inspect` answer for the list (or single image) being edited. */
  inspect: InspectResponse;
  /** Called by "Cancel"; the host page hides the editor. */
  onClose?: () => void;
  /** Fixes to make as the editor opens (from the inspect page's problems); the first fixed entry takes focus. */
  initialFixes?: readonly EntryFix[] | undefined;
};

/**
 * Edit mode for a list: platforms, entries, order, annotations, target tag and list type, then review and push.
 * Keyed by digest, so a list that changed under it (after a 409 and a reload) starts a fresh edit.
 */
export function IndexEditor({ inspect, onClose, initialFixes }: IndexEditorProps) {
  return <EditSession key={inspect.digest} inspect={inspect} onClose={onClose} initialFixes={initialFixes} />;
}

function EditSession({ inspect, onClose, initialFixes = [] }: IndexEditorProps) {
  const t = useTranslations('editor');
  const router = useRouter();
  const queryClient = useQueryClient();
  const [start] = useState(() => applyFixes(draftFromInspect(inspect), initialFixes));
  const [draft, dispatch] = useReducer(draftReducer, start.draft);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus goes where the change is: the first fixed entry, else the editor's heading.
  useEffect(() => {
    const fixed = start.changed[0];
    const target = fixed ? document.querySelector<HTMLElement>(`[data-entry-key="${fixed}"]`) : heading.current;
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [start]);
  const tagReference = draft.base?.reference ?? null;

  const onReload = tagReference
    ? () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.inspect.all });
        router.push(inspectHref(tagReference));
        router.refresh();
      }
    : undefined;

  return (
    <div className="space-y-4" data-testid="index-editor">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold tracking-tight">{inspect.kind === 'index' ? t('editHeading') : t('makeHeading')}</h2>
          <p className="text-xs text-zinc-600">
            {inspect.kind === 'index' ? t('editExplanation') : t('makeExplanation')}
          </p>
        </div>
        <div className="flex gap-2">
          <button type="button" className="btn" onClick={() => dispatch({ type: 'reset', draft: draftFromInspect(inspect) })}>
            {t('undoAll')}
          </button>
          {onClose ? (
            <button type="button" className="btn" onClick={onClose}>
              {t('cancel')}
            </button>
          ) : null}
        </div>
      </div>
      {start.changed.length > 0 ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-950">
          {t('fixesApplied', { count: start.changed.length })}
        </p>
      ) : null}
      <DraftEditor draft={draft} dispatch={dispatch} defaultRegistry={inspect.registry} />
      <PushFlow request={toPushRequest(draft)} blockers={draftBlockers(draft)} sources={draft.entries} onReload={onReload} />
    </div>
  );
}
