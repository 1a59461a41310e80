import type { IncomingMessage, ServerResponse } from 'node:http';
import { forward, relay, startProxy } from './forwarding-proxy';
import type { LoopbackServer } from './loopback-server';

/*
 * distribution 2.8.2 never pages tags (real-components.md §2), so this proxy sits in front of a real registry and
 * pages `GET /v2/<name>/tags/list` the way distribution 3 and Docker Hub do: a relative `Link: <...>; rel="next"`
 * and `?n=&last=`. It can also serve a short page that still has a Link (a short page is not the end), and
 * records the tag-list URLs it served. Every other request is passed through untouched, auth headers included.
 */

export type PagingProxyOptions = {
  upstream: string;
  pageSize: number;
  /** 0-based page numbers served with one tag fewer than pageSize, still linking on. */
  shortPages?: number[];
};

export type PagingProxy = LoopbackServer & { pagesServed: string[] };

const TAGS_LIST = /^\/v2\/(.+)\/tags\/list$/;

/** Starts the paging proxy on a free loopback port. */
export async function startPagingProxy(opts: PagingProxyOptions): Promise<PagingProxy> {
  const pagesServed: string[] = [];
  const shortPages = new Set(opts.shortPages ?? []);

  async function servePage(req: IncomingMessage, res: ServerResponse, name: string, url: URL): Promise<void> {
    const upstream = await forward(opts.upstream, req, `/v2/${name}/tags/list`, Buffer.alloc(0));
    if (upstream.status !== 200) return relay(upstream, res);
    const { tags } = (await upstream.json()) as { tags: string[] | null };
    const all = [...(tags ?? [])].sort();
    const last = url.searchParams.get('last');
    const n = Number(url.searchParams.get('n') ?? opts.pageSize);
    const start = last === null ? 0 : all.findIndex((tag) => tag > last);
    const pageNumber = pagesServed.filter((p) => p.startsWith(`/v2/${name}/`)).length;
    const size = shortPages.has(pageNumber) ? Math.max(1, n - 1) : n;
    const page = start < 0 ? [] : all.slice(start, start + size);
    pagesServed.push(`${url.pathname}${url.search}`);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const end = start < 0 ? all.length : start + page.length;
    if (end < all.length) {
      headers.link = `</v2/${name}/tags/list?last=${encodeURIComponent(page.at(-1)!)}&n=${n}>; rel="next"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify({ name, tags: page }));
  }

  const server = await startProxy(async ({ req, url, body }, res) => {
    const tags = TAGS_LIST.exec(url.pathname);
    if (tags && req.method === 'GET') return servePage(req, res, tags[1]!, url);
    return relay(await forward(opts.upstream, req, req.url ?? '/', body), res);
  });
  return { ...server, pagesServed };
}
