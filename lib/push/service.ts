import 'server-only';
import type { HistoryAction, PushResponse } from '@/lib/api/push';
import { recordPush } from '@/lib/audit/log';
import { executePush } from './execute';
import { StepId, StepTracker } from './steps';
import type { ClientFor, PushPlan, StepListener } from './types';

export type CommitOptions = {
  /** Who pushes, for the audit log (see lib/audit/user.ts). */
  user: string;
  action?: HistoryAction;
  onStep?: StepListener;
  clientFor?: ClientFor;
};

/** A dry run's answer: the digest, the planned steps and the exact JSON, with nothing written. */
export function describePlan(plan: PushPlan): PushResponse {
  return {
    digest: plan.index.digest,
    mediaType: plan.index.mediaType,
    size: plan.index.size,
    steps: plan.steps,
    bytes: new TextDecoder().decode(plan.index.bytes),
    target: plan.target.reference,
    before: plan.base?.digest ?? null,
    dryRun: true,
    dropped: plan.dropped,
  };
}

// The push running for each tag in this process: the next one waits, so its tag check sees the first one's result.
const pushesByTag = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier push to the same tag (in this process) has finished. */
async function oneAtATime<T>(plan: PushPlan, fn: () => Promise<T>): Promise<T> {
  const { registry, repository, tag } = plan.target;
  const key = `${registry.toLowerCase()}/${repository}:${tag}`;
  const previous = pushesByTag.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(fn);
  pushesByTag.set(key, current);
  try {
    return await current;
  } finally {
    if (pushesByTag.get(key) === current) pushesByTag.delete(key);
  }
}

/**
 * Executes a plan and records it in the audit log (when the tag moved). The push has happened by the time it is
 * recorded, so a log failure is reported as a failed `record` step, not as a failed push. Pushes to one tag run
 * one after another, so two edits from the same base cannot both pass the tag check: the second gets a 409.
 */
export function commitPush(plan: PushPlan, options: CommitOptions): Promise<PushResponse> {
  return oneAtATime(plan, () => executeAndRecord(plan, options));
}

async function executeAndRecord(plan: PushPlan, options: CommitOptions): Promise<PushResponse> {
  const result = await executePush(plan, options);
  if (plan.isUnchanged) return result;
  const tracker = new StepTracker(result.steps, options.onStep);
  try {
    recordPush({ user: options.user, action: options.action ?? 'push', target: plan.target.reference, before: plan.base, after: plan.index });
    tracker.update(StepId.record, 'done', { kind: 'record', detail: `recorded in the audit log as pushed by ${options.user}` });
  } catch (err) {
    console.error('[archway] audit log write failed', err);
    tracker.update(StepId.record, 'failed', { kind: 'record', detail: `the push succeeded but the audit log could not record it: ${String(err)}` });
  }
  return { ...result, steps: tracker.list() };
}
