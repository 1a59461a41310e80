'use client';

import { useTranslations } from 'next-intl';
import type { PushStep, PushStepStatus } from '@/lib/api/push';
import { shortDigest } from '@/lib/oci/digest';

const STATUS_MARK: Record<PushStepStatus, { mark: string; className: string }> = {
  planned: { mark: '○', className: 'text-zinc-600' },
  running: { mark: '◐', className: 'text-indigo-600 animate-pulse' },
  done: { mark: '✓', className: 'text-emerald-600' },
  skipped: { mark: '–', className: 'text-zinc-600' },
  failed: { mark: '✕', className: 'text-red-600' },
};

/** The step kinds with a name in the catalogs (`push.steps.kind.<kind>`); another kind is shown as the server names it. */
const KINDS = new Set(['check', 'blob', 'manifest', 'index']);

/** The steps of a push, one row each, in the order they run; rows update in place as the stream reports them. */
export function StepList({ steps, isLive = false }: { steps: readonly PushStep[]; isLive?: boolean }) {
  const t = useTranslations('push.steps');
  return (
    <ol className="mt-2 space-y-1 text-xs" aria-label={t('label')} aria-live={isLive ? 'polite' : undefined}>
      {steps.map((step) => {
        const status = STATUS_MARK[step.status];
        return (
          <li key={step.step} className="flex items-start gap-2" data-status={step.status}>
            <span aria-hidden="true" className={`w-3 shrink-0 text-center font-bold ${status.className}`}>
              {status.mark}
            </span>
            <span className="sr-only">{t(`status.${step.status}`)}</span>
            <span className="w-24 shrink-0 text-zinc-600">{step.kind ? (KINDS.has(step.kind) ? t(`kind.${step.kind as 'blob'}`) : step.kind) : step.step}</span>
            {step.digest ? <code className="shrink-0 text-zinc-600">{shortDigest(step.digest)}</code> : null}
            <span className={`min-w-0 flex-1 ${step.status === 'failed' ? 'text-red-700' : 'text-zinc-800'}`}>{step.detail}</span>
          </li>
        );
      })}
    </ol>
  );
}
