import { expect, test } from './fixtures';
import { waitForHydration } from './fixtures/hydration';
import { uniqueTag } from './fixtures/registry';

test('the tags of the repository open on demand, sorted, each linking to its own page', async ({ page, seed, registry }) => {
  const repository = 'demo/single';
  const prefix = uniqueTag('tags');
  const ours = [`${prefix}-b`, `${prefix}-a`, `${prefix}-c`];
  for (const tag of ours) await registry.copyTag(repository, seed.digests.single, tag);

  await page.goto(`/inspect/${registry.host}/${repository}:${ours[0]}`);
  const panel = page.locator('details', { hasText: `Tags of ${repository}` });
  await waitForHydration(panel);
  await panel.getByText(`Tags of ${repository}`).click();

  const links = panel.getByRole('list', { name: 'Tags' }).getByRole('link');
  await expect(links.filter({ hasText: prefix })).toHaveText([...ours].sort());
  await expect(links.filter({ hasText: ours[0]! })).toHaveAttribute('aria-current', 'page');

  await links.filter({ hasText: `${prefix}-c` }).click();
  await expect(page).toHaveURL(new RegExp(`/inspect/${registry.host}/${repository}:${prefix}-c$`));
});
