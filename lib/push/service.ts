import 'server-only';
import { AppError } from '@/lib/api/errors';
import type { HistoryAction, PushResponse } from '@/lib/api/push';
import { auditStore } from '@/lib/audit/log';
import { TagLockTimeout } from '@/lib/audit/store';
import { withTagLock } from '@/lib/audit/tag-lock';
import { logger } from '@/lib/observability/logger';
import { countPush } from '@/lib/observability/metrics';
import { getRegistryClient } from '@/lib/registry/client';
import { isDraining } from '@/lib/server/draining';
import { executePush } from './execute';
import { canonicalTagKey } from '@/lib/oci/registry-host';
import { tagDigest } from './target-tag';
import { StepId, StepTracker } from './steps';
import type { ClientFor, PushPlan, StepListener } from './types';

export type CommitOptions = {
  /** Who pushes, for the audit log: a verified identity or `anonymous` (lib/auth/identity.ts). */
  user: string;
  /** Who the registry saw: the user name of the credentials the push used, null when anonymous. */
  registryUser?: string | null;
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

/**
 * Executes a plan and records it in the audit log, written ahead: `pending` right before the list's PUT, then
 * `completed` or `failed`. A push that moved its tag is never left unrecorded: if the record cannot be written the
 * list is not pushed, and a record whose outcome was lost (a crash, a timeout) is settled later by reading the tag.
 * Pushes to one tag run one after another, on every replica sharing the audit store, so two edits from the same
 * base cannot both pass the tag check: the second gets a 409.
 */
export async function commitPush(plan: PushPlan, options: CommitOptions): Promise<PushResponse> {
  if (isDraining()) {
    throw new AppError('UNAVAILABLE', 'This Archway replica is shutting down; push again (another replica takes it).', { retryAfterSeconds: 1 });
  }
  try {
    const result = await withTagLock(canonicalTagKey(plan.target), () => executeAndRecord(plan, options));
    countPush('completed');
    return result;
  } catch (err) {
    countPush(err instanceof AppError && err.code === 'CONFLICT' ? 'conflict' : 'failed');
    if (err instanceof TagLockTimeout) {
      throw new AppError('UNAVAILABLE', `Another push to ${plan.target.reference} is still running: ${err.message}. Try again shortly.`, { retryAfterSeconds: 5 });
    }
    throw err;
  }
}

async function executeAndRecord(plan: PushPlan, options: CommitOptions): Promise<PushResponse> {
  if (plan.isUnchanged) return executePush(plan, options);
  const store = auditStore();
  const registryUser = options.registryUser ?? null;
  // The person, and the registry account the push acts as when it is someone's (`alice as writer at reg:5000`).
  const who = registryUser ? `${options.user} as ${registryUser} at ${plan.target.registry}` : options.user;
  let recordId: number | undefined;
  const beforeTagMove = async (tracker: StepTracker) => {
    recordId = await store.begin({ user: options.user, registryUser, action: options.action ?? 'push', target: plan.target.reference, before: plan.base, after: plan.index });
    tracker.update(StepId.record, 'running', { kind: 'record', detail: `recorded in the audit log as pending, pushed by ${who}` });
  };
  let result: PushResponse;
  try {
    result = await executePush(plan, { ...options, beforeTagMove });
  } catch (err) {
    if (recordId !== undefined) await settleAfterFailure(plan, options, recordId);
    throw err;
  }
  const tracker = new StepTracker(result.steps, options.onStep);
  try {
    await store.settle(recordId!, 'completed');
    tracker.update(StepId.record, 'done', { kind: 'record', detail: `recorded in the audit log as pushed by ${who}` });
  } catch (err) {
    logger.error({ err: (err as Error)?.message, target: plan.target.reference }, 'audit log: could not mark a push completed');
    tracker.update(StepId.record, 'failed', {
      kind: 'record',
      detail: `the push succeeded; its audit record stays pending until Archway reads the tag again (${String(err)})`,
    });
  }
  return { ...result, steps: tracker.list() };
}

/** After a failed push whose record was written: the tag says whether the list landed; unknown stays pending. */
async function settleAfterFailure(plan: PushPlan, options: CommitOptions, recordId: number): Promise<void> {
  const client = (options.clientFor ?? getRegistryClient)(plan.target.registry);
  const current = await tagDigest(client, plan.target).catch(() => undefined);
  if (current === undefined) return;
  await auditStore()
    .settle(recordId, current === plan.index.digest ? 'completed' : 'failed')
    .catch((err: unknown) => logger.error({ err: (err as Error)?.message, recordId }, 'audit log: could not settle a failed push'));
}
