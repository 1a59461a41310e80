import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryApi, uniqueTag } from '@/e2e/fixtures/registry';
import type { AppError } from '@/lib/api/errors';
import { toAppError } from '@/lib/api/error-mapping';
import type { PushRequest, PushResponse, PushStep } from '@/lib/api/push';
import { auditStore, closeAuditStores } from '@/lib/audit/log';
import { sha256Digest } from '@/lib/oci/digest';
import { MediaType } from '@/lib/oci/media-types';
import { parseManifest } from '@/lib/oci/parse';
import type { Descriptor, ImageIndex } from '@/lib/oci/schemas';
import { readHistory } from '@/lib/push/history';
import { commitPush, describePlan } from '@/lib/push/service';
import { planRegistryPush } from '@/lib/push/plan-registry-push';
import { revertTagInRegistry } from '@/lib/push/revert';
import { createRegistryClient, getRegistryClient } from '@/lib/registry/client';
import { RegistryError } from '@/lib/registry/errors';
import { buildImage, buildIndex, descriptorOf, jsonBlob, pushImage, pushIndex } from '@/scripts/lib/image-builder';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { pushImageMissingALayer } from '@/test/support/broken-source';
import { forward, relay, startProxy } from '@/test/support/forwarding-proxy';
import type { LoopbackServer } from '@/test/support/loopback-server';

/*
 * Issue 3's push flow against real distribution registries: same-repo edits, cross-repo assembly (mount),
 * assembly across two registries (copy), 409s, failures midway, dry runs, revert and the audit log.
 * The seeded tags are only read: a test that moves a tag moves a copy of its own (ownCopy), so no test depends on
 * which ran before it.
 */

let near: RunningRegistry;
let far: RunningRegistry;
let seedNear: SeedResult<'golang' | 'buildx' | 'wrongArch' | 'x8664' | 'arm64v8'>;
let seedFar: SeedResult<'buildx' | 'x8664'>;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archway-push-'));
  process.env.ARCHWAY_DATA_DIR = dataDir;
  [near, far] = await Promise.all([startRegistry(), startRegistry()]);
  seedNear = await seedDemo(getRegistryClient(near.host), { only: ['golang', 'buildx', 'wrongArch', 'x8664', 'arm64v8'] });
  seedFar = await seedDemo(getRegistryClient(far.host), { namespace: 'far', salt: 'far', only: ['buildx', 'x8664'] });
});

afterAll(async () => {
  await Promise.all([near?.stop(), far?.stop()]);
  await closeAuditStores();
  delete process.env.ARCHWAY_DATA_DIR;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function push(request: PushRequest, user = 'tester'): Promise<PushResponse> {
  const plan = await planRegistryPush(request);
  return request.dryRun ? describePlan(plan) : commitPush(plan, { user });
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return toAppError(err);
  }
  throw new Error('expected a failure');
}

async function tagDigest(registry: RunningRegistry, repository: string, tag: string): Promise<string | null> {
  return (await getRegistryClient(registry.host).headManifest(repository, tag))?.digest ?? null;
}

async function storedList(registry: RunningRegistry, repository: string, reference: string) {
  const response = await getRegistryClient(registry.host).getManifest(repository, reference);
  const parsed = parseManifest(response.bytes, response.mediaType);
  if (parsed.kind !== 'index') throw new Error(`${repository}:${reference} is not a list`);
  return { response, index: parsed.index as ImageIndex };
}

/** Every blob a child image references (config and layers). */
async function blobsOf(registry: RunningRegistry, repository: string, digest: string): Promise<string[]> {
  const response = await getRegistryClient(registry.host).getManifest(repository, digest);
  const parsed = parseManifest(response.bytes, response.mediaType);
  if (parsed.kind !== 'manifest') throw new Error(`${digest} is not an image`);
  return [parsed.manifest.config.digest, ...parsed.manifest.layers.map((l) => l.digest)];
}

const stepsOfKind = (steps: PushStep[], kind: PushStep['kind']) => steps.filter((s) => s.kind === kind);

/** A new tag of `repository` on the near registry pointing at `digest`: the reference, ready to edit. */
async function ownCopy(repository: string, digest: string): Promise<{ reference: string; tag: string }> {
  const tag = uniqueTag('copy');
  await registryApi(near.host).copyTag(repository, digest, tag);
  return { reference: `${near.host}/${repository}:${tag}`, tag };
}

describe('same-repo edit', () => {
  it('fixes the wrong-arch list in place, keeping the untouched entry byte for byte', async () => {
    const repo = `${near.host}/demo/wrong-arch`;
    const base = await storedList(near, 'demo/wrong-arch', seedNear.digests.wrongArch);
    const [armAsAmd64, x86, armv7] = base.index.manifests as [Descriptor, Descriptor, Descriptor];
    const { reference, tag } = await ownCopy('demo/wrong-arch', seedNear.digests.wrongArch);

    const result = await push({
      target: reference,
      base: seedNear.digests.wrongArch,
      manifests: [
        { source: `${repo}@${armAsAmd64.digest}`, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        { source: `${repo}@${x86.digest}`, platform: { os: 'linux', architecture: 'amd64' } },
        { source: `${repo}@${armv7.digest}` },
      ],
    });

    const stored = await storedList(near, 'demo/wrong-arch', tag);
    expect(stored.response.digest).toBe(result.digest);
    expect(sha256Digest(stored.response.bytes)).toBe(result.digest);
    expect(stored.response.mediaType).toBe(MediaType.dockerManifestList);
    expect(stored.index.manifests.map((d) => d.platform)).toEqual([
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'amd64' },
      armv7.platform,
    ]);
    expect(stored.index.manifests[2]).toStrictEqual(armv7);
    // Nothing to copy in the same repository: only the checks, the list and the log.
    expect(result.steps.map((s) => [s.step, s.status])).toEqual([
      ['check-tag', 'done'],
      ['recheck-tag', 'done'],
      ['index', 'done'],
      ['record', 'done'],
    ]);
    const [entry] = (await auditStore().history(reference));
    expect(entry).toMatchObject({ user: 'tester', action: 'push', before: seedNear.digests.wrongArch, after: result.digest });
  });

  it('refuses non-canonical names with the canonical suggestion, and a platform the config contradicts', async () => {
    const repo = `${near.host}/demo/golang`;
    const [amd64] = seedNear.entries.golang;
    const request = (platform: { os: string; architecture: string; variant?: string }, allowMismatch = false): PushRequest => ({
      target: seedNear.references.golang,
      base: seedNear.digests.golang,
      manifests: [{ source: `${repo}@${amd64!.digest}`, platform }],
      allowMismatch,
      dryRun: true,
    });
    const x86 = await failureOf(push(request({ os: 'linux', architecture: 'x86_64' })));
    expect(x86.code).toBe('UNPROCESSABLE');
    expect(x86.details).toMatchObject({ suggestion: { os: 'linux', architecture: 'amd64' } });
    expect((await failureOf(push(request({ os: 'Linux', architecture: 'amd64' })))).details).toMatchObject({ suggestion: { os: 'linux' } });
    expect((await failureOf(push(request({ os: 'linux', architecture: 'wasm' })))).code).toBe('UNPROCESSABLE');

    const mismatch = await failureOf(push(request({ os: 'linux', architecture: 'arm', variant: 'v7' })));
    expect(mismatch.code).toBe('UNPROCESSABLE');
    expect(mismatch.details).toMatchObject({ config: { os: 'linux', architecture: 'amd64' } });
    const allowed = await push(request({ os: 'linux', architecture: 'arm', variant: 'v7' }, true));
    expect(JSON.parse(allowed.bytes!).manifests[0].platform).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
  });

  it('removing a platform removes its attestation; the rest keeps its place', async () => {
    const repo = `${near.host}/demo/buildx`;
    const before = await storedList(near, 'demo/buildx', seedNear.digests.buildx);
    const [amd64, arm64, amd64Attestation] = before.index.manifests as [Descriptor, Descriptor, Descriptor, Descriptor];
    const { reference, tag } = await ownCopy('demo/buildx', seedNear.digests.buildx);
    const result = await push({ target: reference, base: seedNear.digests.buildx, manifests: [{ source: `${repo}@${amd64.digest}` }] });
    const after = await storedList(near, 'demo/buildx', tag);
    expect(after.response.digest).toBe(result.digest);
    expect(after.index.manifests).toStrictEqual([amd64, amd64Attestation]);
    expect(after.index.manifests.some((d) => d.digest === arm64.digest)).toBe(false);
  });
});

describe('cross-repo assembly (docker manifest create test x8664-test arm64v8-test)', () => {
  it('mounts every blob, puts the children by digest, then the list', async () => {
    const result = await push({
      target: `${near.host}/demo/test:latest`,
      base: null,
      manifests: [
        { source: seedNear.references.x8664 },
        { source: seedNear.references.arm64v8, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    });
    const blobSteps = stepsOfKind(result.steps, 'blob');
    expect(blobSteps.length).toBeGreaterThan(0);
    expect(blobSteps.every((s) => s.status === 'done' && s.action === 'mount')).toBe(true);
    expect(stepsOfKind(result.steps, 'manifest').map((s) => s.status)).toEqual(['done', 'done']);

    const stored = await storedList(near, 'demo/test', 'latest');
    expect(stored.response.digest).toBe(result.digest);
    expect(stored.response.mediaType).toBe(MediaType.dockerManifestList);
    expect(stored.index.manifests.map((d) => [d.digest, d.platform])).toEqual([
      [seedNear.digests.x8664, { os: 'linux', architecture: 'amd64' }],
      [seedNear.digests.arm64v8, { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    ]);
    const client = getRegistryClient(near.host);
    for (const digest of [seedNear.digests.x8664, seedNear.digests.arm64v8]) {
      for (const blob of await blobsOf(near, 'demo/x8664-test', digest).catch(() => blobsOf(near, 'demo/arm64v8-test', digest))) {
        expect(await client.hasBlob('demo/test', blob)).toBe(true);
      }
    }
  });
});

describe('a token-auth registry', () => {
  it('mounts across repositories with one token for the target (pull,push) and the source (pull)', async () => {
    const secured = await startRegistry({ auth: 'token' });
    try {
      const client = createRegistryClient(secured.host, { credentials: { kind: 'basic', username: 'archway', password: 'archway-secret' } });
      const clientFor = (registry: string) => (registry === secured.host ? client : getRegistryClient(registry));
      const seeded = await seedDemo(client, { only: ['x8664', 'arm64v8'] });
      const request: PushRequest = {
        target: `${secured.host}/demo/secured:latest`,
        base: null,
        manifests: [{ source: seeded.references.x8664 }, { source: seeded.references.arm64v8 }],
      };
      const result = await commitPush(await planRegistryPush(request, { clientFor }), { user: 'tester', clientFor });
      const blobSteps = stepsOfKind(result.steps, 'blob');
      expect(blobSteps.length).toBeGreaterThan(0);
      expect(blobSteps.every((s) => s.action === 'mount')).toBe(true);
      const mountScopes = secured.tokenServer!.requests.filter((r) => r.scopes.includes('repository:demo/secured:pull,push'));
      expect(mountScopes.some((r) => r.scopes.includes('repository:demo/x8664-test:pull'))).toBe(true);
      expect((await client.headManifest('demo/secured', 'latest'))?.digest).toBe(result.digest);
    } finally {
      await secured.stop();
    }
  });
});

describe('a registry that declines mounts', () => {
  /** A front for a real registry that turns every mount into a plain upload start (202), as registries without cross-repo mount do. */
  async function startMountDecliningProxy(upstream: string): Promise<LoopbackServer & { declined: () => number }> {
    let declined = 0;
    const server = await startProxy(async ({ req, url, body }, res) => {
      if (req.method === 'POST' && url.searchParams.has('mount')) {
        url.search = '';
        declined++;
      }
      await relay(await forward(upstream, req, `${url.pathname}${url.search}`, body), res);
    });
    return { ...server, declined: () => declined };
  }

  it('falls back to a streamed copy when the mount is answered with 202', async () => {
    const proxy = await startMountDecliningProxy(near.url);
    try {
      const result = await push({
        target: `${proxy.host}/demo/declined:1`,
        base: null,
        manifests: [{ source: `${proxy.host}/demo/x8664-test:latest` }],
      });
      const blobSteps = stepsOfKind(result.steps, 'blob');
      expect(proxy.declined()).toBe(blobSteps.length);
      expect(blobSteps.every((s) => s.action === 'copy' && s.status === 'done' && s.detail.includes('202'))).toBe(true);
      expect(await tagDigest(near, 'demo/declined', '1')).toBe(result.digest);
      for (const blob of await blobsOf(near, 'demo/x8664-test', seedNear.digests.x8664)) {
        expect(await getRegistryClient(near.host).hasBlob('demo/declined', blob)).toBe(true);
      }
    } finally {
      await proxy.stop();
    }
  });
});

describe('assembly across two registries', () => {
  it('copies blobs and child manifests; an index source gives the chosen platform with its attestation', async () => {
    const result = await push({
      target: `${near.host}/demo/assembled:1`,
      base: null,
      manifests: [
        { source: seedFar.references.buildx, platform: { os: 'linux', architecture: 'arm64' } },
        { source: seedFar.references.x8664 },
      ],
    });
    expect(stepsOfKind(result.steps, 'blob').every((s) => s.action === 'copy' && s.status === 'done')).toBe(true);

    const farBuildx = await storedList(far, 'far/buildx', seedFar.digests.buildx);
    const farArm64 = farBuildx.index.manifests[1]!;
    const farArm64Attestation = farBuildx.index.manifests[3]!;
    const stored = await storedList(near, 'demo/assembled', '1');
    expect(stored.response.mediaType).toBe(MediaType.ociIndex);
    expect(stored.index.manifests.map((d) => d.digest)).toEqual([farArm64.digest, seedFar.digests.x8664, farArm64Attestation.digest]);
    expect(stored.index.manifests[2]).toStrictEqual(farArm64Attestation);
    const client = getRegistryClient(near.host);
    for (const d of stored.index.manifests) {
      const child = await client.getManifest('demo/assembled', d.digest);
      expect(child.size).toBe(d.size);
    }
  });
});

describe('nested indexes and single images', () => {
  it('copies a nested index from another registry after its own children', async () => {
    const farClient = getRegistryClient(far.host);
    const inner = buildIndex({ format: 'oci', entries: [{ image: buildImage({ platform: { os: 'linux', architecture: 'mips64le' }, format: 'oci', salt: 'nested' }) }] });
    await pushIndex(farClient, 'far/nested', inner);
    const loose = buildImage({ platform: { os: 'linux', architecture: 'riscv64' }, format: 'oci', salt: 'nested' });
    await pushImage(farClient, 'far/nested', loose);
    const outer = jsonBlob(MediaType.ociIndex, {
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      manifests: [descriptorOf(inner.manifest), descriptorOf(loose.manifest, { platform: loose.platform })],
    });
    await farClient.putManifest('far/nested', 'outer', outer.bytes, outer.mediaType);

    const result = await push({ target: `${near.host}/demo/nested:1`, base: null, manifests: [{ source: `${far.host}/far/nested:outer` }] });
    const manifestSteps = stepsOfKind(result.steps, 'manifest').map((s) => s.digest);
    const innerChild = inner.children[0]!.manifest.digest;
    expect(manifestSteps.indexOf(innerChild)).toBeLessThan(manifestSteps.indexOf(inner.manifest.digest));
    const stored = await storedList(near, 'demo/nested', '1');
    expect(stored.index.manifests.map((d) => d.digest)).toEqual([inner.manifest.digest, loose.manifest.digest]);
    const nested = await storedList(near, 'demo/nested', inner.manifest.digest);
    expect(nested.response.digest).toBe(inner.manifest.digest);
    expect(await getRegistryClient(near.host).headManifest('demo/nested', innerChild)).not.toBeNull();
  });

  it('turns a tag that held a single image into a list, and reverts it back to the image (edge case 4)', async () => {
    const client = getRegistryClient(near.host);
    const single = buildImage({ platform: { os: 'linux', architecture: 'amd64' }, format: 'oci', salt: 'single' });
    const singleDigest = await pushImage(client, 'demo/single', single, 'latest');
    const target = `${near.host}/demo/single:latest`;
    const listed = await push({ target, base: singleDigest, manifests: [{ source: `${near.host}/demo/single@${singleDigest}` }] });
    expect(listed.before).toBe(singleDigest);
    const stored = await storedList(near, 'demo/single', 'latest');
    expect(stored.index.manifests).toEqual([
      { mediaType: MediaType.ociManifest, digest: singleDigest, size: single.manifest.size, platform: { os: 'linux', architecture: 'amd64' } },
    ]);

    const reverted = await revertTagInRegistry({ ref: target, digest: singleDigest, base: listed.digest }, { user: 'ann' });
    expect(reverted.mediaType).toBe(MediaType.ociManifest);
    expect(await tagDigest(near, 'demo/single', 'latest')).toBe(singleDigest);
  });
});

describe('conflicts and failures leave the tag where it was', () => {
  it('answers 409 with the current digest on a stale base, and writes nothing', async () => {
    const repo = `${near.host}/demo/golang`;
    const entries = seedNear.entries.golang;
    const { reference, tag } = await ownCopy('demo/golang', seedNear.digests.golang);
    const moved = await push({
      target: reference,
      base: seedNear.digests.golang,
      manifests: entries.slice(0, 5).map((e) => ({ source: `${repo}@${e.digest}` })),
    });
    const stale = await failureOf(
      push({
        target: reference,
        base: seedNear.digests.golang,
        manifests: [...entries.map((e) => ({ source: `${repo}@${e.digest}` })), { source: seedFar.references.x8664 }],
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.details).toMatchObject({ current: moved.digest, base: seedNear.digests.golang });
    expect(await tagDigest(near, 'demo/golang', tag)).toBe(moved.digest);
    const [farConfig] = await blobsOf(far, 'far/x8664-test', seedFar.digests.x8664);
    expect(await getRegistryClient(near.host).hasBlob('demo/golang', farConfig!)).toBe(false);
    expect((await auditStore().history(reference))).toHaveLength(1);

    const asNew = await failureOf(push({ target: reference, base: null, manifests: [] }));
    expect(asNew.code).toBe('CONFLICT');
    expect(asNew.details).toMatchObject({ current: moved.digest });
  });

  it('answers 409 when the tag moves between plan and push, before writing anything', async () => {
    const plan = await planRegistryPush({ target: `${near.host}/demo/race:latest`, base: null, manifests: [{ source: seedFar.references.x8664 }] });
    const racer = await push({ target: `${near.host}/demo/race:latest`, base: null, manifests: [{ source: seedNear.references.x8664 }] });
    const failure = await failureOf(commitPush(plan, { user: 'tester' }));
    expect(failure.code).toBe('CONFLICT');
    expect(failure.details).toMatchObject({ step: 'check-tag', current: racer.digest });
    const [farConfig] = await blobsOf(far, 'far/x8664-test', seedFar.digests.x8664);
    expect(await getRegistryClient(near.host).hasBlob('demo/race', farConfig!)).toBe(false);
  });

  it('checks the tag again right before the list is written (edge case 27)', async () => {
    const real = getRegistryClient(near.host);
    const target = `${near.host}/demo/late-race:latest`;
    const plan = await planRegistryPush({ target, base: null, manifests: [{ source: seedFar.references.x8664 }] });
    const rival = buildImage({ platform: { os: 'linux', architecture: 's390x' }, salt: 'rival' });
    let rivalDigest: string | null = null;
    // A real client whose child PUTs are followed by someone else moving the tag, as a concurrent push would.
    const racing = {
      ...real,
      async putManifest(repository: string, reference: string, bytes: Uint8Array, mediaType: string) {
        const result = await real.putManifest(repository, reference, bytes, mediaType);
        if (reference.startsWith('sha256:') && rivalDigest === null) rivalDigest = await pushImage(real, 'demo/late-race', rival, 'latest');
        return result;
      },
    };
    const clientFor = (registry: string) => (registry === near.host ? racing : getRegistryClient(registry));
    const failure = await failureOf(commitPush(plan, { user: 'tester', clientFor }));
    expect(failure.code).toBe('CONFLICT');
    expect(failure.details).toMatchObject({ step: 'recheck-tag', current: rivalDigest });
    expect(await tagDigest(near, 'demo/late-race', 'latest')).toBe(rivalDigest);
  });

  it('lets only one of two simultaneous pushes from the same base move the tag; the other gets 409', async () => {
    const target = `${near.host}/demo/simultaneous:latest`;
    const [first, second] = await Promise.all([
      planRegistryPush({ target, base: null, manifests: [{ source: seedNear.references.x8664 }] }),
      planRegistryPush({ target, base: null, manifests: [{ source: seedNear.references.arm64v8 }] }),
    ]);
    const outcomes = await Promise.allSettled([commitPush(first, { user: 'ann' }), commitPush(second, { user: 'bob' })]);
    const pushed = outcomes.filter((o): o is PromiseFulfilledResult<PushResponse> => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => toAppError(o.reason));
    expect(pushed).toHaveLength(1);
    expect(refused.map((e) => e.code)).toEqual(['CONFLICT']);
    expect(await tagDigest(near, 'demo/simultaneous', 'latest')).toBe(pushed[0]!.value.digest);
    expect((await auditStore().history(target))).toHaveLength(1);
  });

  it('says where the tag points after a failed list PUT, since the registry may have stored it', async () => {
    const real = getRegistryClient(near.host);
    const lostAnswer = new RegistryError({ message: `${near.host}: PUT manifest timed out`, registry: near.host, operation: 'PUT manifest', kind: 'timeout' });
    // The list reaches the registry but its answer is lost, as on a timeout after the bytes were sent.
    const slow = {
      ...real,
      async putManifest(repository: string, reference: string, bytes: Uint8Array, mediaType: string) {
        const result = await real.putManifest(repository, reference, bytes, mediaType);
        if (reference.startsWith('sha256:')) return result;
        throw lostAnswer;
      },
    };
    const clientFor = (registry: string) => (registry === near.host ? slow : getRegistryClient(registry));
    const plan = await planRegistryPush({ target: `${near.host}/demo/lost-answer:latest`, base: null, manifests: [{ source: seedNear.references.x8664 }] });
    const failure = await failureOf(commitPush(plan, { user: 'tester', clientFor }));
    expect(failure).toMatchObject({ code: 'TIMEOUT', details: { step: 'index' } });
    expect(failure.message).not.toContain('was not changed');
    expect(failure.message).toContain(`now points at ${plan.index.digest}`);
    expect(await tagDigest(near, 'demo/lost-answer', 'latest')).toBe(plan.index.digest);
    // The push moved the tag although it answered 504: its record, written ahead, says it completed.
    const [recorded] = await auditStore().history(`${near.host}/demo/lost-answer:latest`);
    expect(recorded).toMatchObject({ state: 'completed', after: plan.index.digest });

    // Refused before anything was stored: then the tag truly is unchanged.
    const refusing = { ...real, putManifest: async () => Promise.reject(new RegistryError({ message: 'refused', registry: near.host, operation: 'PUT manifest', kind: 'bad-request', status: 400 })) };
    const again = await planRegistryPush({ target: `${near.host}/demo/lost-answer:latest`, base: plan.index.digest, manifests: [{ source: seedNear.references.arm64v8 }] });
    const refused = await failureOf(commitPush(again, { user: 'tester', clientFor: (registry) => (registry === near.host ? refusing : getRegistryClient(registry)) }));
    expect(refused.message).toContain('was not changed');
  });

  it('records a list PUT the registry stores only after its answer was lost as failed, then as completed at the next history read', async () => {
    const real = getRegistryClient(near.host);
    const lostAnswer = new RegistryError({ message: `${near.host}: PUT manifest timed out`, registry: near.host, operation: 'PUT manifest', kind: 'timeout' });
    // The answer is lost before the registry has stored the list; it stores it a moment after the push gave up.
    let storeLate: (() => Promise<unknown>) | undefined;
    const late = {
      ...real,
      async putManifest(repository: string, reference: string, bytes: Uint8Array, mediaType: string) {
        if (reference.startsWith('sha256:')) return real.putManifest(repository, reference, bytes, mediaType);
        storeLate = () => real.putManifest(repository, reference, bytes, mediaType);
        throw lostAnswer;
      },
    };
    const target = `${near.host}/demo/late-landing:latest`;
    const plan = await planRegistryPush({ target, base: null, manifests: [{ source: seedNear.references.x8664 }] });
    const failure = await failureOf(commitPush(plan, { user: 'tester', clientFor: (registry) => (registry === near.host ? late : getRegistryClient(registry)) }));
    expect(failure).toMatchObject({ code: 'TIMEOUT', details: { step: 'index' } });
    // Read right after the failure, the tag had not moved: failed is what could be known then.
    expect((await auditStore().history(target))[0]).toMatchObject({ state: 'failed', after: plan.index.digest });

    await storeLate!();
    expect(await tagDigest(near, 'demo/late-landing', 'latest')).toBe(plan.index.digest);
    expect((await readHistory(target))[0]).toMatchObject({ state: 'completed', after: plan.index.digest });
  });

  it('stops at a blob the source lost, naming the step, and leaves the tag where it was', async () => {
    const { reference: broken, lostLayer: lost } = await pushImageMissingALayer(near.host, 'demo/broken', {
      platform: { os: 'linux', architecture: 'riscv64' },
      salt: 'lost-blob',
    });
    // The target already holds a list: the failed push must leave it there, not half-replaced.
    const target = `${near.host}/demo/broken-list:latest`;
    const before = await push({ target, base: null, manifests: [{ source: seedNear.references.x8664 }] });

    const steps: PushStep[] = [];
    const plan = await planRegistryPush({ target, base: before.digest, manifests: [{ source: seedNear.references.x8664 }, { source: broken }] });
    const failure = await failureOf(commitPush(plan, { user: 'tester', onStep: (s) => steps.push(s) }));
    expect(failure.details).toMatchObject({ step: `blob ${lost}` });
    expect(failure.message).toContain('was not changed');
    expect(steps.some((s) => s.step === 'index' && s.status !== 'planned')).toBe(false);
    expect(await tagDigest(near, 'demo/broken-list', 'latest')).toBe(before.digest);
    expect((await auditStore().history(target)).map((h) => h.after)).toEqual([before.digest]);
  });

  it('fails cleanly when the source registry dies between plan and push', async () => {
    const doomed = await startRegistry();
    try {
      const seeded = await seedDemo(getRegistryClient(doomed.host), { namespace: 'doomed', salt: 'doomed', only: ['x8664'] });
      const plan = await planRegistryPush({ target: `${near.host}/demo/orphan:latest`, base: null, manifests: [{ source: seeded.references.x8664 }] });
      await doomed.stop();
      const steps: PushStep[] = [];
      const failure = await failureOf(commitPush(plan, { user: 'tester', onStep: (s) => steps.push(s) }));
      expect(failure.details).toMatchObject({ step: expect.stringMatching(/^blob sha256:/) });
      expect(steps.some((s) => s.status === 'failed' && s.kind === 'blob')).toBe(true);
      expect(steps.some((s) => s.step === 'index' && s.status !== 'planned')).toBe(false);
      expect(await tagDigest(near, 'demo/orphan', 'latest')).toBeNull();
    } finally {
      await doomed.stop();
    }
  });
});

describe('dry run', () => {
  it('returns the exact bytes, their digest and the planned steps, and writes nothing', async () => {
    const request: PushRequest = {
      target: `${near.host}/demo/dry:latest`,
      base: null,
      manifests: [{ source: seedNear.references.arm64v8 }, { source: seedNear.references.x8664 }],
    };
    const dry = await push({ ...request, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(sha256Digest(new TextEncoder().encode(dry.bytes!))).toBe(dry.digest);
    expect(dry.steps.every((s) => s.status === 'planned')).toBe(true);
    expect(stepsOfKind(dry.steps, 'blob').every((s) => s.action === 'mount')).toBe(true);
    expect(await tagDigest(near, 'demo/dry', 'latest')).toBeNull();
    const [config] = await blobsOf(near, 'demo/arm64v8-test', seedNear.digests.arm64v8);
    expect(await getRegistryClient(near.host).hasBlob('demo/dry', config!)).toBe(false);
    expect((await auditStore().history(`${near.host}/demo/dry:latest`))).toEqual([]);

    const real = await push(request);
    expect(real.digest).toBe(dry.digest);
    expect(real.bytes).toBeUndefined();
  });
});

describe('revert', () => {
  /**
   * A golang list in a repository of the test's own (these tests delete manifests, which takes every tag on them
   * along), pushed once by Archway so the log knows both digests: `original`, then `edited` (four entries).
   */
  async function editedList(namespace: string) {
    const seeded = await seedDemo(getRegistryClient(near.host), { namespace, only: ['golang'] });
    const repository = `${namespace}/golang`;
    const ref = seeded.references.golang;
    const original = seeded.digests.golang;
    const sources = seeded.entries.golang.slice(0, 4).map((e) => ({ source: `${near.host}/${repository}@${e.digest}` }));
    const { digest: edited } = await push({ target: ref, base: original, manifests: sources });
    return { ref, repository, original, edited, entries: seeded.entries.golang };
  }

  it('points the tag back to an earlier digest and records it', async () => {
    const { ref, repository, original, edited } = await editedList('rev-back');
    const reverted = await revertTagInRegistry({ ref, digest: original, base: edited }, { user: 'ann' });
    expect(reverted).toMatchObject({ digest: original, restoredFromLog: false, before: edited });
    expect(await tagDigest(near, repository, 'alpine')).toBe(original);
    expect((await auditStore().history(ref)).map((h) => [h.action, h.user, h.before, h.after])).toEqual([
      ['revert', 'ann', edited, original],
      ['push', 'tester', original, edited],
    ]);
  });

  it('re-pushes the stored bytes when the registry lost the manifest', async () => {
    const { ref, repository, original, edited } = await editedList('rev-lost');
    await getRegistryClient(near.host).deleteManifest(repository, original);
    expect(await getRegistryClient(near.host).headManifest(repository, original)).toBeNull();

    const reverted = await revertTagInRegistry({ ref, digest: original, base: edited }, { user: 'ann' });
    expect(reverted.restoredFromLog).toBe(true);
    const stored = await storedList(near, repository, 'alpine');
    expect(stored.response.digest).toBe(original);
  });

  it('refuses, naming them, when children are gone; refuses stale bases and unknown digests', async () => {
    const { ref, repository, original, edited, entries } = await editedList('rev-refused');
    const gone = entries[5]!.digest;
    await getRegistryClient(near.host).deleteManifest(repository, gone);

    const missing = await failureOf(revertTagInRegistry({ ref, digest: original, base: edited }, { user: 'ann' }));
    expect(missing.code).toBe('UNPROCESSABLE');
    expect(missing.details).toEqual({ missing: [gone] });
    expect(missing.message).toContain(gone);
    expect(await tagDigest(near, repository, 'alpine')).toBe(edited);

    const stale = await failureOf(revertTagInRegistry({ ref, digest: original, base: original }, { user: 'ann' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.details).toMatchObject({ current: edited });
    const unknown = await failureOf(revertTagInRegistry({ ref, digest: `sha256:${'0'.repeat(64)}`, base: edited }, { user: 'ann' }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(await tagDigest(near, repository, 'alpine')).toBe(edited);
  });
});
