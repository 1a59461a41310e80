import { expect, test } from './fixtures';
import { waitForHydration } from './fixtures/hydration';

// The home page: the reference box, its inline validation, the demo links and this browser's recent references.

test('a bad reference says what is wrong and stays on the page', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Image reference' }).first();
  await waitForHydration(box);
  await box.fill('ghcr.io/Owner/App:1.0');
  await box.press('Enter');
  const form = page.getByRole('search', { name: 'Inspect an image' });
  await expect(form.getByRole('alert')).toContainText('Repository names must be lower-case');
  await expect(form.getByRole('alert')).toContainText('ghcr.io/owner/app');
  await expect(page).toHaveURL(/\/$/);

  await box.fill('golang@sha256:1234');
  await expect(form.getByRole('alert')).toContainText('sha256');
  await box.fill('golang:alpine');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('docker.io/library/golang:alpine')).toBeVisible();
});

test('a pasted reference opens its inspect page in canonical form', async ({ page, seed }) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Image reference' }).first();
  await waitForHydration(box);
  await box.fill(`  docker pull ${seed.references.golang} `);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/inspect/${seed.references.golang.replaceAll('.', '\\.')}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(seed.references.golang);
});

test('demo references from ARCHWAY_DEMO_REFERENCES are one click away', async ({ page, seed }) => {
  await page.goto('/');
  const demos = page.getByRole('list', { name: 'Demo references' });
  await expect(demos.getByRole('link')).toHaveCount(Object.keys(seed.references).length);
  await demos.getByRole('link', { name: seed.references.windows }).click();
  await expect(page).toHaveURL(/\/inspect\/.*\/demo\/windows:ltsc$/);
  await expect(page.getByTestId('platform-matrix')).toBeVisible();
});

test('references inspected in this browser come back as recent ones', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.buildx}`);
  await expect(page.getByTestId('platform-matrix')).toBeVisible();
  // The matrix is server-rendered: wait until the hydrated page has remembered the reference before leaving.
  await expect
    .poll(() => page.evaluate(() => window.localStorage.getItem('archway:recent-references') ?? ''))
    .toContain(seed.references.buildx);
  await page.goto('/');
  const recent = page.getByRole('list', { name: 'Recent references' });
  await expect(recent.getByRole('link', { name: seed.references.buildx })).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(recent).toHaveCount(0);
});
