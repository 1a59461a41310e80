import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as getReferrers } from '@/app/api/v1/referrers/route';
import { ErrorBody } from '@/lib/api/errors';
import { ReferrersResponse } from '@/lib/api/referrers';
import { MediaType } from '@/lib/oci/media-types';
import { getRegistryClient } from '@/lib/registry/client';
import { buildImage, pushImage, type Image } from '@/scripts/lib/image-builder';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { buildReferrer, COSIGN_SIGNATURE, pushReferrersWithTagSchema, REFERRER_CREATED, type Referrer } from '@/e2e/fixtures/referrers';
import { startFaultServer, type FaultServer } from '@/test/support/fault-server';

/*
 * Referrers of a manifest: distribution 2.8.2 has no referrers API (its 404 is plain text), so what a signer
 * pushed under the `sha256-<hex>` tag is found instead; a fake registry that has the API pages its answer with a
 * relative Link and says when it filtered. The route is called as the browser calls it.
 */

const REPOSITORY = 'demo/referrers';
const SPDX = 'application/spdx+json';

let registry: RunningRegistry;
let signed: Image;
let unsigned: Image;
let signature: Referrer;
let sbom: Referrer;

beforeAll(async () => {
  registry = await startRegistry();
  const client = getRegistryClient(registry.host);
  signed = buildImage({ platform: { os: 'linux', architecture: 'amd64' }, format: 'oci', salt: 'referrers-signed' });
  unsigned = buildImage({ platform: { os: 'linux', architecture: 'arm64' }, format: 'oci', salt: 'referrers-unsigned' });
  await pushImage(client, REPOSITORY, signed, 'signed');
  await pushImage(client, REPOSITORY, unsigned, 'unsigned');
  signature = buildReferrer(signed.manifest, COSIGN_SIGNATURE, 'signature');
  sbom = buildReferrer(signed.manifest, SPDX, 'sbom');
  await pushReferrersWithTagSchema(client, REPOSITORY, signed.manifest, [signature, sbom]);
});

afterAll(async () => {
  await registry?.stop();
});

describe('listReferrers on distribution 2.8.2 (no referrers API)', () => {
  it('finds what the sha256-<hex> tag index lists, with artifactType and annotations', async () => {
    const result = await getRegistryClient(registry.host).listReferrers(REPOSITORY, signed.manifest.digest);
    expect(result.source).toBe('tag-schema');
    expect(result.filtersApplied).toBe(false);
    expect(result.manifests.map((d) => [d.digest, d.artifactType])).toEqual([
      [signature.manifest.digest, COSIGN_SIGNATURE],
      [sbom.manifest.digest, SPDX],
    ]);
    expect(result.manifests[0]!.annotations).toEqual({ 'org.opencontainers.image.created': REFERRER_CREATED });
  });

  it('filters by artifactType itself, since the tag index cannot', async () => {
    const result = await getRegistryClient(registry.host).listReferrers(REPOSITORY, signed.manifest.digest, { artifactType: SPDX });
    expect(result).toMatchObject({ source: 'tag-schema', filtersApplied: false });
    expect(result.manifests.map((d) => d.digest)).toEqual([sbom.manifest.digest]);
  });

  it('says none, with an empty list, for an image nothing refers to', async () => {
    expect(await getRegistryClient(registry.host).listReferrers(REPOSITORY, unsigned.manifest.digest)).toEqual({ source: 'none', filtersApplied: false, manifests: [] });
  });
});

describe('listReferrers on a registry with the referrers API', () => {
  let server: FaultServer;
  afterEach(async () => {
    await server?.stop();
  });

  it('follows the relative Link to the second page and reports OCI-Filters-Applied', async () => {
    const digest = signed.manifest.digest;
    const descriptor = (referrer: Referrer) => ({ mediaType: MediaType.ociManifest, digest: referrer.manifest.digest, size: referrer.manifest.size, artifactType: referrer.artifactType });
    server = await startFaultServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://registry');
      if (url.pathname !== `/v2/${REPOSITORY}/referrers/${digest}`) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('404 page not found');
        return;
      }
      const secondPage = url.searchParams.get('page') === '2';
      const headers: Record<string, string> = { 'content-type': MediaType.ociIndex };
      if (url.searchParams.has('artifactType')) headers['oci-filters-applied'] = 'artifactType';
      if (!secondPage) headers.link = `</v2/${REPOSITORY}/referrers/${digest}?${url.searchParams.toString()}&page=2>; rel="next"`;
      res.writeHead(200, headers);
      res.end(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [descriptor(secondPage ? sbom : signature)] }));
    });
    const client = getRegistryClient(server.host);

    const all = await client.listReferrers(REPOSITORY, digest);
    expect(all.source).toBe('api');
    expect(all.filtersApplied).toBe(false);
    expect(all.manifests.map((d) => d.digest)).toEqual([signature.manifest.digest, sbom.manifest.digest]);

    // This fake ignores the filter's value: a registry that says it filtered is trusted, not second-guessed.
    const filtered = await client.listReferrers(REPOSITORY, digest, { artifactType: COSIGN_SIGNATURE });
    expect(filtered).toMatchObject({ source: 'api', filtersApplied: true });
    expect(filtered.manifests).toHaveLength(2);
    expect(server.apiRequests().map((r) => r.url)).toContain(`/v2/${REPOSITORY}/referrers/${digest}?artifactType=${encodeURIComponent(COSIGN_SIGNATURE)}`);
    expect(server.apiRequests().every((r) => r.headers.accept === MediaType.ociIndex)).toBe(true);
  });

  it('takes a 404 that carries an OCI index as the API answering "none yet"', async () => {
    server = await startFaultServer((_req, res) => {
      res.writeHead(404, { 'content-type': MediaType.ociIndex });
      res.end(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [] }));
    });
    expect(await getRegistryClient(server.host).listReferrers(REPOSITORY, signed.manifest.digest)).toEqual({ source: 'api', filtersApplied: false, manifests: [] });
    expect(server.apiRequests().map((r) => r.url)).toEqual([`/v2/${REPOSITORY}/referrers/${signed.manifest.digest}`]);
  });
});

describe('GET /api/v1/referrers', () => {
  function referrers(query: string): Promise<Response> {
    return getReferrers(new NextRequest(`http://localhost/api/v1/referrers?${query}`));
  }

  it('takes a missing artifactType from the embedded manifest (data) only, never by fetching', async () => {
    const embedded = { mediaType: MediaType.ociManifest, digest: signature.manifest.digest, size: signature.manifest.size, data: Buffer.from(signature.manifest.bytes).toString('base64') };
    const bare = { mediaType: MediaType.ociManifest, digest: sbom.manifest.digest, size: sbom.manifest.size };
    const server = await startFaultServer((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.ociIndex });
      res.end(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [embedded, bare] }));
    });
    try {
      const body = ReferrersResponse.parse(await (await referrers(`ref=${server.host}/${REPOSITORY}@${signed.manifest.digest}`)).json());
      expect(body.referrers.map((r) => r.artifactType)).toEqual([COSIGN_SIGNATURE, null]);
      expect(server.apiRequests()).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it('answers the contract for a reference pinned by digest', async () => {
    const response = await referrers(`ref=${encodeURIComponent(`${registry.host}/${REPOSITORY}:signed@${signed.manifest.digest}`)}`);
    expect(response.status).toBe(200);
    const body = ReferrersResponse.parse(await response.json());
    expect(body.subject).toBe(`${registry.host}/${REPOSITORY}@${signed.manifest.digest}`);
    expect(body.source).toBe('tag-schema');
    expect(body.referrers).toEqual([
      { digest: signature.manifest.digest, mediaType: MediaType.ociManifest, artifactType: COSIGN_SIGNATURE, size: signature.manifest.size, annotations: signature.annotations },
      { digest: sbom.manifest.digest, mediaType: MediaType.ociManifest, artifactType: SPDX, size: sbom.manifest.size, annotations: sbom.annotations },
    ]);
  });

  it('passes artifactType on and says none for an unsigned image', async () => {
    const filtered = ReferrersResponse.parse(await (await referrers(`ref=${registry.host}/${REPOSITORY}@${signed.manifest.digest}&artifactType=${encodeURIComponent(SPDX)}`)).json());
    expect(filtered.referrers.map((r) => r.digest)).toEqual([sbom.manifest.digest]);
    const none = ReferrersResponse.parse(await (await referrers(`ref=${registry.host}/${REPOSITORY}@${unsigned.manifest.digest}`)).json());
    expect(none).toMatchObject({ source: 'none', referrers: [] });
  });

  it('asks for a digest when the reference has only a tag, and for a ref when there is none', async () => {
    const byTag = await referrers(`ref=${registry.host}/${REPOSITORY}:signed`);
    expect(byTag.status).toBe(400);
    expect(ErrorBody.parse(await byTag.json()).error.message).toMatch(/pin the reference/);
    const missing = await referrers('');
    expect(missing.status).toBe(400);
    expect(ErrorBody.parse(await missing.json()).error.message).toMatch(/\?ref=/);
  });
});
