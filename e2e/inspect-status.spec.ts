import { createServer, type AddressInfo } from 'node:net';
import { startHostileRegistry, type HostileRegistry } from '@/test/support/hostile-registry';
import { expect, test } from './fixtures';
import { SPEC_REGISTRY_ADDRESS } from './fixtures/environment';
import { waitForHydration } from './fixtures/hydration';

/*
 * The inspect page answers with the registry's real outcome as its HTTP status (issue 8), set by proxy.ts before
 * the page renders: a teammate's link to a mistyped tag is a 404, a rate limit a 429 with Retry-After, a registry
 * that is down a 502; and the error is on the page at once (nothing is retried). A list longer than
 * ARCHWAY_MAX_ENTRIES says which entries were read in full and links to the next ones.
 */

let hostile: HostileRegistry;

/** A loopback port nothing listens on: a registry that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, SPEC_REGISTRY_ADDRESS, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test.beforeAll(async () => {
  hostile = await startHostileRegistry({ wideEntries: 600, retryAfterSeconds: 120, address: SPEC_REGISTRY_ADDRESS });
});

test.afterAll(async () => {
  await hostile?.stop();
});

test('an unknown tag is a 404 page that says so', async ({ page, seed }) => {
  const [repository] = seed.references.golang.split(':alpine');
  const response = await page.goto(`/inspect/${repository}:no-such-tag`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText('Nothing at this reference')).toBeVisible();
});

test('a rate-limited registry is a 429 page with its Retry-After, asked once', async ({ page }) => {
  const response = await page.goto(`/inspect/${hostile.host}/limited/app:1`);
  expect(response?.status()).toBe(429);
  expect(response?.headers()['retry-after']).toBe('120');
  await expect(page.getByText('is rate-limiting requests')).toBeVisible();
  expect(hostile.count(/^\/v2\/limited\/app\/manifests\//)).toBe(1);
});

test('a registry that is down is a 502 page', async ({ page }) => {
  const response = await page.goto(`/inspect/${SPEC_REGISTRY_ADDRESS}:${await closedPort()}/app:1`);
  expect(response?.status()).toBe(502);
  await expect(page.getByText('is unreachable or failed')).toBeVisible();
});

test('a found list is a 200 page; a long one says which entries were read and links to the next', async ({ page }) => {
  test.setTimeout(120_000); // 600 entries, their details read cold twice, on a shared 2-core machine
  const response = await page.goto(`/inspect/${hostile.host}/wide/app:latest`, { timeout: 60_000 });
  expect(response?.status()).toBe(200);
  const notice = page.getByRole('status').filter({ hasText: 'This list has 600 entries' });
  await expect(notice).toContainText('entries 1–500');
  // The table draws the first 100 of the 500 entries read; the rest on demand, so the page stays small.
  await expect(page.getByRole('button', { name: 'Show all 500 entries (400 more)' })).toBeVisible();
  const next = notice.getByRole('link', { name: 'Read entries 501–600' });
  await waitForHydration(next);
  await next.click();
  await expect(page).toHaveURL(/detailsFrom=500/, { timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'This list has 600 entries' })).toContainText('entries 501–600', { timeout: 60_000 });
  // The page holds only the 100 entries it read; the editor loads the whole list, so a push keeps all 600.
  await page.getByRole('button', { name: 'Edit list' }).click();
  await expect(page.getByRole('heading', { name: 'Entries (600)' })).toBeVisible({ timeout: 60_000 });
});
