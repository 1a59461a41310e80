'use client';

import { useTranslations } from 'next-intl';
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
import { useSaid } from '@/components/shared/use-said';
import type { Said } from '@/lib/present/problem-text';

/** The error codes with their own next step in the catalogs (`push.nextStep.<code>`); the server's message says what happened. */
const NEXT_STEP_CODES: ReadonlySet<AppError['code']> = new Set([
  'UNAUTHORIZED',
  'DENIED',
  'FORBIDDEN',
  'UNPROCESSABLE',
  'BAD_REQUEST',
  'NOT_FOUND',
  'REGISTRY_ERROR',
  'TIMEOUT',
  'TOO_MANY_REQUESTS',
  'UNAVAILABLE',
  'PAYLOAD_TOO_LARGE',
]);

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
  blockers?: readonly Said[];
  /** Where each entry comes from and what its config says, for the equivalent commands of the review. */
  sources?: readonly ReviewSource[];
  /** The review button's label before the first review. */
  reviewLabel?: string;
  /** Shown on a 409 when the edit started from a list: load where the tag points now (discarding the edit). */
  onReload?: (() => void) | undefined;
};

/** Review (dry run) → push with live steps → the new digest's page, with 409 and error handling that keeps the edit. */
export function PushFlow({ request, blockers = [], sources = [], reviewLabel, onReload }: PushFlowProps) {
  const t = useTranslations('push');
  const say = useSaid();
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
    <section ref={panel} aria-label={t('heading')} className="card scroll-mt-16 space-y-4 p-4">
      <h2 ref={result} tabIndex={-1} data-testid="push-flow-focus" className="card-title">
        {state.phase === 'review' && !isStale
          ? t('reviewOf', { target: state.plan.target })
          : state.phase === 'pushing'
            ? t('pushing')
            : state.phase === 'failed'
              ? t('failed', { message: state.error.message })
              : state.phase === 'conflict'
                ? t('conflictHeading')
                : t('heading')}
      </h2>
      {blockers.length > 0 ? (
        <ul className="space-y-0.5 text-xs text-zinc-600">
          {blockers.map((blocker) => (
            <li key={blocker.message}>• {say(blocker)}</li>
          ))}
        </ul>
      ) : null}

      {state.phase === 'review' && !isStale ? <PushReview plan={state.plan} sources={sources} /> : null}
      {state.phase === 'editing' ? <p className="text-xs text-zinc-600">{t('nothingWritten')}</p> : null}

      {state.phase === 'pushing' || state.phase === 'pushed' ? (
        <div className="space-y-2">
          <h3 className="card-title">{state.phase === 'pushing' ? t('pushing') : t('pushed')}</h3>
          <StepList steps={state.phase === 'pushing' ? state.steps : state.result.steps} isLive />
          {state.phase === 'pushed' ? (
            <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-emerald-800">
              {t.rich('nowPoints', { target: state.result.target, digest: () => <Digest digest={state.result.digest} /> })}
              <Link className="link" href={state.href}>
                {t('opening')}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}

      {state.phase === 'failed' ? (
        <div role="alert" className="space-y-2 rounded-md bg-red-50 p-3 text-sm text-red-900 ring-1 ring-red-200">
          <p className="font-medium">{state.error.message}</p>
          <p className="text-xs">
            {NEXT_STEP_CODES.has(state.error.code) ? t(`nextStep.${state.error.code as 'TIMEOUT'}`) : t('nextStep.other')} {t('editKept')}
          </p>
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
      aria-label={t('actions')}
      className="sticky bottom-0 z-20 -mx-1 flex flex-wrap items-center gap-2 rounded-t-lg border border-zinc-300 bg-white/95 px-3 py-2 shadow-lg backdrop-blur"
    >
      {state.phase === 'review' && !isStale ? (
        <>
          <button type="button" className="btn-primary" onClick={() => push(state.plan)}>
            {t('pushTo', { target: state.plan.target })}
          </button>
          <button type="button" className="btn min-h-7" onClick={backToEditing}>
            {t('backToEditing')}
          </button>
          <RecordedAs />
        </>
      ) : (
        <>
          <button type="button" className="btn-primary" disabled={blockers.length > 0 || isBusy} onClick={review}>
            {state.phase === 'planning' ? t('preparing') : isStale ? t('reviewAgain') : (reviewLabel ?? t('reviewChanges'))}
          </button>
          {isStale ? <span className="text-xs text-zinc-700">{t('stale')}</span> : null}
          {blockers.length > 0 ? <span className="text-xs text-zinc-700">{blockers.length === 1 ? say(blockers[0]!) : t('blockers', { count: blockers.length })}</span> : null}
        </>
      )}
    </div>
    </>
  );
}
