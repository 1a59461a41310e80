import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '@/e2e/fixtures/chromium';
import type { RegistryClient } from '@/lib/registry/types';
import type { RunningNext } from './next-app';
import { startBigRegistry } from './seed-large';
import { seedDemo } from './seed';

/*
 * The browse and compare figures of `npm run bench` (issue 11 §5): how soon the tags page of a 10,000-tag repository
 * shows its first rows once the tag list has arrived, and what the page holds in memory; and what comparing the
 * 48-entry list with an edited copy costs. Measured in Debian's Chromium and against the running Archway.
 */

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** In the page, before any script: when the tags response ended, when the first row entered the DOM and was painted. */
const INSTRUMENT = () => {
  const marks: { tagsArrived?: number; firstRows?: number; firstPaint?: number } = {};
  (window as unknown as { __bench: typeof marks }).__bench = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (entry.name.includes('/api/v1/tags')) marks.tagsArrived = entry.responseEnd;
    }
  }).observe({ type: 'resource', buffered: true });
  new MutationObserver((_records, observer) => {
    if (marks.firstRows !== undefined || !document.querySelector('[data-testid="tag-row"]')) return;
    marks.firstRows = performance.now();
    requestAnimationFrame(() => setTimeout(() => (marks.firstPaint = performance.now())));
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
};

type PageSample = { firstRowsMs: number; firstPaintMs: number; heapAfterLoad: number; heapAfterScroll: number; domNodes: number };

async function measureTagsPage(url: string, runs: number): Promise<PageSample[]> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  const samples: PageSample[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(INSTRUMENT);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { __bench: { firstPaint?: number } }).__bench.firstPaint !== undefined, null, { timeout: 60_000 });
      const marks = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
        return Object.fromEntries(metrics.map((m) => [m.name, m.value])) as Record<string, number>;
      };
      const loaded = await heap();
      // Through the whole list, a screen at a time, as a flick of the scroll wheel would.
      await page.getByRole('list', { name: 'Tags' }).evaluate(async (list) => {
        const scroller = list.parentElement!;
        for (let top = 0; top < scroller.scrollHeight; top += scroller.clientHeight * 4) {
          scroller.scrollTop = top;
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
      });
      const scrolled = await heap();
      samples.push({
        firstRowsMs: marks.firstRows! - marks.tagsArrived!,
        firstPaintMs: marks.firstPaint! - marks.tagsArrived!,
        heapAfterLoad: loaded.JSHeapUsedSize!,
        heapAfterScroll: scrolled.JSHeapUsedSize!,
        domNodes: scrolled.Nodes!,
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return samples;
}

async function timeGet(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 300)}`);
  return performance.now() - started;
}

/** The 48-entry list and a copy with amd64 spelled x86_64, one platform dropped and an index annotation added. */
async function seedComparedPair(client: RegistryClient, salt: string): Promise<{ a: string; b: string }> {
  const namespace = `bench/compare-${salt}`;
  const seeded = await seedDemo(client, { namespace, salt, only: ['many'] });
  const repository = `${namespace}/many`;
  const original = await client.getManifest(repository, 'latest');
  const index = JSON.parse(new TextDecoder().decode(original.bytes)) as { manifests: { platform?: { os: string; architecture: string; variant?: string } }[]; annotations?: Record<string, string> };
  index.manifests = index.manifests
    .filter((d) => d.platform?.architecture !== 'loong64')
    .map((d) => (d.platform?.os === 'linux' && d.platform.architecture === 'amd64' && !d.platform.variant ? { ...d, platform: { ...d.platform, architecture: 'x86_64' } } : d));
  index.annotations = { 'org.opencontainers.image.version': 'edited' };
  await client.putManifest(repository, 'edited', new TextEncoder().encode(JSON.stringify(index)), original.mediaType);
  return { a: seeded.references.many, b: `${client.registry}/${repository}:edited` };
}

/** Runs both measurements against the running Archway; returns the report lines. */
export async function benchBrowseAndCompare(options: { app: RunningNext; client: RegistryClient; runs: number; salt: string }): Promise<string[]> {
  const { app, client, runs, salt } = options;
  const lines = ['\n=== browse: the tags page of a 10,000-tag repository (Chromium) ==='];
  const big = await startBigRegistry({ repositories: 0 });
  try {
    const url = `${app.url}/browse/${big.registry.host}/${big.manyTags.repository}`;
    await measureTagsPage(url, 1); // first-request costs of the route and the registry ping are not what is measured
    const samples = await measureTagsPage(url, runs);
    const firstRows = median(samples.map((s) => s.firstRowsMs));
    const firstPaint = median(samples.map((s) => s.firstPaintMs));
    lines.push(
      `medians of ${runs} page loads`,
      `  first rows in the DOM after the tag list arrived   ${firstRows.toFixed(1)} ms`,
      `  first rows painted (next frame)                     ${firstPaint.toFixed(1)} ms`,
      `  JS heap after load / after scrolling all rows       ${mib(median(samples.map((s) => s.heapAfterLoad)))} / ${mib(median(samples.map((s) => s.heapAfterScroll)))}`,
      `  DOM nodes after scrolling all 10,000 rows           ${median(samples.map((s) => s.domNodes))}`,
      `Target: first rows ≤ 300 ms after the tag list arrives: ${firstPaint.toFixed(1)} ms painted — ${firstPaint <= 300 ? 'MET' : 'NOT MET'}`,
    );
  } finally {
    await big.stop();
  }

  lines.push('\n=== compare: the 48-entry list against its edited copy (GET /api/v1/compare) ===');
  const cold: number[] = [];
  const pairs = [];
  for (let i = 0; i < runs; i++) pairs.push(await seedComparedPair(client, `${salt}-${i}`));
  const compareUrl = ({ a, b }: { a: string; b: string }) => `${app.url}/api/v1/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
  const inspectUrl = (reference: string) => `${app.url}/api/v1/inspect?ref=${encodeURIComponent(reference)}`;
  const warmupPair = await seedComparedPair(client, `${salt}-warmup`);
  await timeGet(compareUrl(warmupPair));
  for (const pair of pairs) cold.push(await timeGet(compareUrl(pair)));
  const warm: number[] = [];
  for (let i = 0; i < runs * 4; i++) warm.push(await timeGet(compareUrl(pairs[0]!)));
  const inspectWarm: number[] = [];
  for (let i = 0; i < runs * 4; i++) inspectWarm.push(await timeGet(inspectUrl(pairs[0]!.a)));
  lines.push(
    `  cold (neither list read before), median of ${runs}   ${median(cold).toFixed(1)} ms`,
    `  warm repeat, median of ${runs * 4}                   ${median(warm).toFixed(1)} ms`,
    `  for scale: a warm inspect of one of the two          ${median(inspectWarm).toFixed(1)} ms`,
  );
  return lines;
}
