import type { PushStep } from '@/lib/api/push';

/** Replaces a step by id (it progresses: running, then done or failed), or appends a step not planned. */
export function mergeStep(steps: readonly PushStep[], step: PushStep): PushStep[] {
  const at = steps.findIndex((existing) => existing.step === step.step);
  if (at === -1) return [...steps, step];
  return steps.map((existing, i) => (i === at ? step : existing));
}
