'use client';

import type { PushStep, PushStepStatus } from '@/lib/api/push';
import { shortDigest } from '@/lib/oci/digest';

const STATUS_MARK: Record<PushStepStatus, { mark: string; className: string; label: string }> = {
  planned: { mark: '○', className: 'text-zinc-600', label: 'planned' },
  running: { mark: '◐', className: 'text-indigo-600 animate-pulse', label: 'running' },
  done: { mark: '✓', className: 'text-emerald-600', label: 'done' },
  skipped: { mark: '–', className: 'text-zinc-600', label: 'skipped' },
  failed: { mark: '✕', className: 'text-red-600', label: 'failed' },
};

const KIND_LABEL: Record<string, string> = { check: 'Check', blob: 'Blob', manifest: 'Child manifest', index: 'Index' };

/** The steps of a push, one row each, in the order they run; rows update in place as the stream reports them. */
export function StepList({ steps, isLive = false }: { steps: readonly PushStep[]; isLive?: boolean }) {
  return (
    <ol className="mt-2 space-y-1 text-xs" aria-label="Push steps" aria-live={isLive ? 'polite' : undefined}>
      {steps.map((step) => {
        const status = STATUS_MARK[step.status];
        return (
          <li key={step.step} className="flex items-start gap-2" data-status={step.status}>
            <span aria-hidden="true" className={`w-3 shrink-0 text-center font-bold ${status.className}`}>
              {status.mark}
            </span>
            <span className="sr-only">{status.label}:</span>
            <span className="w-24 shrink-0 text-zinc-600">{step.kind ? (KIND_LABEL[step.kind] ?? step.kind) : step.step}</span>
            {step.digest ? <code className="shrink-0 text-zinc-600">{shortDigest(step.digest)}</code> : null}
            <span className={`min-w-0 flex-1 ${step.status === 'failed' ? 'text-red-700' : 'text-zinc-800'}`}>{step.detail}</span>
          </li>
        );
      })}
    </ol>
  );
}
