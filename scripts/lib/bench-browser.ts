import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '@/e2e/fixtures/chromium';

/*
 * Browser figures for the inspect page, measured in Debian's Chromium with a cold cache per sample: the JavaScript
 * transferred, first paint, largest contentful paint, and "interactive": the moment React has hydrated the page's
 * main button (its handlers are attached), which is when a click first does something.
 */

export type BrowserSample = { jsBytes: number; firstPaint: number; lcp: number; interactive: number };

async function sample(browser: Browser, url: string): Promise<BrowserSample> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const holder = window as unknown as { __lcp: number };
      holder.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) holder.__lcp = entry.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => {
      const button = [...document.querySelectorAll('button')].find((node) => /^(Edit list|Make a list)$/.test(node.textContent ?? ''));
      return Boolean(button && Object.keys(button).some((key) => key.startsWith('__reactProps$')));
    });
    return await page.evaluate(() => {
      const interactive = performance.now();
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const jsBytes = resources.filter((entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js')).reduce((sum, entry) => sum + entry.transferSize, 0);
      const paint = performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint') ?? performance.getEntriesByType('paint')[0];
      return { jsBytes, firstPaint: paint?.startTime ?? NaN, lcp: (window as unknown as { __lcp: number }).__lcp, interactive };
    });
  } finally {
    await context.close();
  }
}

/** Medians of `samples` cold loads of each page, one line per page. */
export async function benchBrowser(pages: Record<string, string>, samples: number): Promise<string[]> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  try {
    const lines = ['', `Inspect page in Chromium (cold cache, median of ${samples}; targets: JS ≤ 180 KB, LCP ≤ 400 ms, interactive ≤ 700 ms)`];
    lines.push('| page | JS transferred | first paint | largest paint | interactive (hydrated) |', '| --- | --- | --- | --- | --- |');
    for (const [label, url] of Object.entries(pages)) {
      // One throwaway load warms the server (route compilation, registry ping); it is not counted.
      await sample(browser, url);
      const runs: BrowserSample[] = [];
      for (let i = 0; i < samples; i++) runs.push(await sample(browser, url));
      const js = median(runs.map((run) => run.jsBytes)) / 1000;
      const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
      lines.push(`| ${label} | ${js.toFixed(1)} KB | ${ms(runs.map((r) => r.firstPaint))} | ${ms(runs.map((r) => r.lcp))} | ${ms(runs.map((r) => r.interactive))} |`);
    }
    return lines;
  } finally {
    await browser.close();
  }
}
