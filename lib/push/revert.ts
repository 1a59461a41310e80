import 'server-only';
import pLimit from 'p-limit';
import { AppError } from '@/lib/api/errors';
import type { PushStep, RevertRequest, RevertResponse } from '@/lib/api/push';
import { auditStore, type RecordedManifest } from '@/lib/audit/log';
import { sha256Digest } from '@/lib/oci/digest';
import { parseManifest, type ParsedManifest } from '@/lib/oci/parse';
import { getRegistryClient } from '@/lib/registry/client';
import type { RegistryClient } from '@/lib/registry/types';
import { commitPush } from './service';
import { pushedBlobs } from './sources';
import { plannedSteps } from './steps';
import { assertTagAt, parseTarget } from './target-tag';
import type { ClientFor, PushPlan, StepListener } from './types';

/** Children checked at once. */
const CHECK_CONCURRENCY = 8;

export type RevertOptions = { user: string; registryUser?: string | null; onStep?: StepListener; clientFor?: ClientFor };

type Target = PushPlan['target'];

/**
 * Points a tag back to a digest recorded in its audit log, if the tag is still at `base`. The stored bytes are put
 * by tag, so a registry that lost the manifest gets it back; if children are gone it refuses and names them.
 * The revert is recorded like a push.
 */
export async function revertTagInRegistry(request: RevertRequest, options: RevertOptions): Promise<RevertResponse> {
  const clientFor = options.clientFor ?? getRegistryClient;
  const target = parseTarget(request.ref);
  const client = clientFor(target.registry);
  const wanted = await recordedManifest(target, request.digest);

  const current = await assertTagAt(client, target, request.base);
  const before = current ? await currentManifest(client, target, current) : null;
  const isInRegistry = (await client.headManifest(target.repository, wanted.digest)) !== null;
  const missing = await missingChildren(client, target.repository, parseManifest(wanted.bytes, wanted.mediaType));
  if (missing.length > 0) {
    throw new AppError(
      'UNPROCESSABLE',
      `Cannot revert ${target.reference} to ${wanted.digest}: ${target.repository} no longer has ${missing.join(', ')}. Push those images again first.`,
      { missing },
    );
  }

  const isUnchanged = current === wanted.digest;
  const index = { ...wanted, size: wanted.bytes.length };
  const childCheck: PushStep = {
    step: 'check-children',
    status: 'done',
    kind: 'check',
    detail: isInRegistry
      ? `${target.repository} still has ${wanted.digest} and everything it references`
      : `the registry lost ${wanted.digest}: its bytes come from the audit log; everything it references is still there`,
  };
  const [tagCheck, ...rest] = plannedSteps({ target, base: current, blobs: [], manifests: [], index, isUnchanged });
  const plan: PushPlan = { target, base: before, index, transfers: [], dropped: [], isUnchanged, steps: [tagCheck!, childCheck, ...rest] };
  const result = await commitPush(plan, { ...options, clientFor, action: 'revert' });
  return { ...result, restoredFromLog: !isInRegistry };
}

/** The exact bytes of a digest the tag once pointed to, from the log, checked against the digest. */
async function recordedManifest(target: Target, digest: string): Promise<RecordedManifest> {
  const recorded = await auditStore().findManifest(target.reference, digest);
  if (!recorded) {
    throw new AppError('NOT_FOUND', `${digest} is not in the history of ${target.reference}: Archway can only revert to a digest it recorded.`);
  }
  if (sha256Digest(recorded.bytes) !== digest) {
    throw new AppError('INTERNAL', `The audit log's bytes for ${digest} do not hash to it; refusing to push them.`);
  }
  return recorded;
}

/** What the tag points at now, for the audit log: from the log when recorded there, else from the registry. */
async function currentManifest(client: RegistryClient, target: Target, digest: string): Promise<RecordedManifest> {
  const recorded = await auditStore().findManifest(target.reference, digest);
  if (recorded) return recorded;
  const response = await client.getManifest(target.repository, digest);
  return { digest: response.digest, mediaType: response.mediaType, bytes: response.bytes };
}

/** The children (of a list) or blobs (of an image) the repository no longer has. */
async function missingChildren(client: RegistryClient, repository: string, parsed: ParsedManifest): Promise<string[]> {
  const limit = pLimit(CHECK_CONCURRENCY);
  const checks =
    parsed.kind === 'index'
      ? parsed.index.manifests.map((d) => limit(async () => ((await client.headManifest(repository, d.digest)) ? null : d.digest)))
      : pushedBlobs(parsed.manifest).map((d) =>
          limit(async () => ((await client.hasBlob(repository, d.digest)) ? null : d.digest)),
        );
  return (await Promise.all(checks)).filter((digest): digest is string => digest !== null);
}
