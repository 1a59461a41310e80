import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Agent, request as sendRequest } from 'undici';
import { z } from 'zod';
import { memoizeOnEnv } from '@/lib/config/env-memo';
import type { InspectResponse } from '@/lib/api/inspect';
import { logger } from '@/lib/observability/logger';
import { countPageCache } from '@/lib/observability/metrics';
import { newNonce } from './csp';

/*
 * The inspect page, rendered once and shared (issue 8's page load). A teammate's link is opened by many people at
 * once, and a render costs about 20 ms of the one thread every page shares: 50 readers of one list were answered at
 * 47 pages/s with a p99 of 1.3 s, most of it Next and React rendering the same HTML again. The page is a function of
 * its address, the visitor's language and theme, and the inspection's outcome, which the proxy has in hand before the
 * render (it sets the page's HTTP status from it). So the proxy keys rendered pages on exactly those, and concurrent
 * requests for one key wait for one render. Nothing of the visitor's identity is in the key, and it need not be: a
 * page is only served to a request whose own registry access produced the very outcome it was rendered from, so no
 * one is shown what their own access did not read. (test/lint/page-cache-inputs.test.ts fails when a page starts
 * reading another request input, so that the key is looked at again. Next itself reads one more, the User-Agent, to
 * render differently for crawlers and link previews: proxy.ts never keeps their pages.)
 *
 * Next renders a page only as the answer to an HTTP request and gives the proxy no way to read that answer, so a
 * miss asks this server itself, over loopback, for the page: marked with a per-process secret so that its proxy run
 * lets it straight through, carrying the visitor's headers (its cookies give the same language and theme), the
 * handed-off outcome, and a policy whose nonce is a random placeholder. Each visitor's copy has the placeholder
 * replaced by that response's own nonce, so every answer still carries a fresh, unguessable nonce.
 *
 * A page is kept from the second request for it within ARCHWAY_PAGE_CACHE_MS: the round trip to itself and the
 * keeping cost more than they save for a page asked for once (measured with a new address on every request: 33
 * pages/s kept from the first request against 47 rendered as before), so the first request for a key only notes it
 * (a bounded list of keys) and is rendered as any other.
 *
 * Bounded: ARCHWAY_PAGE_CACHE_MS (how long a page is reused; relative times such as "3 minutes ago" are at most this
 * old, and the tag is asked on every request, so a moved tag is a new key at once), ARCHWAY_PAGE_CACHE_BYTES
 * (the rendered pages kept). ARCHWAY_PAGE_CACHE_MS=0 renders every request, as before.
 */

const wholeNumber = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);
const Env = z.object({ ARCHWAY_PAGE_CACHE_MS: wholeNumber(10_000), ARCHWAY_PAGE_CACHE_BYTES: wholeNumber(32 * 1024 * 1024) });

export type PageCacheSettings = { ttlMs: number; maxBytes: number };

function parseSettings(env: Record<string, string | undefined>): PageCacheSettings {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid ${parsed.error.issues[0]?.path.join('.') ?? 'environment'}: expected a whole number (0 switches the page cache off).`);
  }
  // Off under `next dev`: the key has no build in it, and an edited page must show at once.
  const isDevelopment = env.NODE_ENV === 'development';
  return { ttlMs: isDevelopment ? 0 : parsed.data.ARCHWAY_PAGE_CACHE_MS, maxBytes: parsed.data.ARCHWAY_PAGE_CACHE_BYTES };
}

export const readPageCacheSettings = memoizeOnEnv(parseSettings);

/** A page as rendered (an HTML document), with the placeholder where each copy's nonce goes. */
export type RenderedPage = { html: string; headers: [name: string, value: string][]; placeholder: string };

/** What the page is a function of (besides the build): nothing else may go into a page that is shared. */
export type PageInputs = {
  /** The path and query exactly as asked. */
  path: string;
  locale: string;
  theme: string;
  isHttps: boolean;
  outcome: InspectResponse;
};

/** The cache key: a digest of every input, so a key is small whatever the list's size. */
export function pageKey({ path, locale, theme, isHttps, outcome }: PageInputs): string {
  return createHash('sha256').update(JSON.stringify([path, locale, theme, isHttps, outcome])).digest('base64url');
}

/**
 * A copy of a rendered page for one response: every placeholder becomes that response's nonce, in the HTML and in
 * the headers (React names the nonce in the `Link` preloads of the page's stylesheets).
 */
export function copyWithNonce(page: RenderedPage, nonce: string): { html: string; headers: [string, string][] } {
  return {
    html: page.html.replaceAll(page.placeholder, nonce),
    headers: page.headers.map(([name, value]) => [name, value.replaceAll(page.placeholder, nonce)]),
  };
}

/** The header that marks this server's own render request, carrying the process's secret. */
export const RENDER_HEADER = 'x-archway-page-render';

type State = {
  secret: string;
  agent: Agent;
  cache: LRUCache<string, RenderedPage, Render>;
  /** Keys asked for once within the page lifetime: the next request for one is rendered to keep. */
  seen: LRUCache<string, true>;
  settings: PageCacheSettings;
  hasWarned: boolean;
};

/** Keys noted as asked for once; a key is 43 characters, so this is about a megabyte at most. */
const MAX_SEEN_KEYS = 10_000;

/** How long a render for the cache may take to start answering, and between its chunks. */
const RENDER_TIMEOUT_MS = 15_000;
type Render = () => Promise<RenderedPage | undefined>;

// On globalThis: the proxy and the pages are separate bundles of one process, and both must see one secret.
const globalForPages = globalThis as typeof globalThis & { __archwayPageCache?: State };

function state(): State | null {
  const settings = readPageCacheSettings();
  if (settings.ttlMs === 0 || settings.maxBytes === 0) return null;
  const existing = globalForPages.__archwayPageCache;
  if (existing && existing.settings === settings) return existing;
  const cache = new LRUCache<string, RenderedPage, Render>({
    maxSize: settings.maxBytes,
    // UTF-16 in memory: two bytes a character, as near as it needs to be.
    sizeCalculation: (page) => Math.max(1, page.html.length * 2),
    ttl: settings.ttlMs,
    // One render for every request that asks while it runs; each caller passes the same render, so whose runs
    // does not matter.
    fetchMethod: (_key, _stale, { context }) => context(),
  });
  existing?.agent.destroy().catch(() => undefined);
  // Everyone asking for a key waits on its one render: it gets RENDER_TIMEOUT_MS, then they all render as usual.
  // Both address families are tried: Next records `localhost` for a server bound to every interface, which may
  // resolve to ::1 first where only IPv4 listens, and for one bound to `localhost`, which may be ::1 alone.
  const agent = new Agent({ connections: 64, headersTimeout: RENDER_TIMEOUT_MS, bodyTimeout: RENDER_TIMEOUT_MS, connect: { autoSelectFamily: true } });
  const seen = new LRUCache<string, true>({ max: MAX_SEEN_KEYS, ttl: settings.ttlMs });
  globalForPages.__archwayPageCache = { secret: existing?.secret ?? randomBytes(32).toString('base64url'), agent, cache, seen, settings, hasWarned: false };
  return globalForPages.__archwayPageCache;
}

/** True for this server's own render request (its proxy run lets it straight through). */
export function isOwnRenderRequest(headers: Headers): boolean {
  const sent = headers.get(RENDER_HEADER);
  const secret = globalForPages.__archwayPageCache?.secret;
  if (!sent || !secret) return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(secret)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Where this server listens, as Next's start-up recorded it once listening (`next start` and the standalone
 * server.js alike; no public API says it), else its PORT on loopback.
 */
export function ownOrigin(env: Record<string, string | undefined> = process.env): string | null {
  return env.__NEXT_PRIVATE_ORIGIN ?? (env.PORT ? `http://127.0.0.1:${env.PORT}` : null);
}

// Request headers not passed on to the render: the connection's own, what this module sets itself, and the App
// Router's own (Next keeps them from the proxy, but a render asked with them would be an RSC payload, not the page).
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'accept-encoding',
  'upgrade',
  'te',
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-url',
  RENDER_HEADER,
]);
// Response headers not kept with a page: the connection's own, per-response ones, and the policy and HSTS, which
// proxy.ts sets on every answer (the Link preloads name the nonce too: copyWithNonce gives them each copy's).
const NOT_KEPT = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'date',
  'set-cookie',
  'content-security-policy',
  'strict-transport-security',
]);

export type PageRequest = {
  /** What the page is a function of; its `path` is what the render asks for. */
  inputs: PageInputs;
  /** The visitor's request headers as the page would see them, with the handed-off outcome. */
  pageHeaders: Headers;
  /** The Content-Security-Policy for a nonce: the render's policy carries the placeholder. */
  policyFor: (nonce: string) => string;
};

/**
 * The rendered page for a request, from the cache or rendered now to keep (one render for concurrent requests of
 * one key); undefined when the caller renders the page as usual: the first request for a key, the page cache off,
 * or a render that did not answer a plain 200.
 */
export async function cachedPage(page: PageRequest): Promise<RenderedPage | undefined> {
  // Never a reason for the page itself to fail: whatever goes wrong here, the page renders as usual.
  let current: State | null = null;
  try {
    current = state();
    const origin = ownOrigin();
    if (!current || !origin) return undefined;
    const key = pageKey(page.inputs);
    if (!current.seen.has(key) && !current.cache.has(key)) {
      current.seen.set(key, true);
      countPageCache('first');
      return undefined;
    }
    const status: LRUCache.Status<string, RenderedPage, Render> = {};
    const rendered = await current.cache.fetch(key, { context: () => renderFromSelf(current!, origin, page), status });
    // A render that could not be kept (not a plain 200 HTML page) leaves its waiters to render as usual too.
    countPageCache(rendered === undefined ? 'failed' : status.fetch === 'hit' ? 'hit' : status.fetch === 'inflight' ? 'shared' : 'render');
    return rendered;
  } catch (err) {
    countPageCache('failed');
    if (current && !current.hasWarned) {
      current.hasWarned = true;
      logger.warn({ err: (err as Error)?.message }, 'the page cache could not render a page from this server; such pages render per request');
    }
    return undefined;
  }
}

async function renderFromSelf(current: State, origin: string, page: PageRequest): Promise<RenderedPage | undefined> {
  // Made as every nonce is: the copies' nonces replace it, so it must be as unguessable and look the same.
  const placeholder = newNonce();
  const headers: Record<string, string> = {};
  page.pageHeaders.forEach((value, name) => {
    if (!NOT_FORWARDED.has(name)) headers[name] = value;
  });
  headers['accept-encoding'] = 'identity';
  headers['content-security-policy'] = page.policyFor(placeholder);
  headers[RENDER_HEADER] = current.secret;
  const response = await sendRequest(new URL(page.inputs.path, origin), { method: 'GET', headers, dispatcher: current.agent });
  const isPage = String(response.headers['content-type'] ?? '').startsWith('text/html');
  if (response.statusCode !== 200 || !isPage || response.headers['set-cookie'] !== undefined) {
    await response.body.dump();
    return undefined;
  }
  const html = await response.body.text();
  const kept: [string, string][] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    if (NOT_KEPT.has(name) || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) kept.push([name, one]);
  }
  return { html, headers: kept, placeholder };
}
