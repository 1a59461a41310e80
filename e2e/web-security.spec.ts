import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { expect, test } from './fixtures';

/*
 * What the browser is told (CSP with a per-request nonce, no framing, nosniff, referrer and permissions policies),
 * and what the server refuses before any route runs: another Host (DNS rebinding; the e2e server sets
 * ARCHWAY_PUBLIC_URL) and cross-site writes.
 */

type RawAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string; bytes: Buffer };

/** A request with headers fetch() may not set (Host) or a browser would add (Origin, Sec-Fetch-Site). */
function rawRequest(baseURL: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<RawAnswer> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

test('pages carry a CSP whose nonce is on every script, and the browser reports no violation', async ({ page, seed, registryHost }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const nonces = new Set<string>();
  const golang = encodeURIComponent(seed.references.golang);
  const paths = ['/', `/inspect/${seed.references.golang}`, '/create', `/browse/${registryHost}`, `/compare?a=${golang}&b=${golang}`, '/registries'];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    const policy = headers['content-security-policy'] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, `a nonce in the CSP of ${path}`).toBeTruthy();
    nonces.add(nonce!);
    expect(policy).toContain(`frame-ancestors 'none'`);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    // Served over plain http here: no HSTS (it is sent behind https only).
    expect(headers['strict-transport-security']).toBeUndefined();
    // Every script in the server's HTML carries this response's nonce; chunks the runtime loads later need none
    // ('strict-dynamic' trusts what a trusted script loads).
    const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length).toBeGreaterThan(0);
    for (const tag of scriptTags) expect(tag, 'a script tag without this response’s nonce').toContain(`nonce="${nonce}"`);
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(nonces.size, 'a new nonce per response').toBe(paths.length);
  expect(violations).toEqual([]);
});

test('behind a TLS-terminating proxy (X-Forwarded-Proto: https) pages send HSTS', async ({ baseURL }) => {
  const page = await rawRequest(baseURL!, '/', { headers: { host: new URL(baseURL!).host, 'x-forwarded-proto': 'https' } });
  expect(page.status).toBe(200);
  expect(page.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
});

test('/create cannot be framed by another site', async ({ page, baseURL }) => {
  const attacker = 'http://attacker.test';
  // The frame's load event fires for the error page Chromium shows in place of a refused frame as well.
  const html = `<!doctype html><title>attacker</title><iframe id="victim" src="${baseURL}/create" onload="document.title='frame done'"></iframe>`;
  await page.route(`${attacker}/**`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${attacker}/`);
  await expect(page).toHaveTitle('frame done');
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeDefined();
  // Loaded in a tab of its own, the same page shows its heading: only the frame is refused.
  const text = await frame!.evaluate(() => document.body?.innerText ?? '').catch(() => '');
  expect(text).not.toContain('Create a multi-platform list');
  await page.goto('/create');
  await expect(page.getByText('Create a multi-platform list')).toBeVisible();
});

test('API answers are not documents: a CSP that allows nothing, and nosniff', async ({ request, seed }) => {
  const response = await request.get(`/api/v1/inspect?ref=${encodeURIComponent(seed.references.golang)}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-security-policy']).toBe(`default-src 'none'; frame-ancestors 'none'`);
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
});

test('a request for another Host is refused (DNS rebinding), pages and API alike; health answers any host', async ({ baseURL }) => {
  const page = await rawRequest(baseURL!, '/', { headers: { host: 'rebound.attacker.test' } });
  expect(page.status).toBe(403);
  expect(page.body).toContain('ARCHWAY_PUBLIC_URL');
  const api = await rawRequest(baseURL!, '/api/v1/tags?repository=127.0.0.1:1/x', { headers: { host: `rebound.attacker.test:${new URL(baseURL!).port}` } });
  expect(api.status).toBe(403);
  expect(JSON.parse(api.body)).toMatchObject({ error: { code: 'FORBIDDEN' } });
  const own = await rawRequest(baseURL!, '/', { headers: { host: new URL(baseURL!).host } });
  expect(own.status).toBe(200);
});

test('a cross-site write is refused before the route reads it; the same write from Archway’s own page is not', async ({ baseURL }) => {
  const body = JSON.stringify({ target: 'x' });
  const post = (headers: Record<string, string>) =>
    rawRequest(baseURL!, '/api/v1/push', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const crossSite: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
  for (const headers of crossSite) {
    const answer = await post(headers);
    expect(answer.status, JSON.stringify(headers)).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'FORBIDDEN' } });
  }
  // Same origin: past the check, refused by the route for its body (400), not by the origin rule.
  const own = await post({ origin: new URL(baseURL!).origin, 'sec-fetch-site': 'same-origin' });
  expect(own.status).toBe(400);
  // JSON-only mutations keep holding: a form post from the page's own origin is still refused by the route.
  const form = await rawRequest(baseURL!, '/api/v1/push', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(baseURL!).origin },
    body: 'target=x',
  });
  expect(form.status).toBe(400);
});

test('a small API answer goes out as it is (compression would cost more than it saves); a large one is gzipped', async ({ baseURL, seed }) => {
  const inspect = (reference: string) =>
    rawRequest(baseURL!, `/api/v1/inspect?ref=${encodeURIComponent(reference)}`, { headers: { 'accept-encoding': 'gzip' } });
  const small = await inspect(seed.references.golang);
  expect(small.status).toBe(200);
  expect(small.headers['content-encoding']).toBeUndefined();
  expect(small.headers['cache-control']).toBe('no-store, no-transform');
  expect((JSON.parse(small.body) as { entries: unknown[] }).entries).toHaveLength(6);

  const large = await inspect(seed.references.many);
  expect(large.status).toBe(200);
  expect(large.headers['content-encoding']).toBe('gzip');
  expect(large.headers['cache-control']).toBe('no-store');
  expect((JSON.parse(gunzipSync(large.bytes).toString('utf8')) as { entries: unknown[] }).entries).toHaveLength(48);
});
