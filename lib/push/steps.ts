import type { PushStep, PushStepStatus } from '@/lib/api/push';
import type { BlobTransfer, ChildTransfer, RepoLocation, StepListener } from './types';

/**
 * The state of a push's steps: each one keeps its place in the planned order and is reported to the listener
 * every time it changes, so a stream shows progress while the final response lists the last state of each.
 */
export class StepTracker {
  private readonly steps = new Map<string, PushStep>();

  constructor(
    planned: readonly PushStep[],
    private readonly onStep: StepListener = () => {},
  ) {
    for (const step of planned) this.steps.set(step.step, { ...step });
  }

  /** Sets a step's status (and detail or extra fields); steps not planned are appended. */
  update(id: string, status: PushStepStatus, changes: Partial<Omit<PushStep, 'step' | 'status'>> = {}): void {
    const previous = this.steps.get(id);
    const step: PushStep = { ...(previous ?? { detail: '' }), ...changes, step: id, status };
    this.steps.set(id, step);
    this.onStep(step);
  }

  /** The last state of every step, in planned order. */
  list(): PushStep[] {
    return [...this.steps.values()];
  }
}

/** Stable step ids: a UI keys its rows on them. */
export const StepId = {
  checkTag: 'check-tag',
  recheckTag: 'recheck-tag',
  index: 'index',
  record: 'record',
  blob: (digest: string) => `blob ${digest}`,
  manifest: (digest: string) => `manifest ${digest}`,
} as const;

type PlannedStepsInput = {
  target: RepoLocation & { tag: string; reference: string };
  base: string | null;
  blobs: readonly BlobTransfer[];
  manifests: readonly ChildTransfer[];
  index: { digest: string; mediaType: string; size: number };
  isUnchanged: boolean;
};

/** Same registry: a blob is mounted, not copied. */
export const isSameRegistry = (a: RepoLocation, b: RepoLocation) => a.registry === b.registry;
const where = (from: RepoLocation, target: RepoLocation) =>
  isSameRegistry(from, target) ? from.repository : `${from.registry}/${from.repository}`;

/** Every step of a push in the order it runs, all `planned`: what a dry run shows for review. */
export function plannedSteps(input: PlannedStepsInput): PushStep[] {
  const { target } = input;
  const tagCheck = input.base ? `${target.reference} must still point at ${input.base}` : `${target.reference} must not exist yet`;
  return [
    { step: StepId.checkTag, status: 'planned', kind: 'check', detail: tagCheck },
    ...input.blobs.map((blob): PushStep => {
      const isMount = isSameRegistry(blob.from, target);
      return {
        step: StepId.blob(blob.digest),
        status: 'planned',
        kind: 'blob',
        digest: blob.digest,
        action: isMount ? 'mount' : 'copy',
        size: blob.size,
        detail: `${isMount ? 'mount' : 'copy'} ${blob.mediaType} (${blob.size} bytes) from ${where(blob.from, target)}`,
      };
    }),
    ...input.manifests.map(
      (child): PushStep => ({
        step: StepId.manifest(child.digest),
        status: 'planned',
        kind: 'manifest',
        digest: child.digest,
        size: child.bytes.length,
        detail: `put child manifest ${child.mediaType} from ${where(child.from, target)} by digest`,
      }),
    ),
    { step: StepId.recheckTag, status: 'planned', kind: 'check', detail: `${tagCheck}, checked again right before the list is written` },
    {
      step: StepId.index,
      status: input.isUnchanged ? 'skipped' : 'planned',
      kind: 'index',
      digest: input.index.digest,
      size: input.index.size,
      detail: input.isUnchanged
        ? 'the list is unchanged: nothing to push'
        : `put the ${input.index.mediaType} (${input.index.size} bytes) to ${target.reference}`,
    },
    {
      step: StepId.record,
      status: input.isUnchanged ? 'skipped' : 'planned',
      kind: 'record',
      detail: 'record the push in the audit log, with the exact bytes before and after',
    },
  ];
}

/** The blobs (unique, first source wins) and child manifests (children before a nested index) a push must write. */
export function flattenTransfers(transfers: readonly ChildTransfer[]): { blobs: BlobTransfer[]; manifests: ChildTransfer[] } {
  const blobs = new Map<string, BlobTransfer>();
  const manifests = new Map<string, ChildTransfer>();
  const visit = (transfer: ChildTransfer) => {
    if (manifests.has(transfer.digest)) return;
    for (const blob of transfer.blobs) if (!blobs.has(blob.digest)) blobs.set(blob.digest, blob);
    transfer.children.forEach(visit);
    manifests.set(transfer.digest, transfer);
  };
  transfers.forEach(visit);
  return { blobs: [...blobs.values()], manifests: [...manifests.values()] };
}
