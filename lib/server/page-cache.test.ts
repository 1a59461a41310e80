import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InspectResponse } from '@/lib/api/inspect';
import { cachedPage, copyWithNonce, isOwnRenderRequest, ownOrigin, pageKey, readPageCacheSettings, type PageInputs, type PageRequest } from './page-cache';

const outcome = (digest: string): InspectResponse => ({
  reference: 'localhost:5000/app:1',
  registry: 'localhost:5000',
  repository: 'app',
  tag: '1',
  digest,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  size: 100,
  kind: 'index',
  entries: [],
  problems: [],
});
const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;
const inputs = (over: Partial<PageInputs> = {}): PageInputs => ({ path: '/inspect/localhost:5000/app:1', locale: 'en', theme: 'system', isHttps: false, outcome: outcome(DIGEST_A), ...over });

describe('pageKey', () => {
  it('is the same for the same inputs, and differs when any one of them does', () => {
    const base = pageKey(inputs());
    expect(pageKey(inputs())).toBe(base);
    const variants = [
      inputs({ path: '/inspect/localhost:5000/app:1?platform=linux/arm64' }),
      inputs({ locale: 'zh-CN' }),
      inputs({ theme: 'dark' }),
      inputs({ isHttps: true }),
      inputs({ outcome: outcome(DIGEST_B) }),
      inputs({ outcome: { ...outcome(DIGEST_A), problems: [{ code: 'DUPLICATE_PLATFORM', severity: 'warning', message: 'twice' }] } as InspectResponse }),
    ];
    const keys = new Set(variants.map(pageKey));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(base)).toBe(false);
  });
});

describe('copyWithNonce', () => {
  it('puts the nonce wherever the render put its placeholder, in the page and its headers', () => {
    const html = '<script nonce="PH">a</script><style nonce="PH"></style><p>PH-free text</p>';
    const link = '</_next/static/a.css>; rel=preload; as="style"; nonce="PH"';
    const page = { html: html.replaceAll('PH', 'x9+/Z=='), headers: [['link', link.replaceAll('PH', 'x9+/Z==')]] as [string, string][], placeholder: 'x9+/Z==' };
    expect(copyWithNonce(page, 'N0nce/+=')).toEqual({ html: html.replaceAll('PH', 'N0nce/+='), headers: [['link', link.replaceAll('PH', 'N0nce/+=')]] });
  });
});

describe('readPageCacheSettings', () => {
  it('defaults to pages kept 10 s within 32 MiB; 0 or `next dev` switches it off; a malformed value names the variable', () => {
    expect(readPageCacheSettings({})).toEqual({ ttlMs: 10_000, maxBytes: 32 * 1024 * 1024 });
    expect(readPageCacheSettings({ NODE_ENV: 'production' }).ttlMs).toBe(10_000);
    expect(readPageCacheSettings({ NODE_ENV: 'development' }).ttlMs).toBe(0);
    expect(readPageCacheSettings({ ARCHWAY_PAGE_CACHE_MS: '0' }).ttlMs).toBe(0);
    expect(() => readPageCacheSettings({ ARCHWAY_PAGE_CACHE_MS: 'soon' })).toThrow(/ARCHWAY_PAGE_CACHE_MS/);
    expect(() => readPageCacheSettings({ ARCHWAY_PAGE_CACHE_BYTES: '-1' })).toThrow(/ARCHWAY_PAGE_CACHE_BYTES/);
  });
});

describe('ownOrigin', () => {
  it('is where Next recorded the server listens, else its PORT on loopback', () => {
    expect(ownOrigin({ __NEXT_PRIVATE_ORIGIN: 'http://localhost:3000' })).toBe('http://localhost:3000');
    expect(ownOrigin({ __NEXT_PRIVATE_ORIGIN: 'http://10.1.2.3:8080' })).toBe('http://10.1.2.3:8080');
    expect(ownOrigin({ __NEXT_PRIVATE_ORIGIN: 'http://[::1]:3000' })).toBe('http://[::1]:3000');
    expect(ownOrigin({ PORT: '4000' })).toBe('http://127.0.0.1:4000');
    expect(ownOrigin({})).toBeNull();
  });
});

/*
 * cachedPage against a stand-in for this server: an HTTP server on loopback that answers the render requests the
 * way Next does (HTML with the policy's nonce on its scripts) and records what it was asked.
 */
describe('cachedPage', () => {
  let server: Server;
  let asked: IncomingHttpHeaders[];
  let answer: (response: ServerResponse, nonce: string, url: string) => void;
  const saved = { ...process.env };

  const nonceOf = (policy: string | undefined) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1] ?? '';
  const html = (nonce: string, text: string) => `<!DOCTYPE html><html><script nonce="${nonce}">x</script><p>${text}</p></html>`;
  const pageRequest = (over: Partial<PageInputs> = {}, headers: Record<string, string> = {}): PageRequest => {
    const page = inputs(over);
    return {
      inputs: page,
      pageHeaders: new Headers({ cookie: 'archway-locale=en', 'accept-language': 'en', 'accept-encoding': 'gzip, br', connection: 'keep-alive', ...headers }),
      policyFor: (nonce) => `script-src 'self' 'nonce-${nonce}'`,
    };
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      asked.push(request.headers);
      answer(response, nonceOf(request.headers['content-security-policy'] as string | undefined), request.url ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    asked = [];
    answer = (response, nonce, url) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store', date: 'now', 'content-security-policy': 'x' });
      response.end(html(nonce, url));
    };
    // As Next records it for a server bound to every interface (this one listens on IPv4 loopback only).
    process.env.__NEXT_PRIVATE_ORIGIN = `http://localhost:${(server.address() as AddressInfo).port}`;
    process.env.ARCHWAY_PAGE_CACHE_MS = '60000';
    process.env.ARCHWAY_PAGE_CACHE_BYTES = String(32 * 1024 * 1024);
  });
  afterEach(() => {
    for (const name of ['__NEXT_PRIVATE_ORIGIN', 'ARCHWAY_PAGE_CACHE_MS', 'ARCHWAY_PAGE_CACHE_BYTES']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('leaves a page asked for once to the usual render, renders it once for the concurrent requests after, then answers from memory', async () => {
    const request = pageRequest({ path: '/inspect/a:1' });
    expect(await cachedPage(request)).toBeUndefined();
    expect(asked).toHaveLength(0);
    const pages = await Promise.all(Array.from({ length: 8 }, () => cachedPage(request)));
    expect(asked).toHaveLength(1);
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toBeDefined();
    expect(await cachedPage(pageRequest({ path: '/inspect/a:1' }))).toBe(pages[0]);
    expect(asked).toHaveLength(1);
    // Another outcome for the same address (the tag moved) is another page, noted first.
    expect(await cachedPage(pageRequest({ path: '/inspect/a:1', outcome: outcome(DIGEST_B) }))).toBeUndefined();
    await cachedPage(pageRequest({ path: '/inspect/a:1', outcome: outcome(DIGEST_B) }));
    expect(asked).toHaveLength(2);
  });

  it("asks with the visitor's headers, the secret, plain bytes and a policy whose nonce is the page's placeholder", async () => {
    const request = pageRequest({ path: '/inspect/b:1' }, { cookie: 'archway-theme=dark', 'x-forwarded-proto': 'https', rsc: '1', 'next-router-prefetch': '1' });
    await cachedPage(request);
    const page = await cachedPage(request);
    expect(asked).toHaveLength(1);
    const headers = asked[0]!;
    expect(headers).toMatchObject({ cookie: 'archway-theme=dark', 'x-forwarded-proto': 'https', 'accept-language': 'en', 'accept-encoding': 'identity' });
    expect(headers.rsc).toBeUndefined();
    expect(headers['next-router-prefetch']).toBeUndefined();
    expect(isOwnRenderRequest(new Headers(headers as Record<string, string>))).toBe(true);
    expect(isOwnRenderRequest(new Headers({ 'x-archway-page-render': 'guess' }))).toBe(false);
    expect(nonceOf(headers['content-security-policy'] as string)).toBe(page!.placeholder);
    expect(page!.placeholder).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    // What each visitor gets: their own nonce wherever the render's was, and the page's own headers only.
    expect(copyWithNonce(page!, 'visitor-nonce').html).toBe(html('visitor-nonce', '/inspect/b:1'));
    expect(page!.headers).toEqual([
      ['content-type', 'text/html; charset=utf-8'],
      ['cache-control', 'private, no-store'],
    ]);
  });

  it('keeps nothing but a plain 200 HTML page: an error page, another type or one that sets a cookie is rendered per request', async () => {
    answer = (response, nonce) => {
      response.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html(nonce, 'error'));
    };
    await cachedPage(pageRequest({ path: '/inspect/c:1' }));
    expect(await cachedPage(pageRequest({ path: '/inspect/c:1' }))).toBeUndefined();
    answer = (response, nonce) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'session=x' });
      response.end(html(nonce, 'c'));
    };
    expect(await cachedPage(pageRequest({ path: '/inspect/c:1' }))).toBeUndefined();
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'text/x-component' });
      response.end('0:{}');
    };
    expect(await cachedPage(pageRequest({ path: '/inspect/c:1' }))).toBeUndefined();
    expect(asked).toHaveLength(3);
  });

  it('renders again once a page is older than ARCHWAY_PAGE_CACHE_MS', async () => {
    // Long enough for three calls on a busy machine, short enough for a unit test.
    process.env.ARCHWAY_PAGE_CACHE_MS = '1000';
    for (let i = 0; i < 3; i++) await cachedPage(pageRequest({ path: '/inspect/d:1' }));
    expect(asked).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    // Forgotten, the note of it too: asked for once again, then kept again.
    expect(await cachedPage(pageRequest({ path: '/inspect/d:1' }))).toBeUndefined();
    expect(asked).toHaveLength(1);
    expect(await cachedPage(pageRequest({ path: '/inspect/d:1' }))).toBeDefined();
    expect(asked).toHaveLength(2);
  });

  it('keeps pages within ARCHWAY_PAGE_CACHE_BYTES, the least recently used going first', async () => {
    // Each stand-in page is about 120 characters, 240 bytes: room for two.
    process.env.ARCHWAY_PAGE_CACHE_BYTES = '500';
    for (const path of ['/inspect/e:1', '/inspect/e:2', '/inspect/e:3', '/inspect/e:1']) {
      await cachedPage(pageRequest({ path }));
      await cachedPage(pageRequest({ path }));
    }
    expect(asked).toHaveLength(4);
    await cachedPage(pageRequest({ path: '/inspect/e:3' }));
    expect(asked).toHaveLength(4);
  });

  it('is off with ARCHWAY_PAGE_CACHE_MS=0, and answers undefined (render as usual) when this server cannot be asked', async () => {
    process.env.ARCHWAY_PAGE_CACHE_MS = '0';
    expect(await cachedPage(pageRequest({ path: '/inspect/f:1' }))).toBeUndefined();
    expect(asked).toHaveLength(0);
    process.env.ARCHWAY_PAGE_CACHE_MS = '60000';
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    process.env.__NEXT_PRIVATE_ORIGIN = `http://127.0.0.1:${port}`;
    await cachedPage(pageRequest({ path: '/inspect/f:1' }));
    expect(await cachedPage(pageRequest({ path: '/inspect/f:1' }))).toBeUndefined();
  });
});
