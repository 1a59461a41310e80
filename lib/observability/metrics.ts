import 'server-only';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { peekSharedContentCache } from '@/lib/registry/cache';
import { onRegistryRequest } from '@/lib/registry/transport';
import { currentRequest } from './request-context';

/*
 * The Prometheus metrics of this process, served by GET /metrics. Kept on globalThis: Next bundles route handlers
 * and instrumentation separately, and every bundle must count into the same registry.
 */

/** Latency buckets in seconds: a warm inspect is milliseconds, a push copying layers can take minutes. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export type PushOutcome = 'completed' | 'conflict' | 'failed';

/** How a request for a page the page cache keeps was answered (lib/server/page-cache.ts). */
export type PageCacheOutcome = 'first' | 'hit' | 'shared' | 'render' | 'failed';

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const durations = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Histogram<L>({ name, help, labelNames, buckets: DURATION_BUCKETS, registers: [registry] });
  const httpDuration = durations(
    'archway_http_request_duration_seconds',
    'HTTP requests Archway answered, by route, method and status (time to the response headers)',
    ['route', 'method', 'status'],
  );
  const registryDuration = durations(
    'archway_registry_request_duration_seconds',
    'Requests Archway sent to registries, by registry host, method and status ("error" when no answer came)',
    ['registry', 'method', 'status'],
  );
  const pushes = new Counter({
    name: 'archway_pushes_total',
    help: 'Pushes and reverts by outcome: completed, conflict (409, the tag moved) or failed',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const pageCache = new Counter({
    name: 'archway_page_cache_total',
    help: 'Inspect pages by how they were answered: first (asked for once: rendered as usual), hit (a kept render), shared (waited for a render under way), render (rendered to keep), failed (rendered as usual instead)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // The cache counts for itself; these read its figures when Prometheus scrapes.
  new Counter({
    name: 'archway_cache_hits_total',
    help: 'Content-addressed cache lookups that found the content',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(peekSharedContentCache()?.stats().hits ?? 0);
    },
  });
  new Counter({
    name: 'archway_cache_misses_total',
    help: 'Content-addressed cache lookups that had to ask the registry',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(peekSharedContentCache()?.stats().misses ?? 0);
    },
  });
  new Gauge({
    name: 'archway_cache_bytes',
    help: 'Bytes held by the content-addressed cache',
    registers: [registry],
    collect() {
      this.set(peekSharedContentCache()?.stats().bytes ?? 0);
    },
  });

  onRegistryRequest(({ registry: host, method, status, durationMs }) => {
    registryDuration.observe({ registry: host, method, status: status === undefined ? 'error' : String(status) }, durationMs / 1000);
    const request = currentRequest();
    if (request) request.registryCalls++;
  });
  return { registry, httpDuration, pushes, pageCache };
}

type Metrics = ReturnType<typeof createMetrics>;
const globalForMetrics = globalThis as typeof globalThis & { __archwayMetrics?: Metrics };

function metrics(): Metrics {
  return (globalForMetrics.__archwayMetrics ??= createMetrics());
}

/** Starts counting (registry requests are counted from then on); start-up and every handled request call it. */
export function ensureMetrics(): void {
  metrics();
}

/** Counts one answered HTTP request. */
export function observeHttpRequest(route: string, method: string, status: number, durationMs: number): void {
  metrics().httpDuration.observe({ route, method, status: String(status) }, durationMs / 1000);
}

/** Counts one push or revert by how it ended. */
export function countPush(outcome: PushOutcome): void {
  metrics().pushes.inc({ outcome });
}

/** Counts one page request the page cache answered, by how. */
export function countPageCache(outcome: PageCacheOutcome): void {
  metrics().pageCache.inc({ outcome });
}

/** The metrics in the Prometheus text format, and its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
