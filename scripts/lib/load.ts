import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

/*
 * A small closed-loop load generator for the benchmark: `clients` loops, each sending its next request as soon as
 * the last one is answered, for `seconds`. It reports throughput, the median and the 99th percentile of latency,
 * and the requests that failed (a non-2xx status or no answer). One keep-alive pool with a connection per client,
 * as 50 browsers would have, sending the Accept-Encoding a browser sends.
 *
 * undici's request(), not fetch(): the generator shares this 2-core machine with the server, and fetch's WHATWG
 * layers cost 1.4 ms of CPU per request here (2.7 ms for a page) against 0.4–0.7 ms, CPU the server then lacks:
 * measured on /api/v1/health, 343 req/s (p99 354 ms) with fetch against 562 req/s (p99 210 ms) with request().
 */

export type LoadResult = { requests: number; errors: number; perSecond: number; p50Ms: number; p99Ms: number; statuses: Record<string, number> };

/** What Chromium sends with every request; compression is part of the server's cost a browser makes it pay. */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd', 'accept-language': 'en-US,en;q=0.9' };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `clients` loops against `url` for `seconds`; every answer's body is read to its end. */
export async function runLoad(url: string, opts: { clients: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const dispatcher = new Agent({ connections: opts.clients, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  const endAt = started + opts.seconds * 1000;
  const loop = async () => {
    while (performance.now() < endAt) {
      const sent = performance.now();
      let status = 'no answer';
      try {
        const response = await request(url, { dispatcher, headers: { ...BROWSER_HEADERS, ...opts.headers } });
        await response.body.arrayBuffer();
        status = String(response.statusCode);
        if (response.statusCode < 200 || response.statusCode > 299) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - sent);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, loop));
  const elapsedSeconds = (performance.now() - started) / 1000;
  await dispatcher.close();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    statuses,
  };
}

/** Resident memory of a process in MiB (Linux /proc), or NaN where it cannot be read. */
export function residentMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
