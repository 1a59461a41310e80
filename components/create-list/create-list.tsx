'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer, useRef, useState } from 'react';
import { qualifySource } from '@/lib/draft/qualify-source';
import { emptyDraft } from '@/lib/draft/entries';
import { draftReducer } from '@/lib/draft/reducer';
import { DraftEditor } from '@/components/index-editor/draft-editor';
import { PushFlow } from '@/components/push-review/push-flow';
import { draftBlockers } from '@/lib/draft/checks';
import { toPushRequest } from '@/lib/draft/request';
import { AppError } from '@/lib/api/errors';
import { inspectQueryOptions } from '@/lib/queries/inspect';
import { formatReference, tryParseReference } from '@/lib/oci/reference';

type CreateListProps = {
  /** Prefilled target (`?target=`). */
  initialTarget?: string;
  /** References resolved and added on arrival (`?source=` repeated), e.g. from a single image's page. */
  initialSources?: readonly string[];
};

/** The registry a target names, where sources typed without one are looked up. */
function targetRegistry(target: string): string | null {
  const parsed = tryParseReference(target);
  return parsed.ok && target.includes('/') ? parsed.reference.registry : null;
}

/**
 * `docker manifest create` in one page: a target tag, the images (each read through inspect; a list adds all its
 * entries), their platforms, then review and push.
 */
export function CreateList({ initialTarget = '', initialSources = [] }: CreateListProps) {
  const queryClient = useQueryClient();
  const [draft, dispatch] = useReducer(draftReducer, initialTarget, emptyDraft);
  const [sourceErrors, setSourceErrors] = useState<string[]>([]);
  const hasLoadedInitial = useRef(false);

  useEffect(() => {
    if (hasLoadedInitial.current || initialSources.length === 0) return;
    hasLoadedInitial.current = true;
    const registry = targetRegistry(initialTarget);
    void (async () => {
      // One at a time, so the entries keep the order the sources were given in.
      for (const source of initialSources) {
        const parsed = tryParseReference(qualifySource(source, registry));
        if (!parsed.ok) {
          setSourceErrors((errors) => [...errors, `${source}: ${parsed.error}`]);
          continue;
        }
        const reference = formatReference(parsed.reference);
        try {
          const inspect = await queryClient.fetchQuery(inspectQueryOptions(reference));
          dispatch({ type: 'add', inspect, addedFrom: reference });
        } catch (err) {
          setSourceErrors((errors) => [...errors, `${reference}: ${AppError.parse(err).message}`]);
        }
      }
    })();
  }, [initialSources, initialTarget, queryClient]);

  return (
    <div className="space-y-4" data-testid="create-list">
      {sourceErrors.length > 0 ? (
        <ul role="alert" className="space-y-1 rounded-md bg-red-50 p-2 text-xs text-red-800 ring-1 ring-red-200">
          {sourceErrors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
      <div className="card p-4">
        <DraftEditor draft={draft} dispatch={dispatch} defaultRegistry={targetRegistry(draft.target)} />
      </div>
      <PushFlow request={toPushRequest(draft)} blockers={draftBlockers(draft)} sources={draft.entries} />
    </div>
  );
}
