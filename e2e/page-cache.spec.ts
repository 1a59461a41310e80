import type { APIResponse } from '@playwright/test';
import { PushResponse } from '@/lib/api/push';
import { expect, test, uniqueTag } from './fixtures';
import { waitForHydration } from './fixtures/hydration';

/*
 * The page cache (lib/server/page-cache.ts): an inspect page asked for again is rendered once and shared while the
 * address, language, theme and the registry's answer stay the same, each copy with its own nonce; the tag is asked
 * on every request, so a moved tag is a new page at once. The first request for a page is rendered as usual, and
 * a crawler's page is never kept. Two renders of one page are never byte-identical (the
 * render's time is in its data for the browser's cache), so identical copies are copies of one render.
 */

const asDocument = { accept: 'text/html' };

/** The nonce a response's policy allows, and the page with every occurrence of it taken out. */
async function copyOf(response: APIResponse): Promise<{ nonce: string; page: string; nonces: Set<string> }> {
  expect(response.status()).toBe(200);
  const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1] ?? '';
  const html = await response.text();
  return { nonce, page: html.replaceAll(nonce, 'NONCE'), nonces: new Set([...html.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]!)) };
}

test('a page opened by many at once is rendered once, and each copy carries its own nonce', async ({ request, seed, registry, registryHost }) => {
  const tag = uniqueTag('shared');
  await registry.copyTag('demo/golang', seed.digests.golang, tag);
  const url = `/inspect/${registryHost}/demo/golang:${tag}`;
  // The first request notes the page; from the next on it is kept.
  await copyOf(await request.get(url, { headers: asDocument }));
  const copies = await Promise.all(Array.from({ length: 8 }, () => request.get(url, { headers: asDocument }).then(copyOf)));
  const later = await copyOf(await request.get(url, { headers: asDocument }));
  for (const copy of [...copies, later]) {
    expect(copy.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    // Every script and style of the copy carries the nonce its own policy allows, and no other.
    expect(copy.nonces).toEqual(new Set([copy.nonce]));
    expect(copy.page).toBe(copies[0]!.page);
    expect(copy.page).toContain(seed.digests.golang);
  }
  expect(new Set([...copies, later].map((copy) => copy.nonce)).size).toBe(copies.length + 1);
  // Another address is another page (the same list, another platform selected).
  const otherUrl = `${url}?platform=linux/amd64`;
  await request.get(otherUrl, { headers: asDocument });
  const [other, otherAgain] = [await copyOf(await request.get(otherUrl, { headers: asDocument })), await copyOf(await request.get(otherUrl, { headers: asDocument }))];
  expect(other.page).toBe(otherAgain.page);
  expect(other.page).not.toBe(later.page);
});

test('a kept page follows its tag at once, and is kept per language and theme', async ({ request, seed, registry, registryHost }) => {
  const tag = uniqueTag('follows');
  const url = `/inspect/${registryHost}/demo/golang:${tag}`;
  // Not there yet.
  expect((await request.get(url, { headers: asDocument })).status()).toBe(404);
  await registry.copyTag('demo/golang', seed.digests.golang, tag);
  const [first, kept] = [await copyOf(await request.get(url, { headers: asDocument })), await copyOf(await request.get(url, { headers: asDocument }))];
  expect(first.page).toContain(seed.digests.golang);
  expect(kept.page).toContain(seed.digests.golang);
  expect((await copyOf(await request.get(url, { headers: asDocument }))).page).toBe(kept.page);
  // The tag moves to a list of four of its entries: the next request shows it.
  const manifests = seed.entries.golang.slice(0, 4).map((entry) => ({ source: `${registryHost}/demo/golang@${entry.digest}` }));
  const push = await request.post('/api/v1/push', { data: { target: `${registryHost}/demo/golang:${tag}`, base: seed.digests.golang, manifests } });
  expect(push.status(), await push.text()).toBe(200);
  const moved = PushResponse.parse(await push.json()).digest;
  for (let i = 0; i < 2; i++) {
    const after = await copyOf(await request.get(url, { headers: asDocument }));
    expect(after.page).toContain(moved);
    expect(after.page).not.toContain(`data-digest="${seed.entries.golang[5]!.digest}"`);
  }

  // Each asked twice, so that the second is the kept copy of that language or theme.
  const twice = async (headers: Record<string, string>) => {
    await request.get(url, { headers: { ...asDocument, ...headers } });
    return copyOf(await request.get(url, { headers: { ...asDocument, ...headers } }));
  };
  const english = await twice({ 'accept-language': 'en' });
  expect(english.page).toContain('<html lang="en"');
  const chinese = await twice({ 'accept-language': 'zh-CN,zh;q=0.9' });
  expect(chinese.page).toContain('<html lang="zh-CN"');
  const dark = await twice({ cookie: 'archway-theme=dark' });
  expect(dark.page).toContain('data-theme="dark"');
  expect(english.page).not.toContain('data-theme="dark"');
});

test('a kept copy comes alive in the browser under its own policy', async ({ page, request, seed, registry, registryHost }) => {
  const tag = uniqueTag('alive');
  await registry.copyTag('demo/golang', seed.digests.golang, tag);
  const url = `/inspect/${registryHost}/demo/golang:${tag}`;
  // Noted, then rendered to keep; the browser's navigation below gets the kept copy.
  await request.get(url, { headers: asDocument });
  const kept = await copyOf(await request.get(url, { headers: asDocument }));
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  const response = await page.goto(url);
  const html = await response!.text();
  const nonce = /'nonce-([^']+)'/.exec((await response!.allHeaders())['content-security-policy'] ?? '')?.[1] ?? '';
  expect(html.replaceAll(nonce, 'NONCE')).toBe(kept.page);

  const s390x = seed.entries.golang.find((entry) => entry.platform?.architecture === 's390x')!;
  const chip = page.getByTestId('platform-matrix').locator(`a[data-digest="${s390x.digest}"]`);
  await waitForHydration(chip);
  await chip.click();
  await expect(page).toHaveURL(/\?platform=linux\/s390x$/);
  await expect(page.locator(`tr[data-entry-digest="${s390x.digest}"]`)).toHaveAttribute('aria-current', 'true');
  expect(refused).toEqual([]);
});

test("a crawler's page is rendered for it every time, never kept", async ({ request, seed, registry, registryHost }) => {
  const tag = uniqueTag('crawled');
  await registry.copyTag('demo/golang', seed.digests.golang, tag);
  const url = `/inspect/${registryHost}/demo/golang:${tag}`;
  const asCrawler = { ...asDocument, 'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' };
  const pages = [];
  for (let i = 0; i < 3; i++) pages.push((await copyOf(await request.get(url, { headers: asCrawler }))).page);
  expect(new Set(pages).size).toBe(3);
  // A browser's copy is kept meanwhile, and is not what the crawler got.
  await request.get(url, { headers: asDocument });
  const kept = await copyOf(await request.get(url, { headers: asDocument }));
  expect(pages).not.toContain(kept.page);
  expect((await copyOf(await request.get(url, { headers: asDocument }))).page).toBe(kept.page);
});
