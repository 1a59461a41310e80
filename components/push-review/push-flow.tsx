'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { Digest } from '@/components/ui/digest';
import type { AppError } from '@/lib/api/errors';
import type { PushRequest } from '@/lib/api/push';
import { ConflictNotice } from './conflict-notice';
import { PushReview, type ReviewSource } from './push-review';
import { StepList } from './step-list';
import { RecordedAs } from '@/components/session/recorded-as';
import { RegistrySignInForm } from '@/components/session/registry-sign-in-form';
import { usePushFlow } from './use-push-flow';

/** What to do about an error, by its code; the message from the server says what happened. */
const NEXT_STEP: Partial<Record<AppError['code'], string>> = {
  UNAUTHORIZED: 'The registry wants credentials: sign in to it with your own account below, then push again.',
  DENIED: 'The registry refused the push: the account used may not push to the target repository. Sign in with one that may.',
  FORBIDDEN: 'Archway may not push for you with its shared credentials: sign in to the registry with your own account below.',
  UNPROCESSABLE: 'Fix the entry the message names (its suggestion is the canonical value), then review again.',
  BAD_REQUEST: 'Fix what the message names, then review again.',
  NOT_FOUND: 'A source is gone from its registry: remove it or add it again from where it lives now.',
  REGISTRY_ERROR: 'The registry failed midway; the tag was not changed. Try again in a moment.',
  TIMEOUT: 'The registry did not answer in time; the tag was not changed. Try again.',
  TOO_MANY_REQUESTS: 'The registry is rate-limiting: wait a minute, then push again.',
  UNAVAILABLE: 'Archway or the registry is busy; the tag was not changed. Push again in a moment.',
  PAYLOAD_TOO_LARGE: 'The list is larger than the server accepts (ARCHWAY_MAX_BODY_BYTES): push fewer entries at once.',
};

/** The registry to offer a sign-in for, when the error is a registry (or Archway) refusing the credentials used. */
function signInRegistry(error: AppError): string | null {
  if (error.code !== 'UNAUTHORIZED' && error.code !== 'DENIED' && error.code !== 'FORBIDDEN') return null;
  // A refusal while planning names the registry; one during the push names it on the failed step's cause.
  const details = error.details as { registry?: unknown; cause?: { registry?: unknown } } | undefined;
  const registry = details?.registry ?? details?.cause?.registry;
  return typeof registry === 'string' ? registry : null;
}

type PushFlowProps = {
  /** The desired list, as the push API takes it (without `dryRun`). */
  request: PushRequest;
  /** What must be fixed before a review can start, one line each. */
  blockers?: readonly string[];
  /** Where each entry comes from and what its config says, for the equivalent commands of the review. */
  sources?: readonly ReviewSource[];
  /** The review button's label before the first review. */
  reviewLabel?: string;
  /** Shown on a 409 when the edit started from a list: load where the tag points now (discarding the edit). */
  onReload?: (() => void) | undefined;
};

/** Review (dry run) → push with live steps → the new digest's page, with 409 and error handling that keeps the edit. */
export function PushFlow({ request, blockers = [], sources = [], reviewLabel = 'Review changes', onReload }: PushFlowProps) {
  const { state, review, push, backToEditing, reviewAgainst } = usePushFlow(request);
  const isStale = state.phase === 'review' && state.isStale;

  // The review and the push progress open below a long editor: bring them into view and move focus to them, so a
  // keyboard user lands on what just appeared instead of the page body.
  const panel = useRef<HTMLElement>(null);
  const result = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.phase === 'review' || state.phase === 'pushing' || state.phase === 'conflict' || state.phase === 'failed') {
      panel.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      result.current?.focus({ preventScroll: true });
    }
  }, [state.phase]);

  const isBusy = state.phase === 'planning' || state.phase === 'pushing' || state.phase === 'pushed';

  return (
    <>
    <section ref={panel} aria-label="Review and push" className="card scroll-mt-16 space-y-4 p-4">
      <h2 ref={result} tabIndex={-1} data-testid="push-flow-focus" className="card-title">
        {state.phase === 'review' && !isStale
          ? `Review of the push to ${state.plan.target}: check the changes, then push.`
          : state.phase === 'pushing'
            ? 'Pushing…'
            : state.phase === 'failed'
              ? `The push failed: ${state.error.message}`
              : state.phase === 'conflict'
                ? 'The tag changed since you started: nothing was pushed.'
                : 'Review and push'}
      </h2>
      {blockers.length > 0 ? (
        <ul className="space-y-0.5 text-xs text-zinc-600">
          {blockers.map((blocker) => (
            <li key={blocker}>• {blocker}</li>
          ))}
        </ul>
      ) : null}

      {state.phase === 'review' && !isStale ? <PushReview plan={state.plan} sources={sources} /> : null}
      {state.phase === 'editing' ? <p className="text-xs text-zinc-600">Nothing is written until you push from the review.</p> : null}

      {state.phase === 'pushing' || state.phase === 'pushed' ? (
        <div className="space-y-2">
          <h3 className="card-title">{state.phase === 'pushing' ? 'Pushing…' : 'Pushed'}</h3>
          <StepList steps={state.phase === 'pushing' ? state.steps : state.result.steps} isLive />
          {state.phase === 'pushed' ? (
            <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-emerald-800">
              {state.result.target} now points at <Digest digest={state.result.digest} />.
              <Link className="link" href={state.href}>
                Opening its page…
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}

      {state.phase === 'failed' ? (
        <div role="alert" className="space-y-2 rounded-md bg-red-50 p-3 text-sm text-red-900 ring-1 ring-red-200">
          <p className="font-medium">{state.error.message}</p>
          <p className="text-xs">{NEXT_STEP[state.error.code] ?? 'Try again; if it keeps failing, the server log has the details.'} Your edit is kept.</p>
          {state.steps.length > 0 ? <StepList steps={state.steps} /> : null}
          {signInRegistry(state.error) ? <RegistrySignInForm registry={signInRegistry(state.error)!} /> : null}
        </div>
      ) : null}

      {state.phase === 'conflict' ? (
        <ConflictNotice
          conflict={state.conflict}
          target={state.target}
          expected={state.expected}
          onReload={onReload}
          onReviewAgainst={() => reviewAgainst(state.target, state.conflict.current)}
        />
      ) : null}
    </section>
    {/* Sticks to the bottom of the window while the editor scrolls: Review and Push are always one Tab away. */}
    <div
      role="toolbar"
      aria-label="Push actions"
      className="sticky bottom-0 z-20 -mx-1 flex flex-wrap items-center gap-2 rounded-t-lg border border-zinc-300 bg-white/95 px-3 py-2 shadow-lg backdrop-blur"
    >
      {state.phase === 'review' && !isStale ? (
        <>
          <button type="button" className="btn-primary" onClick={() => push(state.plan)}>
            Push to {state.plan.target}
          </button>
          <button type="button" className="btn min-h-7" onClick={backToEditing}>
            Back to editing
          </button>
          <RecordedAs />
        </>
      ) : (
        <>
          <button type="button" className="btn-primary" disabled={blockers.length > 0 || isBusy} onClick={review}>
            {state.phase === 'planning' ? 'Preparing the review…' : isStale ? 'Review again' : reviewLabel}
          </button>
          {isStale ? <span className="text-xs text-zinc-700">The edit changed since the review: review it again before pushing.</span> : null}
          {blockers.length > 0 ? <span className="text-xs text-zinc-700">{blockers.length === 1 ? blockers[0] : `${blockers.length} things to fix first (listed above)`}</span> : null}
        </>
      )}
    </div>
    </>
  );
}
