import 'server-only';
import pLimit from 'p-limit';
import { AppError } from '@/lib/api/errors';
import { toAppError } from '@/lib/api/error-mapping';
import type { PushResponse, TransferAction } from '@/lib/api/push';
import { copyBlob } from '@/lib/registry/blobs';
import { getRegistryClient } from '@/lib/registry/client';
import type { RegistryClient } from '@/lib/registry/types';
import { flattenTransfers, isSameRegistry, StepId, StepTracker } from './steps';
import { assertTagAt, tagDigest } from './target-tag';
import type { BlobTransfer, ChildTransfer, ClientFor, PushPlan, StepListener } from './types';

/** Blobs moved at once; the registry client bounds connections per registry as well. */
const BLOB_CONCURRENCY = 4;
const MANIFEST_CONCURRENCY = 4;

export type ExecuteOptions = {
  onStep?: StepListener;
  clientFor?: ClientFor;
  /** Runs right before the list's PUT (the audit log's write-ahead record); a failure leaves the tag alone. */
  beforeTagMove?: (tracker: StepTracker) => Promise<void>;
};

/** What a finished step reports besides its status. */
type StepOutcome = { detail: string; action?: TransferAction };

type Context = {
  plan: PushPlan;
  tracker: StepTracker;
  clientFor: ClientFor;
  target: RegistryClient;
  /** Set by the first failure: steps not started yet are not started at all. */
  failure: { error: AppError } | null;
};

/**
 * Runs a plan: the 409 check, blobs, child manifests (children before a nested index), a second tag check right
 * before the list is written (edge case 27), then the list by tag. Nothing touches the tag until that last PUT, so
 * any failure leaves it where it was; the error names the failed step.
 */
export async function executePush(plan: PushPlan, options: ExecuteOptions = {}): Promise<PushResponse> {
  const clientFor = options.clientFor ?? getRegistryClient;
  const tracker = new StepTracker(plan.steps, options.onStep);
  const ctx: Context = { plan, tracker, clientFor, target: clientFor(plan.target.registry), failure: null };
  const { blobs, manifests } = flattenTransfers(plan.transfers);

  await runStep(ctx, StepId.checkTag, () => checkTag(ctx));
  await inParallel(ctx, blobs, BLOB_CONCURRENCY, (blob) => runStep(ctx, StepId.blob(blob.digest), () => transferBlob(ctx, blob)));
  await putChildren(ctx, manifests);
  await runStep(ctx, StepId.recheckTag, () => checkTag(ctx));
  if (!plan.isUnchanged) {
    await runStep(ctx, StepId.index, async () => {
      await options.beforeTagMove?.(tracker);
      return putIndex(ctx);
    }, () => tagAfterFailedPut(ctx));
  }

  return {
    digest: plan.index.digest,
    mediaType: plan.index.mediaType,
    size: plan.index.size,
    steps: tracker.list(),
    target: plan.target.reference,
    before: plan.base?.digest ?? null,
    dryRun: false,
    dropped: plan.dropped,
  };
}

/**
 * Runs one step, reporting it as running, then done (with what the action returns) or failed. `tagState` says
 * what a failure did to the tag: every step before the list's PUT leaves it alone.
 */
async function runStep(
  ctx: Context,
  id: string,
  action: () => Promise<string | StepOutcome>,
  tagState: () => Promise<string> = async () => `The tag ${ctx.plan.target.reference} was not changed.`,
): Promise<void> {
  if (ctx.failure) return;
  ctx.tracker.update(id, 'running');
  try {
    const outcome = await action();
    ctx.tracker.update(id, 'done', typeof outcome === 'string' ? { detail: outcome } : outcome);
  } catch (err) {
    const error = toAppError(err);
    ctx.tracker.update(id, 'failed', { detail: error.message });
    ctx.failure ??= { error: error.code === 'CONFLICT' ? conflictAt(ctx, id, error) : stepError(ctx, id, error, await tagState()) };
    throw ctx.failure.error;
  }
}

function conflictAt(ctx: Context, id: string, error: AppError): AppError {
  return new AppError('CONFLICT', error.message, { ...(error.details as object), step: id, steps: ctx.tracker.list() });
}

function stepError(ctx: Context, id: string, error: AppError, tagState: string): AppError {
  const message = `Push stopped at step "${id}": ${error.message} ${tagState}`;
  return new AppError(error.code, message, { step: id, steps: ctx.tracker.list(), cause: error.details });
}

/**
 * Where the tag points after its PUT failed: a lost answer (timeout, reset) may hide a write that happened, and
 * a registry that stored other bytes than sent has moved the tag anyway, so it is looked up rather than assumed.
 */
async function tagAfterFailedPut(ctx: Context): Promise<string> {
  const { target, base } = ctx.plan;
  const current = await tagDigest(ctx.target, target).catch(() => undefined);
  if (current === undefined) return `${target.reference} may have moved: check where it points before pushing again.`;
  if (current === (base?.digest ?? null)) return `The tag ${target.reference} was not changed.`;
  return current ? `${target.reference} now points at ${current}.` : `${target.reference} no longer exists.`;
}

/** Runs tasks with a bound, waits for every started one to settle, then rethrows the first failure. */
async function inParallel<T>(ctx: Context, items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  const limit = pLimit(concurrency);
  const results = await Promise.allSettled(items.map((item) => limit(() => (ctx.failure ? Promise.resolve() : task(item)))));
  if (ctx.failure) throw ctx.failure.error;
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** The tag must still point where the edit started (null: must not exist). */
async function checkTag(ctx: Context): Promise<string> {
  const { target, base } = ctx.plan;
  const current = await assertTagAt(ctx.target, target, base?.digest ?? null);
  return current ? `${target.reference} still points at ${current}` : `${target.reference} does not exist yet`;
}

/** Same registry: mount (a streamed copy when the registry declines); another registry: copy unless present. */
async function transferBlob(ctx: Context, blob: BlobTransfer): Promise<StepOutcome> {
  const { target } = ctx.plan;
  const present: StepOutcome = { action: 'present', detail: `already in ${target.repository}` };
  if (isSameRegistry(blob.from, target)) {
    const mounted = await ctx.target.mountBlob(target.repository, blob.digest, blob.from.repository);
    if (mounted === 'mounted') return { action: 'mount', detail: `mounted from ${blob.from.repository}` };
    if (mounted === 'exists') return present;
    await copyBlob(ctx.target, blob.from.repository, ctx.target, target.repository, blob.digest);
    return { action: 'copy', detail: `the registry declined the mount (202): copied ${blob.size} bytes from ${blob.from.repository}` };
  }
  if (await ctx.target.hasBlob(target.repository, blob.digest)) return present;
  await copyBlob(ctx.clientFor(blob.from.registry), blob.from.repository, ctx.target, target.repository, blob.digest);
  return { action: 'copy', detail: `copied ${blob.size} bytes from ${blob.from.registry}/${blob.from.repository}` };
}

/** Child manifests in parallel, each nested index only after its own children. */
async function putChildren(ctx: Context, manifests: readonly ChildTransfer[]): Promise<void> {
  const limit = pLimit(MANIFEST_CONCURRENCY);
  const started = new Map<string, Promise<void>>();
  const put = (child: ChildTransfer): Promise<void> => {
    const existing = started.get(child.digest);
    if (existing) return existing;
    const promise = Promise.all(child.children.map(put)).then(() =>
      limit(() => runStep(ctx, StepId.manifest(child.digest), () => putChild(ctx, child))),
    );
    started.set(child.digest, promise);
    return promise;
  };
  await Promise.allSettled(manifests.map(put));
  if (ctx.failure) throw ctx.failure.error;
}

/** A child by digest; the client refuses bytes that do not hash to it and a registry that stored other bytes. */
async function putChild(ctx: Context, child: ChildTransfer): Promise<string> {
  const { target } = ctx.plan;
  await ctx.target.putManifest(target.repository, child.digest, child.bytes, child.mediaType);
  return `child ${child.digest} is in ${target.repository}`;
}

/** The list by tag; the client checks the registry's Docker-Content-Digest against the sha256 of the bytes sent. */
async function putIndex(ctx: Context): Promise<string> {
  const { target, index } = ctx.plan;
  const { digest } = await ctx.target.putManifest(target.repository, target.tag, index.bytes, index.mediaType);
  return `${target.reference} now points at ${digest}`;
}
