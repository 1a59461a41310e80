import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { MANIFEST_ACCEPT } from '@/lib/oci/media-types';
import { expect, test } from './fixtures';

// `/create`: the `docker manifest create / annotate / push` walkthrough of issue 3, done in one page.

/** Where a tag points, asked of the registry itself. */
async function registryDigest(registryHost: string, repository: string, tag: string): Promise<string | null> {
  const response = await fetch(`http://${registryHost}/v2/${repository}/manifests/${tag}`, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT.join(', ') } });
  return response.ok ? response.headers.get('docker-content-digest') : null;
}

async function addSource(page: Page, reference: string) {
  const input = page.getByLabel('Image or list to add');
  await input.fill(reference);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

function entry(page: Page, position: number) {
  return page.getByRole('listitem', { name: new RegExp(`^Entry ${position}:`) });
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

test('walkthrough: test from x8664-test and arm64v8-test, arm64 annotated v8, reviewed, pushed, opened in a fresh context', async ({
  page,
  browser,
  baseURL,
  seed,
  registryHost,
}) => {
  const target = `${registryHost}/demo/test:latest`;
  await page.goto('/create');
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

  await page.getByRole('button', { name: 'Review changes' }).click();
  const json = page.getByTestId('review-json');
  await expect(json).toContainText('"schemaVersion": 2');
  const bytes = (await json.textContent())!;
  const pushed = JSON.parse(bytes) as { manifests: { digest: string; platform: Record<string, string> }[] };
  expect(pushed.manifests.map((m) => m.digest)).toEqual([seed.digests.x8664, seed.digests.arm64v8]);
  expect(pushed.manifests.map((m) => m.platform)).toEqual([
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
  ]);
  const digest = sha256(bytes);
  await expect(page.getByTestId('review-digest')).toContainText(digest);
  await expect(page.getByTestId('review-target')).toHaveText(target);
  const review = page.getByRole('region', { name: 'Review and push' });
  await expect(review).toContainText(`docker manifest annotate ${target} ${registryHost}/demo/arm64v8-test@${seed.digests.arm64v8} --os linux --arch arm64 --variant v8`);
  await expect(review).toContainText(`docker manifest push --insecure ${target}`);
  await expect(review).toContainText('regctl index add');
  expect(await registryDigest(registryHost, 'demo/test', 'latest')).toBeNull();

  await page.getByRole('button', { name: `Push to ${target}` }).click();
  await page.waitForURL(new RegExp(`/inspect/${registryHost}/demo/test:latest@${digest}$`));
  expect(await registryDigest(registryHost, 'demo/test', 'latest')).toBe(digest);

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
  const target = `${registryHost}/demo/assembled:buildx`;
  await page.goto(`/create?target=${encodeURIComponent(target)}&source=${encodeURIComponent(seed.references.buildx)}`);
  await expect(entry(page, 2)).toBeVisible();
  await expect(entry(page, 3)).toHaveCount(0);
  await expect(entry(page, 1)).toContainText('1 attestation manifest');

  await page.getByRole('button', { name: 'Review changes' }).click();
  const pushed = JSON.parse((await page.getByTestId('review-json').textContent())!) as { manifests: { digest: string }[] };
  expect(pushed.manifests.map((m) => m.digest)).toEqual(seed.entries.buildx.map((e) => e.digest));
  // Same registry, other repository: the children's blobs are mounted, not copied.
  await expect(page.getByRole('region', { name: 'Review and push' })).toContainText(/\d+ blobs? to mount/);
});

test('a typed x86_64 is flagged as it is typed, with the canonical name one click away', async ({ page, registryHost }) => {
  await page.goto(`/create?target=${encodeURIComponent(`${registryHost}/demo/typed:1`)}&source=demo/x8664-test`);
  const first = entry(page, 1);
  await first.getByLabel('Architecture of entry 1').fill('x86_64');
  await expect(first).toContainText('x86_64');
  await expect(first.getByLabel('Architecture of entry 1')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Review changes' })).toBeDisabled();
  await first.getByRole('button', { name: 'Use linux/amd64' }).click();
  await expect(first.getByLabel('Architecture of entry 1')).toHaveValue('amd64');
  await expect(page.getByRole('button', { name: 'Review changes' })).toBeEnabled();
});

test('creating over a tag that exists is a 409 that shows the tag, and replacing it is an explicit choice', async ({ page, seed, registryHost }) => {
  const target = seed.references.single;
  await page.goto(`/create?target=${encodeURIComponent(target)}&source=demo/x8664-test&source=demo/arm64v8-test`);
  await expect(entry(page, 2)).toBeVisible();
  await page.getByRole('button', { name: 'Review changes' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'changed since you started' });
  await expect(conflict.getByTestId('conflict-current')).toContainText(seed.digests.single);
  expect(await registryDigest(registryHost, 'demo/single', 'latest')).toBe(seed.digests.single);

  await conflict.getByRole('button', { name: 'Keep my edit and review it against the current list' }).click();
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByTestId('review-digest')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Review and push' })).toContainText(seed.digests.single);
});

test('sources on another registry are copied, and the review says so before anything is written', async ({ page, seed, registryHost, secondRegistryHost }) => {
  const target = `${secondRegistryHost}/mirror/test:1`;
  await page.goto(`/create?target=${encodeURIComponent(target)}&source=${encodeURIComponent(seed.references.x8664)}`);
  await expect(entry(page, 1)).toBeVisible();
  await page.getByRole('button', { name: 'Review changes' }).click();
  const review = page.getByRole('region', { name: 'Review and push' });
  await expect(review).toContainText(/\d+ blobs? to copy/);
  await expect(review).toContainText('imagetools needs every source on the target registry');
  const digest = (await page.getByTestId('review-digest').locator('code').first().getAttribute('title'))!;
  await page.getByRole('button', { name: `Push to ${target}` }).click();
  await page.waitForURL(new RegExp(`@${digest}$`));
  expect(await registryDigest(secondRegistryHost, 'mirror/test', '1')).toBe(digest);
  expect(await registryDigest(registryHost, 'mirror/test', '1')).toBeNull();
});

test('a push that fails midway names the step, leaves the tag alone and keeps the edit', async ({ page, request, seed, registryHost }) => {
  // A source of our own that can be deleted without touching the seeded images.
  const staging = `${registryHost}/demo/doomed:1`;
  const staged = await request.post('/api/v1/push', { data: { target: staging, base: null, manifests: [{ source: seed.references.x8664 }] } });
  expect(staged.ok()).toBe(true);
  const target = `${registryHost}/demo/after-failure:1`;
  await page.goto(`/create?target=${encodeURIComponent(target)}&source=${encodeURIComponent(staging)}`);
  await expect(entry(page, 1)).toBeVisible();
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByTestId('review-digest')).toBeVisible();

  // A layer vanishes from the source repository between review and push (as a garbage collection would do).
  const manifest = await fetch(`http://${registryHost}/v2/demo/doomed/manifests/${seed.digests.x8664}`, { headers: { accept: MANIFEST_ACCEPT.join(', ') } });
  const layer = ((await manifest.json()) as { layers: { digest: string }[] }).layers[0]!.digest;
  const deleted = await fetch(`http://${registryHost}/v2/demo/doomed/blobs/${layer}`, { method: 'DELETE' });
  expect(deleted.status).toBe(202);
  await page.getByRole('button', { name: `Push to ${target}` }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'Your edit is kept' });
  await expect(failure).toContainText('was not changed');
  await expect(failure.locator('[data-status="failed"]')).toContainText(layer.slice(0, 19));
  expect(await registryDigest(registryHost, 'demo/after-failure', '1')).toBeNull();
  await expect(entry(page, 1)).toBeVisible();
  await expect(page.getByLabel('Target tag')).toHaveValue(target);
});
