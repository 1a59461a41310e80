import type { Page } from '@playwright/test';
import { formatPlatform } from '@/lib/oci/platform';
import { expect, test, uniqueTag } from './fixtures';
import { waitForHydration } from './fixtures/hydration';

// The inspect page against the seeded registry: what a teammate sees when they open a link.

function matrixChips(page: Page) {
  return page.getByTestId('platform-matrix').getByRole('link');
}

function row(page: Page, digest: string) {
  return page.locator(`tr[data-entry-digest="${digest}"]`);
}

test('the matrix shows the six platforms of the golang list, one chip each', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.golang}`);
  await expect(matrixChips(page)).toHaveCount(6);
  const matrix = page.getByTestId('platform-matrix');
  for (const column of ['amd64', 'arm64/v8', 'arm/v7', '386', 'ppc64le', 's390x']) {
    await expect(matrix.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  for (const entry of seed.entries.golang) {
    await expect(matrix.locator(`a[data-digest="${entry.digest}"]`)).toBeVisible();
  }
  await expect(page.getByTestId('index-digest')).toContainText(seed.digests.golang);
});

test('the first HTML already holds every platform and digest (server-rendered)', async ({ request, seed }) => {
  const response = await request.get(`/inspect/${seed.references.golang}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain(seed.digests.golang);
  for (const entry of seed.entries.golang) {
    expect(html).toContain(`data-digest="${entry.digest}"`);
    expect(html).toContain(formatPlatform(entry.platform!));
  }
});

test('a deep link opens and highlights one platform, and selecting another updates the URL', async ({ page, seed }) => {
  const arm64 = seed.entries.golang.find((entry) => entry.platform?.architecture === 'arm64')!;
  await page.goto(`/inspect/${seed.references.golang}?platform=linux/arm64/v8`);
  await expect(row(page, arm64.digest)).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('entry-details')).toContainText(arm64.digest);
  await expect(page.getByTestId('platform-matrix').locator(`a[data-digest="${arm64.digest}"]`)).toHaveAttribute('aria-current', 'true');

  const s390x = seed.entries.golang.find((entry) => entry.platform?.architecture === 's390x')!;
  const s390xChip = page.getByTestId('platform-matrix').locator(`a[data-digest="${s390x.digest}"]`);
  await waitForHydration(s390xChip);
  await s390xChip.click();
  await expect(page).toHaveURL(/\?platform=linux\/s390x$/);
  await expect(row(page, s390x.digest)).toHaveAttribute('aria-current', 'true');
  await expect(row(page, arm64.digest)).not.toHaveAttribute('aria-current', 'true');
});

test('a link to a platform the list lacks says so, and the notice goes once a platform is chosen', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.golang}?platform=linux/nope`);
  const notice = page.getByRole('status').filter({ hasText: 'No entry of this list matches platform linux/nope' });
  await expect(notice).toBeVisible();
  await expect(matrixChips(page)).toHaveCount(6);

  const arm64 = seed.entries.golang.find((entry) => entry.platform?.architecture === 'arm64')!;
  const chip = page.getByTestId('platform-matrix').locator(`a[data-digest="${arm64.digest}"]`);
  await waitForHydration(chip);
  await chip.click();
  await expect(row(page, arm64.digest)).toHaveAttribute('aria-current', 'true');
  await expect(notice).toHaveCount(0);
});

test('a shared link opened in a fresh browser context shows the same view', async ({ page, browser, seed, baseURL }) => {
  const arm = seed.entries.golang.find((entry) => entry.platform?.architecture === 'arm')!;
  await page.goto(`/inspect/${seed.references.golang}`);
  const armChip = page.getByTestId('platform-matrix').locator(`a[data-digest="${arm.digest}"]`);
  await waitForHydration(armChip);
  await armChip.click();
  const shared = await page.locator('a[data-share="entry"]').getAttribute('href');
  expect(shared).toContain(`@${seed.digests.golang}?platform=linux/arm/v7`);

  const teammate = await browser.newContext({ baseURL });
  try {
    const other = await teammate.newPage();
    await other.goto(shared!);
    await expect(other.getByRole('heading', { level: 1 })).toContainText(seed.digests.golang);
    await expect(other.getByTestId('index-digest')).toContainText(seed.digests.golang);
    await expect(row(other, arm.digest)).toHaveAttribute('aria-current', 'true');
    await expect(matrixChips(other)).toHaveCount(6);
  } finally {
    await teammate.close();
  }
});

test('a link pinned to a digest says when its tag has moved, and links to the current one', async ({ page, seed, registry, registryHost }) => {
  const repository = 'demo/golang';
  const tag = uniqueTag('moving');
  const pinned = await registry.copyTag(repository, seed.digests.golang, tag);
  const amd64 = seed.entries.golang[0]!;
  await page.goto(`/inspect/${registryHost}/${repository}:${tag}@${pinned}`);
  // The notice is rendered with the data: once the list is on screen, its absence means something.
  await expect(page.getByTestId('index-digest')).toContainText(pinned);
  await expect(page.getByText('has moved')).toHaveCount(0);

  const moved = await registry.copyTag(repository, amd64.digest, tag);
  await page.goto(`/inspect/${registryHost}/${repository}:${tag}@${pinned}`);
  const notice = page.getByRole('status').filter({ hasText: 'has moved' });
  await expect(notice).toContainText(tag);
  await expect(notice).toContainText(moved.slice(0, 19));
  await expect(matrixChips(page)).toHaveCount(6);
  await notice.getByRole('link', { name: 'View current' }).click();
  await expect(page).toHaveURL(new RegExp(`/inspect/${registryHost}/${repository}:${tag}$`));
  await expect(page.getByTestId('index-digest')).toContainText(moved);
});

test('the wrong-arch list shows its problems with their fixes', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.wrongArch}`);
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('Listed as linux/amd64 but the image config says linux/arm64/v8');
  await expect(problems).toContainText("Fix: Use the image's own platform, linux/arm64/v8");
  await expect(problems).toContainText('x86_64');
  await expect(problems.getByText(/\d+ errors?/)).toBeVisible();

  const mislabelled = seed.entries.wrongArch[0]!;
  await expect(row(page, mislabelled.digest)).toContainText('≠ linux/arm64/v8');
  // The entry's own button (its label and digest), not a "Fix:" button, which opens the editor instead.
  const fixButton = problems.getByRole('button', { name: /^linux\/amd64 sha256:/ });
  await waitForHydration(fixButton);
  await fixButton.click();
  await expect(row(page, mislabelled.digest)).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('entry-details')).toContainText('Fix:');
});

test('a dangling child is greyed with its reason while the rest of the list works', async ({ page, seed }) => {
  const missing = seed.deleted[0]!;
  const present = seed.entries.dangling.find((entry) => entry.digest !== missing)!;
  await page.goto(`/inspect/${seed.references.dangling}`);
  await expect(row(page, missing)).toHaveAttribute('data-missing', 'true');
  await expect(row(page, missing)).toContainText('missing');
  // The reason is said once, in the problems, not repeated in the row.
  await expect(page.getByRole('region', { name: 'Problems' }).getByText(/does not have this child manifest/)).toHaveCount(1);
  await expect(row(page, missing)).not.toContainText('does not have this child manifest');
  await expect(row(page, present.digest)).not.toHaveAttribute('data-missing', 'true');
  await expect(row(page, present.digest)).toContainText(/\d+ · [\d.]+ k?B/);
  await expect(page.getByTestId('platform-matrix').locator(`a[data-digest="${missing}"]`)).toHaveClass(/line-through/);
});

test('buildx attestations are folded under the platform they describe', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.buildx}`);
  await expect(matrixChips(page)).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Entries', exact: true }).getByText('unknown/unknown')).toHaveCount(0);
  const images = seed.entries.buildx.filter((entry) => entry.platform?.os !== 'unknown');
  for (const image of images) await expect(row(page, image.digest)).toContainText('1 attestation');
  const showDetails = row(page, images[0]!.digest).getByRole('button', { name: /Show details/ });
  await waitForHydration(showDetails);
  await showDetails.click();
  await expect(page.getByRole('region', { name: 'Attestations' })).toContainText('attestation-manifest');
});

test('the raw JSON is the exact bytes, checked against the digest', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.ociAnnotated}`);
  // The raw bytes are fetched when React sees the section open: a click before hydration opens it empty.
  const rawSummary = page.locator('summary').filter({ hasText: /^Raw manifest \(/ });
  await waitForHydration(rawSummary);
  await rawSummary.click();
  await expect(page.getByTestId('raw-json')).toContainText('"schemaVersion": 2');
  await expect(page.getByTestId('raw-json')).toContainText('org.opencontainers.image.description');
  await expect(page.getByText('this browser checked it')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy raw' })).toBeVisible();
});

test('the equivalent commands use the reference on screen, with --insecure for a loopback registry', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.golang}`);
  const commands = page.getByRole('region', { name: 'Equivalent commands' });
  await expect(commands).toContainText(`docker manifest inspect --insecure ${seed.references.golang}`);
  await expect(commands).toContainText(`crane manifest --insecure ${seed.references.golang}`);
  await expect(commands).toContainText(`regctl manifest get ${seed.references.golang}`);
  await expect(commands).toContainText(`docker buildx imagetools inspect ${seed.references.golang}`);
});

test('an unknown repository gets an error page that says what to check', async ({ page, registryHost }) => {
  await page.goto(`/inspect/${registryHost}/demo/does-not-exist:latest`);
  const error = page.getByRole('alert', { name: 'Nothing at this reference' });
  await expect(error).toHaveAttribute('data-error-code', 'NOT_FOUND');
  await expect(error.getByRole('heading', { level: 1 })).toHaveText('Nothing at this reference');
  await expect(error).toContainText('Check the spelling of the repository and the tag');
  await expect(error.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('a malformed reference in the URL explains how to write one', async ({ page }) => {
  await page.goto('/inspect/Registry.Example/Some/Repo');
  const error = page.getByRole('alert', { name: 'This is not an image reference' });
  await expect(error).toHaveAttribute('data-error-code', 'INVALID_REFERENCE');
  await expect(error).toContainText('[registry/]repository[:tag][@digest]');
});

test('a tag that is one image manifest is shown as a single entry with a way to make a list', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.single}`);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('not a list');
  await expect(matrixChips(page)).toHaveCount(1);
  await expect(page.getByRole('table', { name: 'Entries', exact: true })).toContainText('linux/amd64 (config)');
  const makeList = page.getByRole('button', { name: 'Make a list' });
  await waitForHydration(makeList);
  await makeList.click();
  await expect(page.getByTestId('index-editor')).toBeVisible();
});

test('a nested index is one entry that opens onto its own children', async ({ page, seed, registry, registryHost }) => {
  const repository = 'demo/golang';
  const tag = uniqueTag('nested');
  const golangList = await registry.getManifest(repository, seed.digests.golang);
  const amd64 = seed.entries.golang[0]!;
  const amd64Manifest = await registry.getManifest(repository, amd64.digest);
  await registry.putOciIndex(repository, tag, [
    { mediaType: amd64Manifest.mediaType, digest: amd64.digest, size: amd64Manifest.size, platform: amd64.platform },
    { mediaType: golangList.mediaType, digest: golangList.digest, size: golangList.size },
  ]);

  await page.goto(`/inspect/${registryHost}/${repository}:${tag}`);
  const nested = row(page, seed.digests.golang);
  await expect(nested).toContainText('nested index · 6 entries');
  const showNested = nested.getByRole('button', { name: /Show details/ });
  await waitForHydration(showNested);
  await showNested.click();
  const children = page.getByRole('table', { name: 'Entries of the nested index' });
  for (const entry of seed.entries.golang) await expect(children.locator(`tr[data-entry-digest="${entry.digest}"]`)).toBeVisible();

  await children.locator(`tr[data-entry-digest="${seed.entries.golang[2]!.digest}"]`).getByRole('button', { name: /Show details/ }).click();
  await expect(page).toHaveURL(new RegExp(`\\?digest=${seed.entries.golang[2]!.digest}$`));
  await page.reload();
  await expect(children.locator(`tr[data-entry-digest="${seed.entries.golang[2]!.digest}"]`)).toHaveAttribute('aria-current', 'true');
});

test('an empty list says so instead of showing an empty grid', async ({ page, registry, registryHost }) => {
  const tag = uniqueTag('empty');
  await registry.putOciIndex('demo/golang', tag, []);
  await page.goto(`/inspect/${registryHost}/demo/golang:${tag}`);
  await expect(page.getByTestId('platform-matrix')).toContainText('This list has no entries');
  await expect(page.getByRole('table', { name: 'Entries', exact: true })).toContainText('No entries.');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('empty');
});
