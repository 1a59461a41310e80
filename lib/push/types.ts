import type { PushStep } from '@/lib/api/push';
import type { RecordedManifest } from '@/lib/audit/log';
import type { ClientFor } from '@/lib/registry/types';

/** A repository on a registry, as written in references. */
export type RepoLocation = { registry: string; repository: string };

/** A blob a child manifest references, to be mounted or copied into the target repository. */
export type BlobTransfer = { digest: string; size: number; mediaType: string; from: RepoLocation };

/** A child manifest from another repository or registry, written by digest into the target before the index. */
export type ChildTransfer = {
  digest: string;
  mediaType: string;
  /** The exact bytes read from the source: a child is never re-serialised. */
  bytes: Uint8Array;
  from: RepoLocation;
  /** Config and layers of an image manifest (foreign layers, which are never pushed, excluded). */
  blobs: BlobTransfer[];
  /** The children of a nested index, written before it. */
  children: ChildTransfer[];
};

/** The tag a push writes: where, and its canonical reference (`registry/repository:tag`). */
export type PushTarget = RepoLocation & { tag: string; reference: string };

/** Everything a push will do, decided before anything is written. */
export type PushPlan = {
  target: PushTarget;
  /** What the tag pointed to when the edit started (null for a new tag), with its bytes for the audit log. */
  base: RecordedManifest | null;
  /** The new list, serialised once: these bytes are hashed, pushed and logged. */
  index: RecordedManifest & { size: number };
  transfers: ChildTransfer[];
  /** What a media type conversion dropped, one line each. */
  dropped: string[];
  /** True when the new bytes are the base's: nothing to push. */
  isUnchanged: boolean;
  /** The steps in the order they will run, all `planned`. */
  steps: PushStep[];
};

/** How lib/push reaches registries; the default is the server-wide client per registry. */
export type { ClientFor };

export type StepListener = (step: PushStep) => void;
