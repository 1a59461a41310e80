import 'server-only';
import type { z } from 'zod';
import { compareNames } from '@/lib/oci/tag-order';
import { registryError, type ClientContext } from './context';
import { readLimited } from './transport';

/*
 * Tags, the catalog and referrers page the same way: follow `Link: <url>; rel="next"` until there is none. Distribution
 * sends the link relative, so it is resolved against the URL of the page it came on; a short page is not the end.
 * A list is bounded as a whole, whatever its pages look like: at most ARCHWAY_MAX_LIST_NAMES names and
 * ARCHWAY_MAX_LIST_BYTES bytes across all pages, so an endless `next` link or huge pages end in a clear error
 * instead of memory growing until the process dies.
 */

/** No honest registry needs more pages than this; a loop of links must not run forever. */
const MAX_PAGES = 10_000;

/** What is left of the list's byte bound after `bytesRead`. */
function wholeListLimit(ctx: ClientContext, bytesRead: number): PageByteLimit {
  const { maxBytes } = ctx.listLimits;
  return { maxBytes: maxBytes - bytesRead, limitName: `ARCHWAY_MAX_LIST_BYTES, ${maxBytes} bytes across all pages` };
}

/** The `rel="next"` target of a Link header, resolved against the page's URL; null on the last page. */
export function nextPageUrl(link: string | null, pageUrl: string): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/s.exec(part);
    if (!match) continue;
    const rels = match[2]!
      .split(';')
      .map((param) => /^\s*rel\s*=\s*"?([^"]*)"?\s*$/i.exec(param)?.[1])
      .flatMap((value) => value?.toLowerCase().split(/\s+/) ?? []);
    if (rels.includes('next')) return new URL(match[1]!, pageUrl).toString();
  }
  return null;
}

export type PagedRequest = {
  firstTarget: string;
  scopes: string[];
  operation: string;
  headers?: Record<string, string>;
  /** Statuses besides 200 whose JSON body is still a page (a referrers 404 that carries an empty index). */
  alsoPageStatuses?: readonly number[];
};

/** A bound on the bytes of one page read: the bytes, and the setting to name when a page passes them. */
export type PageByteLimit = { maxBytes: number; limitName: string };

/**
 * One page: what `pick` takes from its JSON body (and headers), the URL of the next page (null on the last), and
 * the page's size in bytes. By default a page may be as large as a whole list (ARCHWAY_MAX_LIST_BYTES).
 */
export async function readPage<Page extends z.ZodType, Item = string>(
  ctx: ClientContext,
  request: PagedRequest,
  target: string,
  schema: Page,
  pick: (page: z.infer<Page>, headers: Headers) => Item[],
  limit: PageByteLimit = wholeListLimit(ctx, 0),
): Promise<{ items: Item[]; url: string; next: string | null; size: number }> {
  const spec = { method: 'GET' as const, target, scopes: request.scopes, operation: request.operation, headers: request.headers };
  return ctx.session.send(spec, async (response, url) => {
    if (response.status !== 200 && !request.alsoPageStatuses?.includes(response.status)) return ctx.session.fail(response, request.operation);
    const bytes = await readLimited(response, limit.maxBytes, { registry: ctx.registry, operation: request.operation, limitName: limit.limitName });
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      throw registryError(ctx, request.operation, 'invalid-response', 'the answer is not valid JSON', response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw registryError(ctx, request.operation, 'invalid-response', 'the answer does not have the expected shape', response.status);
    return { items: pick(parsed.data, response.headers), url, next: nextPageUrl(response.headers.get('link'), url), size: bytes.byteLength };
  });
}

/** Follows every page from `firstTarget`, collecting what `pick` takes from each page's JSON body (and headers). */
export async function collectPages<Page extends z.ZodType, Item = string>(
  ctx: ClientContext,
  request: PagedRequest,
  schema: Page,
  pick: (page: z.infer<Page>, headers: Headers) => Item[],
): Promise<Item[]> {
  const names: Item[] = [];
  const seen = new Set<string>();
  const { maxNames } = ctx.listLimits;
  let bytesRead = 0;
  let target: string | null = request.firstTarget;
  for (let pagesRead = 0; target !== null; pagesRead++) {
    if (pagesRead >= MAX_PAGES) throw registryError(ctx, request.operation, 'invalid-response', `more than ${MAX_PAGES} pages`);
    const page: { items: Item[]; url: string; next: string | null; size: number } = await readPage(ctx, request, target, schema, pick, wholeListLimit(ctx, bytesRead));
    bytesRead += page.size;
    if (names.length + page.items.length > maxNames) throw tooLong(ctx, request.operation, `more than ${maxNames} names (ARCHWAY_MAX_LIST_NAMES)`);
    for (const item of page.items) names.push(item);
    seen.add(page.url);
    target = page.next !== null && seen.has(page.next) ? null : page.next;
  }
  return names;
}

/** The error for a list that passed its bound: it says where the bound is set. */
function tooLong(ctx: ClientContext, operation: string, what: string) {
  return registryError(ctx, operation, 'invalid-response', `the registry listed ${what}; Archway stops reading there. Raise the setting if this list is real.`);
}

/** Archway's order for tags and repositories: natural (`1.9` before `1.10`), stable across locales, no duplicates. */
export function sortNames(names: string[]): string[] {
  return [...new Set(names)].sort(compareNames);
}
