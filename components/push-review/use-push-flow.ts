'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState } from 'react';
import { AppError } from '@/lib/api/errors';
import type { PushRequest, PushResponse, PushStep } from '@/lib/api/push';
import { canonicalTarget } from '@/lib/draft/request';
import { inspectHref, outcomeHref, pinnedReference } from '@/lib/present/links';
import { asConflict, type Conflict } from '@/lib/queries/conflict';
import { previewPush, pushWithSteps } from '@/lib/queries/push';
import { invalidateAfterTagMove } from '@/lib/queries/query-client';
import { tryParseReference } from '@/lib/oci/reference';
import { mergeStep } from './merge-step';

export type PushFlowState =
  | { phase: 'editing' }
  | { phase: 'planning' }
  | { phase: 'review'; plan: PushResponse; isStale: boolean }
  | { phase: 'pushing'; plan: PushResponse; steps: PushStep[] }
  | { phase: 'pushed'; result: PushResponse; href: string }
  | { phase: 'failed'; error: AppError; steps: PushStep[] }
  | { phase: 'conflict'; conflict: Conflict; target: string; expected: string | null };

/** A base the user chose after a 409: push over what the target holds now, checked against that digest. */
type BaseOverride = { target: string; digest: string | null };

/** The page of the list just pushed: pinned to its digest, and naming the tag it was pushed to. */
function resultHref(result: PushResponse): string {
  const target = tryParseReference(result.target);
  if (!target.ok) return inspectHref(result.target);
  return outcomeHref(pinnedReference(target.reference, target.reference.tag, result.digest), { kind: 'pushed', from: result.before });
}

/** A failed request as the flow shows it: a 409 names where the target is now, anything else is an error to act on. */
function failure(error: unknown, request: PushRequest | undefined, steps: PushStep[]): PushFlowState {
  const conflict = asConflict(error);
  if (conflict && request) return { phase: 'conflict', conflict, target: canonicalTarget(request.target), expected: request.base };
  return { phase: 'failed', error: AppError.parse(error), steps };
}

/**
 * Review (a dry run) → push with live steps → the new digest's page. Two mutations carry the requests; the phase
 * shown is derived from them, so a review started again replaces an older one (whose request is also aborted).
 */
export function usePushFlow(desired: PushRequest) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [override, setOverride] = useState<BaseOverride | null>(null);
  const [steps, setSteps] = useState<PushStep[]>([]);
  const abortReview = useRef<AbortController | null>(null);

  // Compared by value: callers build a new request object on every render.
  const desiredKey = JSON.stringify(desired);
  const request: PushRequest = useMemo(() => {
    const value = JSON.parse(desiredKey) as PushRequest;
    const isOverridden = override !== null && canonicalTarget(value.target) === override.target;
    return isOverridden ? { ...value, base: override.digest } : value;
  }, [desiredKey, override]);

  const preview = useMutation({
    mutationFn: (planned: PushRequest) => {
      abortReview.current?.abort();
      const controller = new AbortController();
      abortReview.current = controller;
      return previewPush(planned, controller.signal);
    },
  });

  const push = useMutation({
    mutationFn: ({ pushed, plan }: { pushed: PushRequest; plan: PushResponse }) => {
      setSteps(plan.steps);
      return pushWithSteps(pushed, (step) => setSteps((current) => mergeStep(current, step)));
    },
    onSuccess: (result) => {
      // The "pushed" status shows at once; the page opens once every cached answer about the tag is stale.
      void invalidateAfterTagMove(queryClient).then(() => router.push(resultHref(result)));
    },
  });

  const state: PushFlowState = push.isPending
    ? { phase: 'pushing', plan: push.variables.plan, steps }
    : push.isSuccess
      ? { phase: 'pushed', result: push.data, href: resultHref(push.data) }
      : push.isError
        ? failure(push.error, push.variables?.pushed, steps)
        : preview.isPending
          ? { phase: 'planning' }
          : preview.isSuccess
            ? { phase: 'review', plan: preview.data, isStale: JSON.stringify(preview.variables) !== JSON.stringify(request) }
            : preview.isError
              ? failure(preview.error, preview.variables, [])
              : { phase: 'editing' };

  const startEditing = () => {
    push.reset();
    preview.reset();
  };

  return {
    state,
    /** Asks for a dry run of the request as it is now; a review still on its way is abandoned. */
    review: () => {
      push.reset();
      setSteps([]);
      preview.mutate(request);
    },
    /** Pushes the reviewed request, showing the plan's steps as they progress. */
    push: (plan: PushResponse) => push.mutate({ pushed: request, plan }),
    /** Leaves the review (or an error) and goes back to the editor, keeping the edit. */
    backToEditing: startEditing,
    /** After a 409: review again against where the target points now. */
    reviewAgainst: (target: string, digest: string | null) => {
      setOverride({ target, digest });
      startEditing();
    },
  };
}
