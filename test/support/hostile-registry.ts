import type { IncomingMessage, ServerResponse } from 'node:http';
import { MediaType } from '@/lib/oci/media-types';
import type { Blob } from '@/scripts/lib/image-builder';
import { sendRegistryError, startFaultServer, type FaultServer } from './fault-server';
import { makeImage, makeIndex, type TestImage } from './images';

/*
 * A registry that behaves as badly as the world allows, for the tests of issue 8's bounds. One server, one
 * behaviour per repository name, so a test file starts it once:
 *   endless/*      tags, catalog-style pages and referrers with a `next` link that never ends (pageSize names each)
 *   huge/*         tag pages of hugePageBytes each, linking on forever
 *   wide/app       `latest` is an index of wideEntries images (each child and config served on demand)
 *   trickle/app    `latest` is an image whose layer trickles one byte every trickleMs (the Content-Length says
 *                  1 MiB); its manifest and config come at once, so a push from it gets as far as copying the layer
 *   slow/app       every manifest is answered after slowMs (the index `latest` and its children)
 *   limited/app    every request is answered 429 with `Retry-After: retryAfterSeconds`
 *   busy/app       503 with `Retry-After: retryAfterSeconds` once per manifest, then the answer
 * Plain images also live in `wide/app` (by digest), so the same server serves a good source for copies.
 */

export type HostileOptions = {
  pageSize?: number;
  hugePageBytes?: number;
  wideEntries?: number;
  trickleMs?: number;
  slowMs?: number;
  retryAfterSeconds?: number;
  /** The loopback address to listen on (127.0.0.1 unless told another of 127.0.0.0/8). */
  address?: string;
};

export type HostileRegistry = FaultServer & {
  /** The wide index (its digest, bytes) and a child image by position, for assertions. */
  wide: { index: Blob; image(position: number): TestImage };
  /** A blob digest served (trickling) under trickle/app. */
  trickleDigest: string;
  /** Requests whose path matches `pattern`, counted since the server started. */
  count(pattern: RegExp): number;
};

const MANIFEST = /^\/v2\/(.+)\/manifests\/([^/]+)$/;
const BLOB = /^\/v2\/(.+)\/blobs\/([^/]+)$/;
const TAGS = /^\/v2\/(.+)\/tags\/list$/;
const REFERRERS = /^\/v2\/(.+)\/referrers\/([^/]+)$/;

function sendDocument(res: ServerResponse, blob: Blob, method: string): void {
  res.writeHead(200, { 'content-type': blob.mediaType, 'content-length': String(blob.size), 'docker-content-digest': blob.digest });
  res.end(method === 'HEAD' ? undefined : Buffer.from(blob.bytes));
}

/** Starts the hostile registry on a free loopback port. */
export async function startHostileRegistry(opts: HostileOptions = {}): Promise<HostileRegistry> {
  const pageSize = opts.pageSize ?? 1000;
  const hugePageBytes = opts.hugePageBytes ?? 4 * 1024 * 1024;
  const trickleMs = opts.trickleMs ?? 1000;
  const slowMs = opts.slowMs ?? 2000;
  const retryAfterSeconds = opts.retryAfterSeconds ?? 120;

  // The wide index: wideEntries small images, made once; children and configs are served from this table.
  const images = Array.from({ length: opts.wideEntries ?? 10_000 }, (_, i) => makeImage({ os: 'linux', architecture: `arch${i}` }, `wide-${i}`));
  const byDigest = new Map<string, Blob>();
  for (const image of images) {
    byDigest.set(image.manifest.digest, image.manifest);
    byDigest.set(image.config.digest, image.config);
  }
  const wideIndex = makeIndex(images, MediaType.ociIndex);
  const slowImage = makeImage({ os: 'linux', architecture: 'amd64' }, 'slow');
  const slowIndex = makeIndex([slowImage]);
  for (const blob of [slowImage.manifest, slowImage.config]) byDigest.set(blob.digest, blob);
  const trickleImage = makeImage({ os: 'linux', architecture: 'amd64' }, 'trickle');
  for (const blob of [trickleImage.manifest, trickleImage.config]) byDigest.set(blob.digest, blob);
  const trickleDigest = trickleImage.layer.digest;
  const busyAnswered = new Set<string>();

  const endlessPage = (res: ServerResponse, url: URL, name: string, key: 'tags' | 'manifests') => {
    const page = Number(url.searchParams.get('page') ?? '0');
    const items = Array.from({ length: pageSize }, (_, i) =>
      key === 'tags' ? `t${page}-${i}` : { mediaType: MediaType.ociManifest, digest: `sha256:${String(page * pageSize + i).padStart(64, '0')}`, size: 1 },
    );
    const body = key === 'tags' ? { name, tags: items } : { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: items };
    res.writeHead(200, { 'content-type': 'application/json', link: `<${url.pathname}?page=${page + 1}>; rel="next"` });
    res.end(JSON.stringify(body));
  };

  const hugePage = (res: ServerResponse, url: URL, name: string) => {
    const page = Number(url.searchParams.get('page') ?? '0');
    // Tags as long as a tag may be (128 characters), so the page is all bytes and few names.
    const count = Math.floor(hugePageBytes / (128 + 3));
    const tags = Array.from({ length: count }, (_, i) => `${page}-${i}-`.padEnd(128, 'x'));
    res.writeHead(200, { 'content-type': 'application/json', link: `<${url.pathname}?page=${page + 1}>; rel="next"` });
    res.end(JSON.stringify({ name, tags }));
  };

  const trickle = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(1024 * 1024), 'docker-content-digest': trickleDigest });
    const timer = setInterval(() => res.write('x'), trickleMs);
    const stop = () => clearInterval(timer);
    req.on('close', stop);
    res.on('close', stop);
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://hostile');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const repo = (MANIFEST.exec(path) ?? BLOB.exec(path) ?? TAGS.exec(path) ?? REFERRERS.exec(path))?.[1] ?? '';
    const area = repo.split('/')[0];
    if (area === 'limited') return sendRegistryError(res, 429, 'TOOMANYREQUESTS', 'slow down', { 'retry-after': String(retryAfterSeconds) });
    if (TAGS.test(path) && area === 'endless') return endlessPage(res, url, repo, 'tags');
    if (TAGS.test(path) && area === 'huge') return hugePage(res, url, repo);
    if (REFERRERS.test(path) && area === 'endless') return endlessPage(res, url, repo, 'manifests');
    if (BLOB.test(path) && area === 'trickle' && !byDigest.has(BLOB.exec(path)![2]!)) return trickle(req, res);
    const manifest = MANIFEST.exec(path);
    if (manifest && area === 'busy' && !busyAnswered.has(path)) {
      busyAnswered.add(path);
      return sendRegistryError(res, 503, 'UNAVAILABLE', 'busy', { 'retry-after': String(retryAfterSeconds) });
    }
    if (manifest && area === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));
    const reference = manifest?.[2] ?? BLOB.exec(path)?.[2];
    const tagged = reference === 'latest' ? { wide: wideIndex, slow: slowIndex, busy: slowIndex, trickle: trickleImage.manifest }[area ?? ''] : undefined;
    const found = tagged ?? (reference ? byDigest.get(reference) : undefined);
    if (!found) return sendRegistryError(res, 404, manifest ? 'MANIFEST_UNKNOWN' : 'BLOB_UNKNOWN', 'unknown');
    sendDocument(res, found, method);
  };

  const server = await startFaultServer(handler, { address: opts.address });
  return {
    ...server,
    wide: { index: wideIndex, image: (position) => images[position]! },
    trickleDigest,
    count: (pattern) => server.requests.filter((r) => pattern.test(r.url)).length,
  };
}
