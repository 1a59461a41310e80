import { expect, test } from './fixtures';
import { waitForHydration } from './fixtures/hydration';

// Two languages (issue 10): the browser's Accept-Language picks the page's language, the switch in the header
// overrides it and is remembered; the URL is the same in both. Dates and sizes follow the page's language.

test.describe('a browser that asks for Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('gets Chinese, switches to English, and stays English after a reload', async ({ page }) => {
    await page.goto('/browse');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('浏览镜像仓库');
    await expect(page.getByRole('form', { name: '浏览镜像仓库' }).getByRole('button')).toHaveText('浏览');

    const language = page.getByRole('combobox', { name: '语言' });
    await waitForHydration(language);
    await language.selectOption('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Browse a registry');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveURL(/\/browse$/);
    // The switch itself is a client component: its label comes from the English catalog, loaded by the browser.
    await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Browse a registry');
    await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
  });

  test("reads an image's problems in Chinese, written from their codes", async ({ page, seed }) => {
    await page.goto(`/inspect/${seed.references.wrongArch}`);
    await expect(page.getByRole('heading', { name: '平台', exact: true })).toBeVisible();
    const problems = page.getByRole('region', { name: '问题', exact: true });
    await expect(problems).toContainText('清单中列为 linux/amd64，但镜像配置写的是 linux/arm64/v8。');
    await expect(problems.getByRole('button', { name: '修复： 使用镜像自身的平台 linux/arm64/v8' })).toBeVisible();
    await expect(page.getByTestId('platform-matrix')).toContainText('镜像实为 linux/arm64/v8');
  });

  test('reads dates and sizes in its own form', async ({ page, seed }) => {
    const reference = seed.references.golang;
    await page.goto(`/compare?a=${encodeURIComponent(reference)}&b=${encodeURIComponent(reference)}`);
    const table = page.getByRole('table', { name: '平台' });
    await expect(table.getByRole('columnheader', { name: '状态' })).toBeVisible();
    const amd64 = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'linux/amd64', exact: true }) });
    // The seed's images were built on 2024-06-01 at 12:00 UTC.
    await expect(amd64).toContainText('2024年6月1日 12:00 UTC');
    await expect(amd64).toContainText(/\d+(\.\d)? (B|kB|MB)/);
    await expect(amd64).toContainText('相同');
  });
});

test('an English browser keeps the ISO date, and can switch to Chinese', async ({ page, seed }) => {
  const reference = seed.references.golang;
  await page.goto(`/compare?a=${encodeURIComponent(reference)}&b=${encodeURIComponent(reference)}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('table', { name: 'Platforms' })).toBeVisible();
  const amd64 = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'linux/amd64', exact: true }) });
  await expect(amd64).toContainText('2024-06-01 12:00 UTC');

  const language = page.getByRole('combobox', { name: 'Language' });
  await waitForHydration(language);
  await language.selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '平台（按平台标识对应）' })).toBeVisible();
  await expect(amd64).toContainText('2024年6月1日 12:00 UTC');
  await expect(page).toHaveURL(/\/compare\?a=/);
});

test('a page does not carry the catalog: client components translate from a chunk of their own', async ({ page, request }) => {
  // A message the home page never shows: it would be in the HTML only if the whole catalog rode in the page's payload.
  const html = await (await request.get('/')).text();
  expect(html).toContain('<html lang="en"');
  expect(html).not.toContain('An index annotation is typed twice.');

  // The hydrated language switch, a client component, still has its label from the catalog.
  await page.goto('/');
  const language = page.getByRole('combobox', { name: 'Language' });
  await waitForHydration(language);
  await expect(language).toHaveValue('en');
});
