import { Agent, fetch as undiciFetch } from 'undici';
import { inspectHref } from '@/lib/present/links';
import { startHostileRegistry } from '@/test/support/hostile-registry';
import { residentMiB } from './load';
import type { RunningNext } from './next-app';
import { freePort } from './registry-process';

/*
 * The hostile section of npm run bench (issue 8, --only hostile): what each misbehaving registry or client costs the
 * server, as figures the integration tests cannot assert (they check statuses, request counts and the test process's
 * heap; time and the server's resident memory belong here). One hostile registry (test/support/hostile-registry.ts)
 * serves every case; each case is run against the built server and its memory (RSS) read before and after.
 *   - memory growth per hostile case: endless and huge tag pages, endless referrer pages, the 10,000-entry index,
 *     six concurrent 200 MB request bodies, 5,000 distinct registry names. Target ≤ 100 MB each.
 *   - the inspect page of the 10,000-entry index (ARCHWAY_MAX_ENTRIES default 500): HTML and RSC payload bytes.
 *   - how soon an error page follows the registry's answer on loopback (a mistyped tag: 404; a rate limit: 429).
 *     Target ≤ 100 ms after the registry answered.
 */

const MIB = 1024 * 1024;
const ERROR_PAGE_SAMPLES = 20;
const DISTINCT_REGISTRIES = 5000;
const BODY_COPIES = 6;
const BODY_BYTES = 200 * MIB;

const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timedStatus(
  connections: Agent,
  url: string,
  init: { headers?: Record<string, string> } = {},
): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const response = await undiciFetch(url, { ...init, dispatcher: connections });
  const bytes = (await response.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, status: response.status, bytes };
}

/** A body of `total` bytes made on demand, never declared: the server must stop reading it at its limit. */
function endlessBody(total: number): ReadableStream<Uint8Array> {
  const piece = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += piece.byteLength;
      controller.enqueue(piece);
    },
  });
}

/** Runs `requests` with at most `concurrency` at once; resolves the statuses seen, counted. */
async function statusesOf(requests: (() => Promise<number>)[], concurrency: number): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const status = await requests[next++]!().catch(() => 0);
      statuses[status || 'no answer'] = (statuses[status || 'no answer'] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

const describeStatuses = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .map(([status, n]) => `${n}× ${status}`)
    .join(', ');

/** The hostile section; `registryHost` is a healthy loopback registry whose `bench/warmup/golang` exists. */
export async function benchHostile(app: RunningNext, registryHost: string): Promise<string[]> {
  const hostile = await startHostileRegistry({ pageSize: 1000, retryAfterSeconds: 120 });
  const lines = ['\n=== hostile registries and clients (issue 8): server memory per case, page size, error pages ==='];
  const growths: number[] = [];
  // The section's own connections, each kept at most 1 s idle. On the process-wide fetch's, the first case went out
  // on the warm-up inspect's connection, idle while the hostile registry started, just as the server's keep-alive
  // timeout (5 s) closed it ("other side closed").
  const connections = new Agent({ keepAliveTimeout: 1000 });
  const timed = (url: string, init?: { headers?: Record<string, string> }) => timedStatus(connections, url, init);
  try {
    const api = (path: string) => `${app.url}${path}`;
    const cases: [string, () => Promise<string>][] = [
      ['endless tag pages (1,000 names each)', async () => `${(await timed(api(`/api/v1/tags?repository=${hostile.host}/endless/app`))).status}`],
      ['huge tag pages (4 MiB each, endless)', async () => `${(await timed(api(`/api/v1/tags?repository=${hostile.host}/huge/app`))).status}`],
      [
        'endless referrer pages',
        async () => {
          const subject = hostile.wide.image(0).manifest.digest;
          return `${(await timed(api(`/api/v1/referrers?ref=${encodeURIComponent(`${hostile.host}/endless/app@${subject}`)}`))).status}`;
        },
      ],
      [
        'inspect of a 10,000-entry index',
        async () => `${(await timed(api(`/api/v1/inspect?ref=${encodeURIComponent(`${hostile.host}/wide/app:latest`)}`))).status}`,
      ],
      [
        `${BODY_COPIES} concurrent undeclared ${BODY_BYTES / MIB} MB push bodies`,
        async () => {
          const statuses = await statusesOf(
            Array.from({ length: BODY_COPIES }, () => async () => {
              const response = await undiciFetch(api('/api/v1/push'), {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                // undici's own body type; the stream is a web ReadableStream either way.
                body: endlessBody(BODY_BYTES) as unknown as NonNullable<Parameters<typeof undiciFetch>[1]>['body'],
                duplex: 'half',
              });
              await response.arrayBuffer();
              return response.status;
            }),
            BODY_COPIES,
          );
          return describeStatuses(statuses);
        },
      ],
      [
        `${DISTINCT_REGISTRIES.toLocaleString('en')} distinct registry names (refused connections)`,
        async () => {
          // Loopback addresses on a port nothing listens on: each name is a registry client of its own, and its
          // connections (HTTPS, then plain HTTP) are refused at once. Not port 9: fetch refuses that "bad port" itself,
          // before any connection or connection pool, which is what the case ran into until 2026-12-01.
          const port = await freePort();
          const dispatcher = new Agent({ connections: 50 });
          const statuses = await statusesOf(
            Array.from({ length: DISTINCT_REGISTRIES }, (_, i) => async () => {
              const registry = `127.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}:${port}`;
              const response = await undiciFetch(api(`/api/v1/inspect?ref=${encodeURIComponent(`${registry}/app:1`)}`), { dispatcher });
              await response.arrayBuffer();
              return response.status;
            }),
            50,
          );
          await dispatcher.close();
          return describeStatuses(statuses);
        },
      ],
    ];
    for (const [name, run] of cases) {
      const before = residentMiB(app.pid);
      const outcome = await run();
      const after = residentMiB(app.pid);
      growths.push(after - before);
      lines.push(`  ${name.padEnd(62)} ${before.toFixed(0).padStart(5)} → ${after.toFixed(0).padStart(5)} MB (${(after - before).toFixed(0).padStart(4)} MB)  answered ${outcome}`);
    }

    // The page of the 10,000-entry index as a browser gets it: the document, and the RSC payload of a client-side navigation.
    const wide = `${hostile.host}/wide/app:latest`;
    const html = await timed(`${app.url}${inspectHref(wide)}`, { headers: { accept: 'text/html' } });
    const rsc = await timed(`${app.url}${inspectHref(wide)}`, { headers: { rsc: '1' } });
    lines.push(
      `inspect page of the 10,000-entry index (details of the first 500): HTML ${(html.bytes / 1024).toFixed(0)} KiB (status ${html.status}, ${html.ms.toFixed(0)} ms), ` +
        `RSC payload ${(rsc.bytes / 1024).toFixed(0)} KiB (status ${rsc.status}, ${rsc.ms.toFixed(0)} ms)`,
    );

    // Error pages on loopback: the registry's answer alone, then the page that shows it.
    const mistyped = `${registryHost}/bench/warmup/golang:no-such-tag`;
    const registryAnswer: number[] = [];
    const notFoundPage: number[] = [];
    const limitedPage: number[] = [];
    let statuses = '';
    for (let i = 0; i < ERROR_PAGE_SAMPLES; i++) {
      const accept = 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json';
      registryAnswer.push((await timed(`http://${registryHost}/v2/bench/warmup/golang/manifests/no-such-tag-${i}`, { headers: { accept } })).ms);
      const notFound = await timed(`${app.url}${inspectHref(`${mistyped}-${i}`)}`, { headers: { accept: 'text/html' } });
      const limited = await timed(`${app.url}${inspectHref(`${hostile.host}/limited/app:${i}`)}`, { headers: { accept: 'text/html' } });
      notFoundPage.push(notFound.ms);
      limitedPage.push(limited.ms);
      if (i === 0) statuses = `${notFound.status} and ${limited.status}`;
    }
    const registryMs = median(registryAnswer);
    const [notFoundMs, limitedMs] = [median(notFoundPage), median(limitedPage)];
    lines.push(
      `error pages, medians of ${ERROR_PAGE_SAMPLES} (statuses ${statuses}): the registry answers a mistyped tag in ${registryMs.toFixed(1)} ms; ` +
        `the mistyped tag's page in ${notFoundMs.toFixed(1)} ms, a rate-limited registry's page in ${limitedMs.toFixed(1)} ms`,
      'Targets (hostile)',
      `  memory growth ≤ 100 MB in each case: largest ${Math.max(...growths).toFixed(0)} MB — ${verdict(Math.max(...growths) <= 100)}`,
      `  an error page within 100 ms of the registry's answer on loopback: 404 page ${(notFoundMs - registryMs).toFixed(1)} ms after it, ` +
        `429 page ${(limitedMs - registryMs).toFixed(1)} ms — ${verdict(Math.max(notFoundMs, limitedMs) - registryMs <= 100)}`,
    );
  } finally {
    await connections.close();
    await hostile.stop();
  }
  return lines;
}
