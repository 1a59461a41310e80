import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getManifest } from '@/app/api/v1/manifest/route';
import { ErrorBody } from '@/lib/api/errors';
import { MediaType } from '@/lib/oci/media-types';
import { startFaultServer, type FaultServer } from '@/test/support/fault-server';
import { makeImage } from '@/test/support/images';

/*
 * GET /api/v1/manifest serves a registry's bytes from Archway's own origin, so what the registry says the bytes are
 * must not turn them into a page: a registry that calls its "manifest" text/html must not get script run here.
 */

const image = makeImage({ os: 'linux', architecture: 'amd64' }, 'manifest-api');
const page = Buffer.from(JSON.stringify({ mediaType: 'text/html', schemaVersion: 2, x: '<script>alert(document.cookie)</script>' }));
let registry: FaultServer;

beforeAll(async () => {
  registry = await startFaultServer((req, res) => {
    const isPage = req.url?.includes('/page/');
    res.writeHead(200, { 'content-type': isPage ? 'text/html' : MediaType.dockerManifest });
    res.end(isPage ? page : image.manifest.bytes);
  });
});

afterAll(async () => {
  await registry?.stop();
});

const get = (ref: string) => getManifest(new NextRequest(`http://localhost/api/v1/manifest?ref=${encodeURIComponent(ref)}`));

describe('GET /api/v1/manifest', () => {
  it('passes the exact bytes on with their media type and digest, marked as data only', async () => {
    const response = await get(`${registry.host}/team/app:1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(MediaType.dockerManifest);
    expect(response.headers.get('docker-content-digest')).toBe(image.manifest.digest);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(image.manifest.bytes))).toBe(true);
  });

  it('does not serve what a registry labels text/html as a page of Archway', async () => {
    const response = await get(`${registry.host}/page/app:1`);
    expect(response.headers.get('content-type')).not.toContain('html');
    expect(response.status).toBe(422);
    expect(ErrorBody.parse(await response.json()).error.message).toContain('text/html');
  });
});
