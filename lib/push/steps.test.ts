import { describe, expect, it } from 'vitest';
import type { PushStep } from '@/lib/api/push';
import { MediaType } from '@/lib/oci/media-types';
import { flattenTransfers, plannedSteps, StepId, StepTracker } from './steps';
import type { ChildTransfer, RepoLocation } from './types';

const target = { registry: 'reg:5000', repository: 'team/app', tag: '1', reference: 'reg:5000/team/app:1' };
const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
const otherRepo: RepoLocation = { registry: 'reg:5000', repository: 'team/x86' };
const otherRegistry: RepoLocation = { registry: 'far:5000', repository: 'x' };
const child: ChildTransfer = { digest: digest(9), mediaType: MediaType.dockerManifest, bytes: new Uint8Array(3), from: otherRepo, blobs: [], children: [] };

describe('plannedSteps', () => {
  const steps = plannedSteps({
    target,
    base: digest(1),
    blobs: [
      { digest: digest(2), size: 10, mediaType: MediaType.dockerConfig, from: otherRepo },
      { digest: digest(3), size: 20, mediaType: MediaType.dockerLayerGzip, from: otherRegistry },
    ],
    manifests: [child],
    index: { digest: digest(4), mediaType: MediaType.dockerManifestList, size: 300 },
    isUnchanged: false,
  });

  it('lists checks, blobs, children, the re-check, the list and the log, in the order they run', () => {
    expect(steps.map((s) => s.step)).toEqual([
      StepId.checkTag,
      StepId.blob(digest(2)),
      StepId.blob(digest(3)),
      StepId.manifest(digest(9)),
      StepId.recheckTag,
      StepId.index,
      StepId.record,
    ]);
    expect(steps.every((s) => s.status === 'planned')).toBe(true);
  });

  it('mounts within a registry and copies across registries', () => {
    expect(steps.filter((s) => s.kind === 'blob').map((s) => s.action)).toEqual(['mount', 'copy']);
    expect(steps[2]!.detail).toContain('far:5000/x');
  });

  it('skips the list and the log when nothing changed', () => {
    const unchanged = plannedSteps({ target, base: digest(1), blobs: [], manifests: [], index: { digest: digest(1), mediaType: MediaType.ociIndex, size: 1 }, isUnchanged: true });
    expect(unchanged.filter((s) => s.status === 'skipped').map((s) => s.step)).toEqual([StepId.index, StepId.record]);
  });
});

describe('StepTracker', () => {
  it('reports every change and keeps the planned order with the last state of each step', () => {
    const seen: PushStep[] = [];
    const tracker = new StepTracker(
      [
        { step: 'a', status: 'planned', detail: 'first' },
        { step: 'b', status: 'planned', detail: 'second', kind: 'blob' },
      ],
      (step) => seen.push(step),
    );
    tracker.update('b', 'running');
    tracker.update('b', 'done', { detail: 'mounted', action: 'mount' });
    tracker.update('c', 'failed', { detail: 'extra' });
    expect(seen.map((s) => `${s.step}:${s.status}`)).toEqual(['b:running', 'b:done', 'c:failed']);
    expect(tracker.list()).toEqual([
      { step: 'a', status: 'planned', detail: 'first' },
      { step: 'b', status: 'done', detail: 'mounted', kind: 'blob', action: 'mount' },
      { step: 'c', status: 'failed', detail: 'extra' },
    ]);
  });
});

describe('flattenTransfers', () => {
  const from: RepoLocation = { registry: 'r', repository: 'src' };
  const blob = (n: number) => ({ digest: digest(n), size: n, mediaType: MediaType.ociLayerGzip, from });
  const child = (n: number, blobs: number[], children: ChildTransfer[] = []): ChildTransfer => ({
    digest: digest(1000 + n),
    mediaType: children.length ? MediaType.ociIndex : MediaType.ociManifest,
    bytes: new Uint8Array([n]),
    from,
    blobs: blobs.map(blob),
    children,
  });

  it('lists each blob once and each nested index after its children', () => {
    const a = child(1, [1, 2]);
    const b = child(2, [2, 3]);
    const nested = child(3, [], [a, b]);
    const { blobs, manifests } = flattenTransfers([nested, a, child(4, [1])]);
    expect(blobs.map((x) => x.size)).toEqual([1, 2, 3]);
    expect(manifests.map((m) => m.bytes[0])).toEqual([1, 2, 3, 4]);
  });
});
