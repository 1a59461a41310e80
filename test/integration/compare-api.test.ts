import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getCompare } from '@/app/api/v1/compare/route';
import { registryApi } from '@/e2e/fixtures/registry';
import { CompareResponse } from '@/lib/api/compare';
import { ErrorBody } from '@/lib/api/errors';
import { getRegistryClient } from '@/lib/registry/client';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { seedDemo, type SeedResult } from '@/scripts/lib/seed';

/*
 * GET /api/v1/compare against a real registry: the 48-entry list against an edited copy (an entry dropped, one
 * spelled x86_64, one pointing at another image, an annotation changed), a buildx list with attestations, and the
 * errors for a missing parameter or reference.
 */

let registry: RunningRegistry;
let seed: SeedResult<'many' | 'buildx' | 'golang'>;
let edited: string;

type Index = { manifests: { digest: string; platform?: Record<string, string> }[]; annotations?: Record<string, string> };

beforeAll(async () => {
  registry = await startRegistry();
  seed = await seedDemo(getRegistryClient(registry.host), { only: ['many', 'buildx', 'golang'] });
  const api = registryApi(registry.host);
  const original = await api.getManifest('demo/many', 'latest');
  const index = JSON.parse(new TextDecoder().decode(original.bytes)) as Index;
  const golang = JSON.parse(new TextDecoder().decode((await api.getManifest('demo/golang', 'alpine')).bytes)) as Index;
  // Every child must be in the repository: bring golang's s390x image over by its bytes and blobs (a mount would do
  // too, but the registry API's copyTag is the simplest honest way to get a manifest there).
  const s390x = golang.manifests.find((d) => d.platform?.architecture === 's390x')!;
  const child = await api.getManifest('demo/golang', s390x.digest);
  const blobs = JSON.parse(new TextDecoder().decode(child.bytes)) as { config: { digest: string }; layers: { digest: string }[] };
  for (const blob of [blobs.config, ...blobs.layers]) {
    const mount = await fetch(`${registry.url}/v2/demo/many/blobs/uploads/?mount=${blob.digest}&from=demo/golang`, { method: 'POST' });
    expect(mount.status).toBe(201);
  }
  await api.putManifest('demo/many', s390x.digest, child.bytes, child.mediaType);
  index.manifests = index.manifests
    .filter((d) => !(d.platform?.os === 'linux' && d.platform.architecture === 'riscv64'))
    .map((d) => {
      if (d.platform?.os === 'linux' && d.platform.architecture === 'amd64' && !d.platform.variant) return { ...d, platform: { ...d.platform, architecture: 'x86_64' } };
      if (d.platform?.os === 'linux' && d.platform.architecture === 's390x') return { ...s390x };
      return d;
    });
  index.annotations = { 'org.opencontainers.image.version': '2' };
  edited = `${registry.host}/demo/many:edited`;
  await api.putManifest('demo/many', 'edited', JSON.stringify(index), original.mediaType);
});

afterAll(async () => {
  await registry?.stop();
});

async function compare(a: string, b: string) {
  return getCompare(new NextRequest(`http://localhost/api/v1/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`));
}

describe('GET /api/v1/compare', () => {
  it('compares the 48-entry list with its edited copy, platform by platform', async () => {
    const response = await compare(seed.references.many, edited);
    expect(response.status).toBe(200);
    const result = CompareResponse.parse(await response.json());
    expect(result.a).toEqual({ reference: seed.references.many, digest: seed.digests.many });
    expect(result.b.reference).toBe(edited);
    expect(result.mediaType).toEqual({ a: result.mediaType.a, b: result.mediaType.a });
    expect(result.annotations).toEqual({ added: { 'org.opencontainers.image.version': '2' }, removed: {}, changed: {} });
    expect(result.platforms).toHaveLength(48);
    const byStatus = (status: string) => result.platforms.filter((row) => row.status === status).map((row) => row.platform);
    expect(byStatus('removed')).toEqual(['linux/riscv64']);
    expect(byStatus('changed')).toEqual(['linux/s390x']);
    expect(byStatus('added')).toEqual([]);
    expect(byStatus('same')).toHaveLength(46);
    const amd64 = result.platforms.find((row) => row.platform === 'linux/amd64')!;
    expect(amd64).toMatchObject({ status: 'same', written: { a: 'linux/amd64', b: 'linux/x86_64' } });
    expect(amd64.a?.created).toBe('2024-06-01T12:00:00Z');
    const s390x = result.platforms.find((row) => row.platform === 'linux/s390x')!;
    expect(s390x.a?.digest).not.toBe(s390x.b?.digest);
  });

  it('pairs attestations with their image', async () => {
    const result = CompareResponse.parse(await (await compare(seed.references.buildx, seed.references.buildx)).json());
    expect(result.platforms.map((row) => [row.platform, row.status, row.attestations?.map((a) => a.status)])).toEqual([
      ['linux/amd64', 'same', ['same']],
      ['linux/arm64', 'same', ['same']],
    ]);
  });

  it('says which parameter is missing, and which reference is unknown', async () => {
    const missing = await getCompare(new NextRequest(`http://localhost/api/v1/compare?a=${encodeURIComponent(seed.references.golang)}`));
    expect(missing.status).toBe(400);
    expect(ErrorBody.parse(await missing.json()).error.message).toContain('?b=');
    const unknown = await compare(seed.references.golang, `${registry.host}/demo/golang:nope`);
    expect(unknown.status).toBe(404);
  });
});
