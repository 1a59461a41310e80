import { expect, test } from './fixtures';
import { waitForHydration } from './fixtures/hydration';
import { shortDigest } from '@/lib/oci/digest';
import { sortTags } from '@/lib/oci/tag-order';
import { contentOfTag, manyTagNames } from '@/scripts/lib/many-tags';

// Browse (issue 11 §1): a registry of 2,000 repositories, one that keeps its catalog closed, and a repository of
// 10,000 tags read through a proxy that pages them.

test('the catalog is read page by page, filtered, and opens a repository', async ({ page, e2e }) => {
  await page.goto(`/browse/${e2e.big.host}`);
  const list = page.getByRole('list', { name: 'Repositories' });
  await expect(page.getByRole('status').filter({ hasText: 'repositories' })).toHaveText(`${e2e.big.repositoryCount} repositories`);
  const filter = page.getByLabel('Filter repositories');
  await waitForHydration(filter);
  await filter.fill('repo-1999');
  await expect(list.getByRole('link')).toHaveText(['fleet/repo-1999']);
  await list.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/browse/${e2e.big.host}/fleet/repo-1999$`));
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link')).toHaveText([e2e.big.host]);
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText('fleet/repo-1999');
  const row = page.getByTestId('tag-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('latest');
  await expect(row).toContainText('single');
});

test('a registry that refuses its catalog says so and opens a repository by name', async ({ page, e2e }) => {
  await page.goto(`/browse/${e2e.closedRegistryHost}`);
  await expect(page.getByText(`${e2e.closedRegistryHost} does not list its repositories to Archway.`)).toBeVisible();
  const box = page.getByRole('form', { name: 'Open a repository' }).getByLabel('Repository');
  await waitForHydration(box);
  await box.fill('team/app');
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/browse/${e2e.closedRegistryHost}/team/app$`));
});

test('10,000 tags: newest versions first, rows summarised as they come into view, filtered, two compared', async ({ page, e2e }) => {
  const expected = sortTags(manyTagNames(e2e.big.tagCount));
  const contentOf = new Map(manyTagNames(e2e.big.tagCount).map((tag, i) => [tag, contentOfTag(i)]));
  const summarised: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/v1/summaries')) summarised.push(...(request.postDataJSON() as { references: string[] }).references);
  });

  await page.goto(`/browse/${e2e.big.host}/${e2e.big.repository}`);
  await expect(page.getByRole('status').filter({ hasText: 'tags' })).toHaveText(`${e2e.big.tagCount} tags`);
  const rows = page.getByTestId('tag-row');
  await expect(rows.first().getByRole('link')).toHaveText(expected[0]!);
  await expect(rows.nth(1).getByRole('link')).toHaveText(expected[1]!);
  // Virtualised: a screenful of rows exists, not ten thousand.
  expect(await rows.count()).toBeLessThan(80);

  const first = expected[0]!;
  const firstContent = contentOf.get(first)!;
  await expect(rows.first()).toContainText(shortDigest(e2e.big.digests[firstContent]));
  await expect(rows.first()).toContainText(firstContent === 'single' ? 'single' : 'list');

  // The end of the list: the tags that are not versions, summarised once they scroll into view.
  await page.getByRole('list', { name: 'Tags' }).evaluate((list) => list.parentElement!.scrollTo(0, list.scrollHeight));
  const last = expected.at(-1)!;
  const lastRow = rows.filter({ has: page.getByRole('link', { name: last, exact: true }) });
  await expect(lastRow).toContainText(shortDigest(e2e.big.digests[contentOf.get(last)!]));
  // Only what was on screen was summarised.
  expect(summarised.length).toBeLessThan(300);
  expect(summarised).toContain(`${e2e.big.host}/${e2e.big.repository}:${last}`);

  const filter = page.getByLabel('Filter tags');
  await filter.fill('-alpine');
  const alpine = expected.filter((tag) => tag.includes('-alpine'));
  await expect(page.getByRole('status').filter({ hasText: 'tags' })).toHaveText(`${e2e.big.tagCount} tags, ${alpine.length} match`);
  await expect(rows.first().getByRole('link')).toHaveText(alpine[0]!);

  await page.getByLabel(`Select ${alpine[0]} to compare`).check();
  await page.getByLabel(`Select ${alpine[1]} to compare`).check();
  await page.getByRole('link', { name: `Compare ${alpine[0]} with ${alpine[1]}` }).click();
  await expect(page).toHaveURL(/\/compare\?a=/);
  await expect(page.getByRole('table', { name: 'Platforms' })).toBeVisible();

  await page.goBack();
  await page.getByRole('link', { name: expected[0]!, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/inspect/${e2e.big.host}/${e2e.big.repository}:${expected[0]!.replaceAll('.', '\\.')}$`));
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link')).toHaveText([e2e.big.host, e2e.big.repository]);
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText(expected[0]!);
});
