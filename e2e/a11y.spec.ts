import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import type { SeedResult } from '@/scripts/lib/seed';
import { expect, test, uniqueTag } from './fixtures';
import { openEditor } from './fixtures/editor';
import { sidewaysOverflow } from './fixtures/layout';
import type { RegistryApi } from './fixtures/registry';

/*
 * axe on every page and state, in light and dark (the system setting the page follows), on a desktop and a phone:
 * no serious or critical violation anywhere. One loop over the states per combination, against the one server.
 * The run also takes the README's screenshots (docs/screenshots/).
 */

type State = { name: string; open: (page: Page) => Promise<void> };

function states(seed: SeedResult, nested: string, history: string, registryHost: string): State[] {
  const inspect = (reference: string, ready: (page: Page) => Promise<void> = async () => undefined) => async (page: Page) => {
    await page.goto(`/inspect/${reference}`);
    await expect(page.getByTestId('platform-matrix')).toBeVisible();
    await ready(page);
  };
  return [
    { name: 'home', open: async (page) => void (await page.goto('/')) },
    { name: 'inspect-clean', open: inspect(seed.references.golang) },
    { name: 'inspect-problems', open: inspect(seed.references.wrongArch) },
    { name: 'inspect-48', open: inspect(seed.references.many) },
    { name: 'inspect-nested', open: inspect(nested) },
    { name: 'inspect-dangling', open: inspect(seed.references.dangling) },
    {
      name: 'inspect-error',
      open: async (page) => {
        await page.goto(`/inspect/${registryHost}/demo/does-not-exist:latest`);
        await expect(page.getByRole('alert', { name: 'Nothing at this reference' })).toBeVisible();
      },
    },
    { name: 'editor', open: (page) => openEditor(page, seed.references.wrongArch) },
    {
      name: 'review',
      open: async (page) => {
        await openEditor(page, seed.references.golang);
        await page.getByRole('button', { name: 'Review changes' }).click();
        await expect(page.getByTestId('review-digest')).toBeVisible();
      },
    },
    {
      name: 'history',
      open: inspect(history, async (page) => {
        await expect(page.getByTestId('history-change').first()).not.toContainText('Reading');
      }),
    },
    { name: 'create', open: async (page) => void (await page.goto('/create')) },
  ];
}

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
  'light-desktop-inspect-48': 'inspect-48-light.png',
  'dark-desktop-history': 'history-dark.png',
};

let fixtures: { nested: string; history: string } | null = null;

async function newPage(browser: Browser, baseURL: string, combination: (typeof COMBINATIONS)[number]) {
  const context = await browser.newContext({ baseURL, viewport: combination.viewport, colorScheme: combination.theme, reducedMotion: 'reduce' });
  return { context, page: await context.newPage() };
}

for (const combination of COMBINATIONS) {
  test(`no serious or critical axe violation, ${combination.theme} ${combination.device}`, async ({ browser, baseURL, request, registry, seed, registryHost }) => {
    test.setTimeout(240_000);
    fixtures ??= { nested: await nestedList(registry, seed, registryHost), history: await tagWithHistory(request, registry, seed, registryHost) };
    const { context, page } = await newPage(browser, baseURL!, combination);
    const found: string[] = [];
    try {
      for (const state of states(seed, fixtures.nested, fixtures.history, registryHost)) {
        await state.open(page);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        for (const violation of results.violations) {
          if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
          const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ');
          found.push(`${state.name}: ${violation.id} (${violation.impact}) ${violation.help} at ${targets}`);
        }
        if (combination.device === 'phone') {
          // The page body never scrolls sideways at 390 px; wide content scrolls inside its own box.
          const { overflow, culprits } = await sidewaysOverflow(page);
          if (overflow > 0) found.push(`${state.name}: the page body scrolls sideways by ${overflow} px (${culprits.join('; ')})`);
        }
        const screenshot = SCREENSHOTS[`${combination.theme}-${combination.device}-${state.name}`];
        if (screenshot) await page.screenshot({ path: `docs/screenshots/${screenshot}`, fullPage: combination.device === 'phone' ? false : true });
      }
    } finally {
      await context.close();
    }
    expect(found, found.join('\n')).toEqual([]);
  });
}
