import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getHistory } from '@/app/api/v1/history/route';
import { POST as postPush } from '@/app/api/v1/push/route';
import { registryApi } from '@/e2e/fixtures/registry';
import { ErrorBody } from '@/lib/api/errors';
import { HistoryResponse, PushResponse, type PushRequest } from '@/lib/api/push';
import { closeAuditStores } from '@/lib/audit/log';
import { sha256Digest } from '@/lib/oci/digest';
import { getRegistryClient } from '@/lib/registry/client';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';
import { skopeoRaw } from '@/test/support/skopeo';

/*
 * Promote a list (issue 11 §3): a push whose only entry is a whole list with nothing edited writes the source's exact
 * bytes, after its children, attestations and blobs, to another repository or registry; the copy's digest is the
 * source's, as skopeo reads it. The 409 rule and the history hold as for any push; any edit still builds a new list.
 */

let registry: RunningRegistry;
let other: RunningRegistry;
let seed: SeedResult<'buildx' | 'ociAnnotated'>;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archway-copy-api-'));
  process.env.ARCHWAY_DATA_DIR = dataDir;
  [registry, other] = await Promise.all([startRegistry(), startRegistry()]);
  seed = await seedDemo(getRegistryClient(registry.host), { only: ['buildx', 'ociAnnotated'] });
});

afterAll(async () => {
  await Promise.all([registry?.stop(), other?.stop()]);
  await closeAuditStores();
  delete process.env.ARCHWAY_DATA_DIR;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const push = (body: PushRequest) =>
  postPush(new NextRequest('http://localhost/api/v1/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

async function pushed(body: PushRequest): Promise<PushResponse> {
  const response = await push(body);
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
  return PushResponse.parse(await response.json());
}

const copyOf = (source: string, target: string, base: string | null = null): PushRequest => ({ target, base, manifests: [{ source }] });

describe('POST /api/v1/push with one whole list and nothing edited', () => {
  it('copies the exact bytes to another registry, children, attestations and blobs first', async () => {
    const target = `${other.host}/promoted/buildx:prod`;
    const preview = await pushed({ ...copyOf(seed.references.buildx, target), dryRun: true });
    expect(preview.digest).toBe(seed.digests.buildx);
    const source = await registryApi(registry.host).getManifest('demo/buildx', 'latest');
    expect(preview.bytes).toBe(new TextDecoder().decode(source.bytes));
    expect(preview.steps.filter((s) => s.kind === 'manifest')).toHaveLength(4);
    expect(preview.steps.filter((s) => s.kind === 'blob').every((s) => s.action === 'copy')).toBe(true);

    const result = await pushed(copyOf(seed.references.buildx, target));
    expect(result.digest).toBe(seed.digests.buildx);
    const raw = await skopeoRaw(target);
    expect(sha256Digest(raw)).toBe(seed.digests.buildx);
    expect(Buffer.compare(raw, Buffer.from(source.bytes))).toBe(0);
    for (const entry of seed.entries.buildx) expect(await registryApi(other.host).tagDigest('promoted/buildx', entry.digest)).toBe(entry.digest);

    const history = await getHistory(new NextRequest(`http://localhost/api/v1/history?ref=${encodeURIComponent(target)}`));
    expect(HistoryResponse.parse(await history.json()).entries[0]).toMatchObject({ before: null, after: seed.digests.buildx });
  });

  it('copies within the registry (blobs mounted) and to another tag of the same repository', async () => {
    const elsewhere = await pushed(copyOf(seed.references.ociAnnotated, `${registry.host}/promoted/oci:1.0`));
    expect(elsewhere.digest).toBe(seed.digests.ociAnnotated);
    expect(elsewhere.steps.filter((s) => s.kind === 'blob').every((s) => s.action === 'mount' || s.action === 'present')).toBe(true);
    const sameRepository = await pushed(copyOf(seed.references.ociAnnotated, `${registry.host}/demo/oci-annotated:stable`));
    expect(sameRepository.digest).toBe(seed.digests.ociAnnotated);
    expect(sameRepository.steps.some((s) => s.kind === 'manifest' || s.kind === 'blob')).toBe(false);
    expect(sha256Digest(await skopeoRaw(`${registry.host}/demo/oci-annotated:stable`))).toBe(seed.digests.ociAnnotated);
  });

  it('answers 409 when the target tag exists, and replaces it when the base says where it was', async () => {
    const target = `${registry.host}/promoted/conflict:1`;
    await pushed(copyOf(seed.references.ociAnnotated, target));
    const conflict = await push(copyOf(seed.references.buildx, target));
    expect(conflict.status).toBe(409);
    expect(ErrorBody.parse(await conflict.json()).error.details).toMatchObject({ current: seed.digests.ociAnnotated });
    const replaced = await pushed(copyOf(seed.references.buildx, target, seed.digests.ociAnnotated));
    expect(replaced).toMatchObject({ digest: seed.digests.buildx, before: seed.digests.ociAnnotated });
  });

  it('builds a new list as soon as anything is edited', async () => {
    const annotated = await pushed({ ...copyOf(seed.references.buildx, `${registry.host}/promoted/edited:1`), annotations: { team: 'platform' } });
    expect(annotated.digest).not.toBe(seed.digests.buildx);
  });
});
