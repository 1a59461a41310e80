import { expect, test, uniqueTag } from './fixtures';
import { waitForHydration } from './fixtures/hydration';

// Issue 10's behaviours: fixes where problems are read, focus that follows the flow, the filter, the phone
// layout, the `/` shortcut and the remembered theme.

test('keyboard only: Fix all → review → push → undo, focus following each step', async ({ page, seed, registry, registryHost }) => {
  const tag = uniqueTag('keys');
  const original = await registry.copyTag('demo/wrong-arch', seed.digests.wrongArch, tag);
  const reference = `${registryHost}/demo/wrong-arch:${tag}`;
  await page.goto(`/inspect/${reference}`);

  const fixAll = page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: /^Fix all/ });
  await waitForHydration(fixAll);
  await fixAll.focus();
  await page.keyboard.press('Enter');
  // The editor opens with both fixes made, and focus on the first entry it changed.
  const first = page.getByRole('listitem', { name: 'Entry 1: linux/arm64/v8' });
  await expect(first).toBeFocused();
  await expect(page.getByRole('listitem', { name: 'Entry 2: linux/amd64' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '2 fixes applied' })).toBeVisible();

  await page.getByRole('toolbar', { name: 'Push actions' }).getByRole('button', { name: 'Review changes' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('push-flow-focus')).toBeFocused();
  await expect(page.getByTestId('push-flow-focus')).toContainText(`Review of the push to ${reference}`);
  const digest = (await page.getByTestId('review-digest').locator('code').first().getAttribute('title'))!;

  await page.getByRole('button', { name: `Push to ${reference}` }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`@${digest}\\?done=pushed&from=${original}$`));
  const banner = page.getByTestId('outcome-banner');
  await expect(banner).toBeFocused();
  await expect(banner).toContainText(`Pushed. :${tag} now points at ${digest.slice(0, 19)}`);
  expect(await registry.tagDigest('demo/wrong-arch', tag)).toBe(digest);

  // Tab from the banner reaches its link, then the undo.
  await page.keyboard.press('Tab');
  await expect(banner.getByRole('link')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(banner.getByRole('button', { name: 'Undo the push' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`@${original}\\?done=reverted&from=${digest}$`));
  await expect(banner).toBeFocused();
  await expect(banner).toContainText(`Reverted. :${tag} now points at ${original.slice(0, 19)}`);
  expect(await registry.tagDigest('demo/wrong-arch', tag)).toBe(original);

  // The history says what each change did; its confirmation is a dialog: focus inside, Escape closes it.
  const history = page.getByRole('region', { name: /^History of/ });
  await expect(history.getByTestId('history-change').last()).toHaveText('linux/amd64 → linux/arm64/v8; linux/x86_64 → linux/amd64');
  const redo = history.getByRole('button', { name: `Redo: back to ${digest.slice(0, 19)}` });
  await redo.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Confirm revert' });
  await expect(dialog.getByRole('button', { name: 'Confirm redo' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Confirm redo' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(redo).toBeFocused();
});

test('one problem fixed from where it is read: the editor opens with that change only', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.wrongArch}`);
  const problems = page.getByRole('region', { name: 'Problems' });
  const fix = problems.getByRole('button', { name: "Fix: Use the image's own platform, linux/arm64/v8" });
  await waitForHydration(fix);
  await fix.click();
  await expect(page.getByRole('listitem', { name: 'Entry 1: linux/arm64/v8' })).toBeFocused();
  await expect(page.getByRole('listitem', { name: 'Entry 2: linux/x86_64' })).toBeVisible();
});

test('the filter narrows the matrix and the entries table together', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.many}`);
  const matrix = page.getByTestId('platform-matrix');
  const total = seed.entries.many.length;
  await expect(matrix.getByRole('link')).toHaveCount(total);
  const search = page.getByRole('searchbox');
  await waitForHydration(search);
  await search.fill('windows');
  const windows = seed.entries.many.filter((entry) => entry.platform?.os === 'windows').length;
  await expect(matrix.getByRole('link')).toHaveCount(windows);
  await expect(page.getByRole('table', { name: 'Entries', exact: true }).locator('tr[data-entry-digest]')).toHaveCount(windows);
  await expect(page.getByText(`${windows} of ${total} entries shown`)).toBeVisible();
  await page.getByRole('button', { name: 'Clear filter' }).click();

  await page.goto(`/inspect/${seed.references.wrongArch}`);
  const problemsOnly = page.getByRole('checkbox', { name: 'Problems only' });
  await waitForHydration(problemsOnly);
  await problemsOnly.check();
  // arm/v7 is the one clean entry of the wrong-arch list.
  await expect(page.getByTestId('platform-matrix').getByRole('link')).toHaveCount(2);
});

test('the matrix names each problem in words and puts x86_64 in the amd64 column, marked', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.wrongArch}`);
  const matrix = page.getByTestId('platform-matrix');
  await expect(matrix.getByRole('columnheader', { name: 'x86_64' })).toHaveCount(0);
  const [liar, alias] = seed.entries.wrongArch;
  await expect(matrix.locator(`a[data-digest="${liar!.digest}"]`)).toContainText('Image is linux/arm64/v8');
  await expect(matrix.locator(`a[data-digest="${alias!.digest}"]`)).toContainText('listed as x86_64');
  // The digest prefix, then the size.
  await expect(matrix.locator(`a[data-digest="${alias!.digest}"]`)).toContainText(new RegExp(`${alias!.digest.slice(7, 19)}[\\d.]+ k?B`));
});

test('"/" focuses the reference box, which holds the page\'s reference', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.golang}`);
  // It offers the repository's tags (a datalist), which makes it a combobox.
  const box = page.getByRole('banner').getByRole('combobox', { name: 'Image reference' });
  await waitForHydration(box);
  await expect(box).toHaveValue(seed.references.golang);
  await page.locator('body').press('/');
  await expect(box).toBeFocused();
});

test('the theme switch is remembered across pages, without a flash', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.golang}`);
  const theme = page.getByRole('combobox', { name: 'Colour theme' });
  await waitForHydration(theme);
  await theme.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The server renders the remembered theme into the first HTML.
  const html = await (await page.request.get('/')).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('combobox', { name: 'Colour theme' }).selectOption('system');
});

test('every entry offers its pull reference, repository@digest', async ({ page, seed, registryHost }) => {
  await page.goto(`/inspect/${seed.references.golang}`);
  const entry = seed.entries.golang[2]!;
  const copy = page.locator(`tr[data-entry-digest="${entry.digest}"]`).getByRole('button', { name: /^Copy pull ref/ });
  await expect(copy).toHaveAttribute('data-copy-value', `${registryHost}/demo/golang@${entry.digest}`);
});

test('an unknown address gets Archway\'s own 404, and the demo links say what each shows', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No page here');
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  const demos = page.getByRole('list', { name: 'Demo references' });
  await expect(demos.getByRole('listitem').filter({ hasText: '/demo/many:' })).toContainText('48 platforms: the matrix at scale');
});
