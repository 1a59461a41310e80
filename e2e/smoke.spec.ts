import { shortDigest } from '@/lib/oci/digest';
import { expect, test } from './fixtures';

// The first pages anyone opens: if these fail, nothing else in e2e/ means much.

test('the home page loads and offers the seeded demo images', async ({ page, seed }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('textbox').first()).toBeVisible();
  await expect(page.getByText(seed.references.golang).first()).toBeVisible();
});

test('the inspect page of the golang list shows its six platforms', async ({ page, seed }) => {
  const entries = seed.entries.golang;
  expect(entries).toHaveLength(6);
  const response = await page.goto(`/inspect/${seed.references.golang}`);
  expect(response?.status()).toBe(200);
  for (const entry of entries) {
    await expect(page.getByText(shortDigest(entry.digest)).first()).toBeVisible();
  }
});
