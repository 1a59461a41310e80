import type { APIRequestContext, Page } from '@playwright/test';
import { compareHref } from '@/lib/present/links';
import type { SeedResult } from '@/scripts/lib/seed';
import type { E2eEnvironment } from './fixtures/environment';
import { expect, test, uniqueTag } from './fixtures';
import { scanPage } from './fixtures/axe';
import { openEditor } from './fixtures/editor';
import { waitForHydration } from './fixtures/hydration';
import { sidewaysOverflow } from './fixtures/layout';
import type { RegistryApi } from './fixtures/registry';

/*
 * axe on every page and state, in light and dark (the system setting the page follows), on a desktop and a phone:
 * no serious or critical violation anywhere, and at 390 px the page body never scrolls sideways. Each state is
 * opened once and checked in all four combinations: the theme and the layout are CSS (prefers-color-scheme, media
 * queries), so switching the emulated scheme and the viewport re-renders the same page without loading it again
 * (axe is loaded into it once: fixtures/axe.ts). A last test plants violations, so a scan that stopped looking fails.
 * The run also takes the README's screenshots: into .test-output/screenshots/, or with ARCHWAY_UPDATE_SCREENSHOTS=1
 * into docs/screenshots/ (each run's differ, if only by the registry's port: a plain test run leaves git clean).
 */

const SCREENSHOT_DIR = process.env.ARCHWAY_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : '.test-output/screenshots';

/** What a state opens: the run's environment, and the two lists made for this spec. */
type Context = E2eEnvironment & { nested: string; history: string };
type State = { name: string; open: (page: Page, context: Context) => Promise<void> };

const COMBINATIONS = [
  { theme: 'light', device: 'desktop', viewport: { width: 1440, height: 900 } },
  { theme: 'dark', device: 'desktop', viewport: { width: 1440, height: 900 } },
  { theme: 'light', device: 'phone', viewport: { width: 390, height: 844 } },
  { theme: 'dark', device: 'phone', viewport: { width: 390, height: 844 } },
] as const;

const SCREENSHOTS: Record<string, string> = {
  'light-desktop-inspect-problems': 'inspect-light.png',
  'dark-desktop-inspect-problems': 'inspect-dark.png',
  'light-phone-inspect-problems': 'inspect-phone.png',
};

const inspect =
  (reference: (context: Context) => string, ready: (page: Page) => Promise<void> = async () => undefined) =>
  async (page: Page, context: Context) => {
    await page.goto(`/inspect/${reference(context)}`);
    await expect(page.getByTestId('platform-matrix')).toBeVisible();
    await ready(page);
  };

const STATES: State[] = [
  { name: 'home', open: async (page) => void (await page.goto('/')) },
  { name: 'inspect-clean', open: inspect(({ seed }) => seed.references.golang) },
  { name: 'inspect-problems', open: inspect(({ seed }) => seed.references.wrongArch) },
  { name: 'inspect-48', open: inspect(({ seed }) => seed.references.many) },
  { name: 'inspect-nested', open: inspect(({ nested }) => nested) },
  { name: 'inspect-dangling', open: inspect(({ seed }) => seed.references.dangling) },
  {
    name: 'inspect-error',
    open: async (page, { registryHost }) => {
      await page.goto(`/inspect/${registryHost}/demo/does-not-exist:latest`);
      await expect(page.getByRole('alert', { name: 'Nothing at this reference' })).toBeVisible();
    },
  },
  { name: 'editor', open: (page, { seed }) => openEditor(page, seed.references.wrongArch) },
  {
    name: 'review',
    open: async (page, { seed }) => {
      await openEditor(page, seed.references.golang);
      await page.getByRole('button', { name: 'Review changes' }).click();
      await expect(page.getByTestId('review-digest')).toBeVisible();
    },
  },
  {
    name: 'history',
    open: inspect(
      ({ history }) => history,
      async (page) => {
        await expect(page.getByTestId('history-change').first()).not.toContainText('Reading');
      },
    ),
  },
  { name: 'create', open: async (page) => void (await page.goto('/create')) },
  {
    name: 'not-found',
    open: async (page) => {
      await page.goto('/no-such-page');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'browse-catalog',
    open: async (page, { big }) => {
      await page.goto(`/browse/${big.host}`);
      await expect(page.getByRole('list', { name: 'Repositories' }).getByRole('link').first()).toBeVisible();
    },
  },
  {
    name: 'browse-tags',
    open: async (page, { big }) => {
      await page.goto(`/browse/${big.host}/${big.repository}`);
      // Rows are summarised as they come into view: wait until the first one says what it holds.
      await expect(page.getByTestId('tag-row').first()).toContainText(/list|single/);
    },
  },
  {
    name: 'compare',
    open: async (page, { seed }) => {
      await page.goto(compareHref(seed.references.golang, seed.references.wrongArch));
      await expect(page.getByRole('table', { name: 'Platforms' })).toBeVisible();
    },
  },
  {
    name: 'registries',
    open: async (page) => {
      await page.goto('/registries');
      await expect(page.getByRole('form', { name: 'Sign in to a registry' })).toBeVisible();
    },
  },
];

/** A tag whose history has a push and a revert, made once through the API for the history state. */
async function tagWithHistory(request: APIRequestContext, registry: RegistryApi, seed: SeedResult, registryHost: string) {
  const tag = uniqueTag('a11y-history');
  const reference = `${registryHost}/demo/golang:${tag}`;
  const original = await registry.copyTag('demo/golang', seed.digests.golang, tag);
  const manifests = seed.entries.golang.slice(0, 5).map((entry) => ({ source: `${registryHost}/demo/golang@${entry.digest}` }));
  const pushed = await request.post('/api/v1/push', { data: { target: reference, base: original, manifests } });
  expect(pushed.status(), await pushed.text()).toBe(200);
  return reference;
}

/** A list holding an image and, nested, the whole golang list. */
async function nestedList(registry: RegistryApi, seed: SeedResult, registryHost: string) {
  const tag = uniqueTag('a11y-nested');
  const golangList = await registry.getManifest('demo/golang', seed.digests.golang);
  const amd64 = seed.entries.golang[0]!;
  const amd64Manifest = await registry.getManifest('demo/golang', amd64.digest);
  await registry.putOciIndex('demo/golang', tag, [
    { mediaType: amd64Manifest.mediaType, digest: amd64.digest, size: amd64Manifest.size, platform: amd64.platform },
    { mediaType: golangList.mediaType, digest: golangList.digest, size: golangList.size },
  ]);
  return `${registryHost}/demo/golang:${tag}`;
}

/*
 * The dark theme changes colours and nothing else (the same classes, mirrored by light-dark()), so in dark the scan
 * runs the rules that read colours; every other rule gave its answer for the same layout in light.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
/** WCAG 2.2 AA: the tags are OR-ed (`wcag22aa` alone is only target-size). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What is wrong with the page as it is now: serious or critical axe violations, and on a phone a body that scrolls sideways. */
async function findings(page: Page, { theme, device }: (typeof COMBINATIONS)[number]): Promise<string[]> {
  const found: string[] = [];
  // A sticky bar (the header from md up, the push actions) covers whatever scrolls under it, so which target it half
  // hides depends on the scroll position, not on the page (Tab scrolls targets clear of it: scroll-padding). axe
  // reads the page from its top with the bars in the flow; they are still checked themselves.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (getComputedStyle(element).position !== 'sticky') continue;
      element.dataset.unstuck = 'true';
      element.style.position = 'static';
    }
  });
  const results = await scanPage(page, theme === 'dark' ? { type: 'rule', values: COLOUR_RULES } : { type: 'tag', values: WCAG_TAGS });
  await page.evaluate(() => {
    for (const element of document.querySelectorAll<HTMLElement>('[data-unstuck]')) {
      element.style.position = '';
      delete element.dataset.unstuck;
    }
  });
  for (const violation of results.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ');
    found.push(`${violation.id} (${violation.impact}) ${violation.help} at ${targets}`);
  }
  if (device === 'phone') {
    // Wide content (the entries table, the JSON) scrolls inside its own box; the body itself never does.
    const { overflow, culprits } = await sidewaysOverflow(page);
    if (overflow > 0) found.push(`the page body scrolls sideways by ${overflow} px (${culprits.join('; ')})`);
  }
  return found;
}

test.describe('every page and state, light and dark, desktop and phone', () => {
  let made: { nested: string; history: string } | null = null;
  test.use({ reducedMotion: 'reduce', viewport: COMBINATIONS[0].viewport });

  for (const state of STATES) {
    test(`${state.name}: no serious or critical axe violation, no sideways scroll at 390 px`, async ({ page, e2e, request, registry }) => {
      test.setTimeout(120_000);
      made ??= { nested: await nestedList(registry, e2e.seed, e2e.registryHost), history: await tagWithHistory(request, registry, e2e.seed, e2e.registryHost) };
      await state.open(page, { ...e2e, ...made });
      const found: string[] = [];
      for (const combination of COMBINATIONS) {
        await page.setViewportSize(combination.viewport);
        await page.emulateMedia({ colorScheme: combination.theme });
        for (const finding of await findings(page, combination)) found.push(`${combination.theme} ${combination.device}: ${finding}`);
        const screenshot = SCREENSHOTS[`${combination.theme}-${combination.device}-${state.name}`];
        if (screenshot) await page.screenshot({ path: `${SCREENSHOT_DIR}/${screenshot}`, fullPage: combination.device === 'desktop' });
      }
      expect(found, found.join('\n')).toEqual([]);
    });
  }
});

test('the scan finds what it is there to find: a planted unnamed, low-contrast button, in light and in dark', async ({ page }) => {
  await page.goto('/registries');
  // Planted once React has taken the page over: a node planted before hydration is dropped by it.
  await waitForHydration(page.getByRole('form', { name: 'Sign in to a registry' }));
  // By the DevTools protocol, which the page's policy (no inline script) does not govern.
  await page.evaluate(() => {
    const faint = document.createElement('button');
    faint.style.cssText = 'color:#777;background:#888;font-size:14px';
    faint.append('Faint words');
    const unnamed = document.createElement('button');
    unnamed.style.cssText = 'width:40px;height:40px';
    const planted = document.createElement('div');
    planted.dataset.testid = 'planted';
    planted.append(faint, unnamed);
    document.body.append(planted);
  });
  await expect(page.getByTestId('planted').getByRole('button')).toHaveCount(2);
  const found: string[] = [];
  for (const combination of [COMBINATIONS[0], COMBINATIONS[1], COMBINATIONS[2]]) {
    await page.setViewportSize(combination.viewport);
    await page.emulateMedia({ colorScheme: combination.theme });
    found.push(...(await findings(page, combination)).map((finding) => `${combination.theme} ${combination.device}: ${finding.split(' ')[0]}`));
  }
  expect(found).toEqual(
    expect.arrayContaining(['light desktop: button-name', 'light desktop: color-contrast', 'dark desktop: color-contrast', 'light phone: button-name']),
  );
  // Dark runs the colour rules only.
  expect(found).not.toContain('dark desktop: button-name');
});
