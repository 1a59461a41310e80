import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';

/*
 * A small closed-loop load generator for the benchmark: `clients` loops, each sending its next request as soon as
 * the last one is answered. They run for `warmupSeconds` unmeasured, then for `seconds` measured, without a pause
 * between: only requests sent in the measured window count, so the figures are the server's steady state under
 * that load. The opening burst (every client's first request, sent at the same instant to an idle server) is
 * reported on its own: in it, 50 page requests arrive together and the last answer comes after 2–4 s here, which
 * in a 30 s window is 3–4 % of the requests and would be the p99 by itself.
 * It reports throughput, the median and the 99th percentile of latency, and the requests that failed (a non-2xx
 * status or no answer). One keep-alive pool with a connection per client, as 50 browsers would have, sending the
 * Accept-Encoding a browser sends.
 *
 * undici's request(), not fetch(): the generator shares this 2-core machine with the server, and fetch's WHATWG
 * layers cost 1.4 ms of CPU per request here (2.7 ms for a page) against 0.4–0.7 ms, CPU the server then lacks:
 * measured on /api/v1/health, 343 req/s (p99 354 ms) with fetch against 562 req/s (p99 210 ms) with request().
 *
 * The benchmark runs it in a process of its own (runLoadApart, load-process.ts), as wrk would be: in the
 * benchmark's process its loop also served the hostile registry, the trickling pushes and that process's own
 * garbage, and every pause there was read as Archway's latency. Measured on one server, interleaved, eight pairs of
 * 10 s runs on the inspect API: the generator's event loop stalled up to 49 ms (p99 6–10 ms), and the p99 read in
 * the benchmark's process was 167–232 ms (mean 189) against 159–193 ms (mean 175) read apart.
 */

export type LoadResult = {
  requests: number;
  /** Failures among the requests sent in the measured window. */
  errors: number;
  /** Failures during the warm-up, which the measured figures leave out. */
  warmupErrors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
  /** The slowest answer to the opening burst (each client's first request, all sent at once). */
  burstSlowestMs: number;
};

/** What Chromium sends with every request; compression is part of the server's cost a browser makes it pay. */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd', 'accept-language': 'en-US,en;q=0.9' };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export type LoadSpec = {
  url: string;
  clients: number;
  seconds: number;
  warmupSeconds?: number;
  headers?: Record<string, string>;
  /** A query parameter given a new value on every request: each asks for an address no one asked for before. */
  freshQuery?: string;
};

/** `spec.url`, or with `spec.freshQuery` a new address on every call. */
function addresses(spec: LoadSpec): () => string {
  const { url, freshQuery } = spec;
  if (freshQuery === undefined) return () => url;
  let next = 0;
  const joiner = url.includes('?') ? '&' : '?';
  return () => `${url}${joiner}${encodeURIComponent(freshQuery)}=${next++}`;
}

/**
 * Runs `clients` loops against the spec's address in this process, warm-up then measured window; every answer's
 * body is read to its end.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const nextUrl = addresses(spec);
  const dispatcher = new Agent({ connections: spec.clients, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let warmupErrors = 0;
  let burstSlowestMs = 0;
  const started = performance.now();
  const measureFrom = started + (spec.warmupSeconds ?? 0) * 1000;
  const endAt = measureFrom + spec.seconds * 1000;
  const loop = async () => {
    let isFirst = true;
    while (performance.now() < endAt) {
      const sent = performance.now();
      let status = 'no answer';
      let isOk = false;
      try {
        const response = await request(nextUrl(), { dispatcher, headers: { ...BROWSER_HEADERS, ...spec.headers } });
        await response.body.arrayBuffer();
        status = String(response.statusCode);
        isOk = response.statusCode >= 200 && response.statusCode <= 299;
      } catch {
        // no answer: counted below
      }
      const took = performance.now() - sent;
      if (isFirst) burstSlowestMs = Math.max(burstSlowestMs, took);
      isFirst = false;
      // Only what was sent in the measured window counts; the warm-up's failures are counted apart.
      if (sent < measureFrom) {
        if (!isOk) warmupErrors++;
        continue;
      }
      if (!isOk) errors++;
      latencies.push(took);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: spec.clients }, loop));
  await dispatcher.close();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    warmupErrors,
    // Requests sent in the window over the window: the answers still coming after its end are not time it ran.
    perSecond: latencies.length / spec.seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    statuses,
    burstSlowestMs,
  };
}

const LOAD_PROCESS = path.join(__dirname, 'load-process.ts');

/** Runs the load from a process of its own (see the top of this file), with nothing else on its event loop. */
export function runLoadApart(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', LOAD_PROCESS, JSON.stringify(spec)],
      { cwd: path.resolve(__dirname, '../..'), maxBuffer: 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`the load process failed: ${stderr.trim() || err.message}`));
        resolve(JSON.parse(stdout) as LoadResult);
      },
    );
  });
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
