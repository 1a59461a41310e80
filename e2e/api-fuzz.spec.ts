import fc from 'fast-check';
import { expect, test } from './fixtures';
import { secretsIn } from './fixtures/secrets';

/*
 * Every /api route against the running server with generated references, bodies, headers and cookies (issue 7 §6):
 * no answer is a 5xx unless it is a registry's own failure (502 REGISTRY_ERROR, 504 TIMEOUT), every error is the API's
 * JSON shape, no answer carries a secret, and the server is still up at the end. Writes go to a `fuzz/` repository
 * of the second registry only, so the seeded tags other specs read stay as they are.
 */

const RUNS = Number(process.env.ARCHWAY_FUZZ_RUNS ?? 200);
const REGISTRY_FAILURES = new Set(['REGISTRY_ERROR', 'TIMEOUT']);

type Answer = { status: number; headers: string; body: string };

const printable = (maxLength: number) => fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCZ[\\]^_`abcz{|}~'), maxLength });
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

test.describe.configure({ timeout: 15 * 60_000 });

test('no /api route answers 5xx (but registry failures), leaks a secret or falls over, whatever it is sent', async ({ e2e, baseURL }) => {
  const seeded = Object.values(e2e.seed.references);
  const registries = [e2e.registryHost, e2e.secondRegistryHost, e2e.privateRegistryHost];
  const tricky = ['', ' ', '..', '%00', '\u0000', 'a'.repeat(300), '169.254.169.254/x:1', 'localhost:0/x', '[::1]:1/x', 'UPPER/Case', 'a@sha256:', 'a:b:c@d', '../../etc/passwd', 'golang:alpine'];
  const reference = fc.oneof(
    fc.constantFrom(...seeded, ...tricky),
    fc.tuple(fc.constantFrom(...registries), printable(30), printable(20)).map(([r, repo, tag]) => `${r}/${repo}:${tag}`),
    fc.tuple(fc.constantFrom(...registries, 'docker.io', '10.0.0.1:5000'), fc.stringMatching(/^[a-z0-9]{1,12}(\/[a-z0-9]{1,8}){0,2}$/), hex64).map(
      ([r, repo, hex]) => `${r}/${repo}@sha256:${hex}`,
    ),
    fc.constantFrom(...seeded).map((ref) => `${ref}@sha256:${'0'.repeat(64)}`),
    printable(80),
  );
  const fuzzTarget = fc.oneof(fc.stringMatching(/^[a-z0-9]{1,10}$/).map((tag) => `${e2e.secondRegistryHost}/fuzz/app:${tag}`), printable(40));
  const headers = fc.record(
    {
      cookie: printable(120),
      accept: fc.constantFrom('application/json', 'application/x-ndjson', '*/*', 'text/html', 'garbage'),
      'x-forwarded-user': printable(40),
      'x-forwarded-proto': fc.constantFrom('https', 'http', 'gopher'),
      'accept-language': printable(20),
    },
    { requiredKeys: [] },
  );
  const json = fc.jsonValue({ maxDepth: 3 });
  const manifests = fc.array(
    fc.record(
      {
        source: reference,
        platform: fc.record({ os: printable(10), architecture: printable(10), variant: printable(5) }, { requiredKeys: [] }),
        annotations: fc.dictionary(printable(10), printable(20), { maxKeys: 3 }),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 3 },
  );
  const pushBody = fc.oneof(
    fc.record(
      {
        target: fuzzTarget,
        base: fc.oneof(fc.constant(null), hex64.map((h) => `sha256:${h}`), printable(10)),
        manifests,
        mediaType: fc.constantFrom('application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json', 'text/plain'),
        annotations: fc.dictionary(printable(10), printable(20), { maxKeys: 3 }),
        allowMismatch: fc.boolean(),
        dryRun: fc.boolean(),
      },
      { requiredKeys: ['target', 'manifests'] },
    ),
    json,
  );
  const revertBody = fc.oneof(
    fc.record({ ref: fuzzTarget, digest: fc.oneof(hex64.map((h) => `sha256:${h}`), printable(20)), base: fc.oneof(fc.constant(null), hex64.map((h) => `sha256:${h}`)) }, { requiredKeys: [] }),
    json,
  );
  const body = (structured: fc.Arbitrary<unknown>) =>
    fc.oneof(
      structured.map((value) => ({ contentType: 'application/json', text: JSON.stringify(value) ?? 'null' })),
      printable(200).map((text) => ({ contentType: 'application/json', text })),
      fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', ''), printable(100)).map(([contentType, text]) => ({ contentType, text })),
    );
  const query = (names: string[], value: fc.Arbitrary<string>) =>
    fc.record(Object.fromEntries(names.map((name) => [name, value])), { requiredKeys: [] }).map((params) => new URLSearchParams(params as Record<string, string>).toString());

  const routes: { name: string; request: fc.Arbitrary<{ method: string; path: string; body?: { contentType: string; text: string } }> }[] = [
    { name: 'inspect', request: query(['ref'], reference).map((q) => ({ method: 'GET', path: `/api/v1/inspect?${q}` })) },
    { name: 'manifest', request: query(['ref'], reference).map((q) => ({ method: 'GET', path: `/api/v1/manifest?${q}` })) },
    { name: 'referrers', request: query(['ref', 'artifactType'], reference).map((q) => ({ method: 'GET', path: `/api/v1/referrers?${q}` })) },
    { name: 'tags', request: query(['repository'], reference).map((q) => ({ method: 'GET', path: `/api/v1/tags?${q}` })) },
    { name: 'history', request: query(['ref'], reference).map((q) => ({ method: 'GET', path: `/api/v1/history?${q}` })) },
    { name: 'compare', request: query(['a', 'b'], reference).map((q) => ({ method: 'GET', path: `/api/v1/compare?${q}` })) },
    {
      name: 'catalog',
      request: query(['registry', 'n', 'last'], fc.oneof(fc.constantFrom(...registries), printable(20))).map((q) => ({ method: 'GET', path: `/api/v1/catalog?${q}` })),
    },
    { name: 'health', request: fc.constant({ method: 'GET', path: '/api/v1/health' }) },
    { name: 'push', request: body(pushBody).map((b) => ({ method: 'POST', path: '/api/v1/push', body: b })) },
    { name: 'revert', request: body(revertBody).map((b) => ({ method: 'POST', path: '/api/v1/revert', body: b })) },
    { name: 'session', request: fc.constant({ method: 'DELETE', path: '/api/v1/session' }) },
    { name: 'session registries', request: fc.constant({ method: 'GET', path: '/api/v1/session/registries' }) },
    {
      name: 'registry sign-in',
      request: body(
        fc.oneof(fc.record({ registry: fc.oneof(fc.constantFrom(...registries), printable(30)), username: printable(20), password: printable(20) }, { requiredKeys: [] }), json),
      ).map((b) => ({ method: 'POST', path: '/api/v1/session/registries', body: b })),
    },
    {
      name: 'registry sign-out',
      // A name that is no path segment ('', '.', '..') addresses another route, not this one.
      request: fc
        .oneof(fc.constantFrom(...registries), printable(40).filter((name) => !/^\.*$/.test(name.trim())))
        .map((registry) => ({ method: 'DELETE', path: `/api/v1/session/registries/${encodeURIComponent(registry)}` })),
    },
    {
      name: 'summaries',
      request: body(fc.oneof(fc.record({ references: fc.array(reference, { maxLength: 60 }) }), json)).map((b) => ({ method: 'POST', path: '/api/v1/summaries', body: b })),
    },
  ];

  const send = async (req: { method: string; path: string; body?: { contentType: string; text: string } }, extra: Record<string, string>): Promise<Answer> => {
    const response = await fetch(new URL(req.path, baseURL), {
      method: req.method,
      headers: { ...extra, ...(req.body?.contentType ? { 'content-type': req.body.contentType } : {}) },
      body: req.body?.text,
      signal: AbortSignal.timeout(60_000),
    });
    const headerText = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
    return { status: response.status, headers: headerText, body: await response.text() };
  };

  for (const route of routes) {
    await fc.assert(
      fc.asyncProperty(route.request, headers, async (req, extra) => {
        const answer = await send(req, extra);
        const where = `${route.name}: ${req.method} ${req.path.slice(0, 200)} → ${answer.status}`;
        expect(secretsIn(`${answer.headers}\n${answer.body}`, e2e.secrets), `secrets in ${where}`).toEqual([]);
        if (answer.status < 400) return;
        // Every refusal is the API's one error shape (this throws, and so fails, for anything else).
        const error = (JSON.parse(answer.body) as { error: { code: string } }).error;
        expect(typeof error.code, `${where}: ${answer.body.slice(0, 300)}`).toBe('string');
        if (answer.status >= 500) expect(REGISTRY_FAILURES.has(error.code), `${where}: ${answer.body.slice(0, 300)}`).toBe(true);
      }),
      { numRuns: RUNS, seed: Number(process.env.ARCHWAY_FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
  }

  // What the fuzz once found, asked on every run: a lone `%` as a registry name was decoded twice (500).
  const loneEscape = await send({ method: 'DELETE', path: '/api/v1/session/registries/%25' }, {});
  expect(loneEscape.status, loneEscape.body).toBe(400);

  // Still up, and still itself.
  expect((await send({ method: 'GET', path: '/api/v1/health' }, {})).status).toBe(200);
  expect((await send({ method: 'GET', path: `/api/v1/inspect?ref=${encodeURIComponent(seeded[0]!)}` }, {})).status).toBe(200);
});
