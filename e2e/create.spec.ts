import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test, uniqueTag } from './fixtures';
import { editorEntry as entry, pushReviewed, reviewChanges } from './fixtures/editor';
import { waitForHydration } from './fixtures/hydration';

// `/create`: the `docker manifest create / annotate / push` walkthrough of issue 3, done in one page.

async function addSource(page: Page, reference: string) {
  const input = page.getByLabel('Image or list to add');
  await input.fill(reference);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function createUrl(target: string, sources: string[]): string {
  const query = new URLSearchParams([['target', target], ...sources.map((source) => ['source', source])]);
  return `/create?${query}`;
}

test('walkthrough: test from x8664-test and arm64v8-test, arm64 annotated v8, reviewed, pushed, opened in a fresh context', async ({
  page,
  browser,
  baseURL,
  seed,
  registry,
  registryHost,
}) => {
  const tag = uniqueTag('walkthrough');
  const target = `${registryHost}/demo/test:${tag}`;
  await page.goto('/create');
  await waitForHydration(page.getByLabel('Target tag'));
  await page.getByLabel('Target tag').fill(target);
  // Names without a registry are looked up on the target's registry.
  await addSource(page, 'demo/x8664-test');
  await addSource(page, 'demo/arm64v8-test');
  await expect(entry(page, 1)).toHaveAccessibleName(/linux\/amd64 \(from its config\)/);
  await expect(entry(page, 2)).toHaveAccessibleName(/linux\/arm64 \(from its config\)/);

  // `docker manifest annotate --variant v8`: the other fields start from the image's config.
  await entry(page, 2).getByLabel('Variant of entry 2').fill('v8');
  await expect(entry(page, 2)).toHaveAccessibleName(/^Entry 2: linux\/arm64\/v8$/);
  await expect(entry(page, 2).getByLabel('Architecture of entry 2')).toHaveValue('arm64');

  const announced = await reviewChanges(page);
  const json = page.getByTestId('review-json');
  await expect(json).toContainText('"schemaVersion": 2');
  const bytes = (await json.textContent())!;
  const pushed = JSON.parse(bytes) as { manifests: { digest: string; platform: Record<string, string> }[] };
  expect(pushed.manifests.map((m) => m.digest)).toEqual([seed.digests.x8664, seed.digests.arm64v8]);
  expect(pushed.manifests.map((m) => m.platform)).toEqual([
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
  ]);
  // The digest shown is the sha256 of the very JSON shown.
  const digest = sha256(bytes);
  expect(announced).toBe(digest);
  await expect(page.getByTestId('review-target')).toHaveText(target);
  const review = page.getByRole('region', { name: 'Review and push' });
  await expect(review).toContainText(`docker manifest annotate ${target} ${registryHost}/demo/arm64v8-test@${seed.digests.arm64v8} --os linux --arch arm64 --variant v8`);
  await expect(review).toContainText(`docker manifest push --insecure ${target}`);
  await expect(review).toContainText('regctl index add');
  expect(await registry.tagDigest('demo/test', tag)).toBeNull();

  await page.getByRole('button', { name: `Push to ${target}` }).click();
  await page.waitForURL(new RegExp(`/inspect/${registryHost}/demo/test:${tag}@${digest}\\?done=pushed$`));
  expect(await registry.tagDigest('demo/test', tag)).toBe(digest);

  const teammate = await browser.newContext({ baseURL });
  try {
    const other = await teammate.newPage();
    await other.goto(page.url());
    const matrix = other.getByTestId('platform-matrix');
    await expect(matrix.getByRole('link')).toHaveCount(2);
    await expect(matrix.getByRole('columnheader', { name: 'amd64', exact: true })).toBeVisible();
    await expect(matrix.getByRole('columnheader', { name: 'arm64/v8', exact: true })).toBeVisible();
    await expect(matrix.locator(`a[data-digest="${seed.digests.x8664}"]`)).toBeVisible();
    await expect(matrix.locator(`a[data-digest="${seed.digests.arm64v8}"]`)).toBeVisible();
    await expect(other.getByTestId('index-digest')).toContainText(digest);
  } finally {
    await teammate.close();
  }
});

test('a list source brings all its entries, attestations folded under their image and kept in the push', async ({ page, seed, registryHost }) => {
  await page.goto(createUrl(`${registryHost}/demo/assembled:${uniqueTag('buildx')}`, [seed.references.buildx]));
  await expect(entry(page, 2)).toBeVisible();
  await expect(entry(page, 3)).toHaveCount(0);
  await expect(entry(page, 1)).toContainText('1 attestation manifest');

  await reviewChanges(page);
  const pushed = JSON.parse((await page.getByTestId('review-json').textContent())!) as { manifests: { digest: string }[] };
  expect(pushed.manifests.map((m) => m.digest)).toEqual(seed.entries.buildx.map((e) => e.digest));
  // Same registry, other repository: the children's blobs are mounted, not copied.
  await expect(page.getByRole('region', { name: 'Review and push' })).toContainText(/\d+ blobs? to mount/);
});

test('a typed x86_64 is flagged as it is typed, with the canonical name one click away', async ({ page, registryHost }) => {
  await page.goto(createUrl(`${registryHost}/demo/typed:${uniqueTag('typed')}`, ['demo/x8664-test']));
  const first = entry(page, 1);
  await first.getByLabel('Architecture of entry 1').fill('x86_64');
  await expect(first).toContainText('x86_64');
  await expect(first.getByLabel('Architecture of entry 1')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Review changes' })).toBeDisabled();
  await first.getByRole('button', { name: 'Use linux/amd64' }).click();
  await expect(first.getByLabel('Architecture of entry 1')).toHaveValue('amd64');
  await expect(page.getByRole('button', { name: 'Review changes' })).toBeEnabled();
});

test('creating over a tag that exists is a 409 that shows the tag, and replacing it is an explicit choice', async ({ page, seed, registry, registryHost }) => {
  // A tag of this test's own that holds the single image, as the seeded demo/single:latest does.
  const tag = uniqueTag('taken');
  const existing = await registry.copyTag('demo/single', seed.digests.single, tag);
  const target = `${registryHost}/demo/single:${tag}`;
  await page.goto(createUrl(target, ['demo/x8664-test', 'demo/arm64v8-test']));
  await expect(entry(page, 2)).toBeVisible();
  await page.getByRole('button', { name: 'Review changes' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'changed since you started' });
  await expect(conflict.getByTestId('conflict-current')).toContainText(existing);
  expect(await registry.tagDigest('demo/single', tag)).toBe(existing);

  await conflict.getByRole('button', { name: 'Keep my edit and review it against the current list' }).click();
  await reviewChanges(page);
  await expect(page.getByRole('region', { name: 'Review and push' })).toContainText(existing);
  expect(await registry.tagDigest('demo/single', tag)).toBe(existing);
});

test('sources on another registry are copied, and the review says so before anything is written', async ({ page, seed, registry, secondRegistry }) => {
  const tag = uniqueTag('mirror');
  const target = `${secondRegistry.host}/mirror/test:${tag}`;
  await page.goto(createUrl(target, [seed.references.x8664]));
  await expect(entry(page, 1)).toBeVisible();
  const digest = await reviewChanges(page);
  const review = page.getByRole('region', { name: 'Review and push' });
  await expect(review).toContainText(/\d+ blobs? to copy/);
  await expect(review).toContainText('imagetools needs every source on the target registry');
  expect(await secondRegistry.tagDigest('mirror/test', tag)).toBeNull();
  await pushReviewed(page, target, digest);
  expect(await secondRegistry.tagDigest('mirror/test', tag)).toBe(digest);
  expect(await secondRegistry.tagDigest('mirror/test', seed.digests.x8664)).toBe(seed.digests.x8664);
  expect(await registry.tagDigest('mirror/test', tag)).toBeNull();
});

test('a push that fails midway names the step, leaves the tag alone and keeps the edit', async ({ page, request, seed, registry, registryHost }) => {
  // A source of this test's own, so a layer can go missing without touching the seeded images.
  const stagingTag = uniqueTag('doomed');
  const staging = `${registryHost}/demo/doomed:${stagingTag}`;
  const staged = await request.post('/api/v1/push', { data: { target: staging, base: null, manifests: [{ source: seed.references.x8664 }] } });
  expect(staged.ok()).toBe(true);
  const tag = uniqueTag('after-failure');
  const target = `${registryHost}/demo/after-failure:${tag}`;
  await page.goto(createUrl(target, [staging]));
  await expect(entry(page, 1)).toBeVisible();
  await reviewChanges(page);

  // A layer vanishes from the source repository between review and push (as a garbage collection would do).
  const manifest = await registry.getManifest('demo/doomed', seed.digests.x8664);
  const layer = (JSON.parse(new TextDecoder().decode(manifest.bytes)) as { layers: { digest: string }[] }).layers[0]!.digest;
  await registry.deleteBlob('demo/doomed', layer);
  await page.getByRole('button', { name: `Push to ${target}` }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'Your edit is kept' });
  await expect(failure).toContainText('was not changed');
  await expect(failure.locator('[data-status="failed"]')).toContainText(layer.slice(0, 19));
  expect(await registry.tagDigest('demo/after-failure', tag)).toBeNull();
  await expect(entry(page, 1)).toBeVisible();
  await expect(page.getByLabel('Target tag')).toHaveValue(target);
});
