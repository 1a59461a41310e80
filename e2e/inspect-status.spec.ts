import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Response } from '@playwright/test';
import { startNext, type RunningNext } from '@/scripts/lib/next-app';
import { freePort, startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import type { TokenAcl } from '@/scripts/lib/token-server';
import { startFaultServer, type FaultServer } from '@/test/support/fault-server';
import { startHostileRegistry, type HostileRegistry } from '@/test/support/hostile-registry';
import { expect, test } from './fixtures';
import { SPEC_REGISTRY_ADDRESS } from './fixtures/environment';
import { waitForHydration } from './fixtures/hydration';

/*
 * The inspect page answers with the registry's real outcome as its HTTP status (issue 8), set by proxy.ts before
 * the page renders: a teammate's link to a mistyped tag is a 404, a private registry a 401 (the registry's refusal of
 * an account a 403, DENIED), a registry Archway may not reach a 403 of its own (FORBIDDEN), a rate limit a 429 with
 * Retry-After, a registry that is down a 502 and one that never answers a 504; and the error is on the page at once
 * (nothing is retried), with a sign-in form only where signing in can help. A list longer than ARCHWAY_MAX_ENTRIES
 * says which entries were read in full and links to the next ones.
 */

let hostile: HostileRegistry;
/** A real token-auth registry nobody may read anonymously; `outsider` signs in but is granted nothing. */
let privateRegistry: RunningRegistry;
const PRIVATE_USERS = { reader: 'reader-secret', outsider: 'outsider-secret' };
const privateAcl: TokenAcl = (account, requested) => (account === 'reader' ? requested.actions : []);

/** A loopback port nothing listens on: a registry that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, SPEC_REGISTRY_ADDRESS, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The document's HTTP status, and the error the page shows: its status and code, heading, and what went wrong. */
async function expectErrorPage(
  page: Page,
  response: Response | null,
  expected: { status: number; code: string; heading: string; says: string | RegExp },
): Promise<void> {
  expect(response?.status()).toBe(expected.status);
  const error = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: expected.heading }) });
  await expect(error).toHaveAttribute('data-error-code', expected.code);
  await expect(error).toContainText(`${expected.status} · ${expected.code}`);
  await expect(error).toContainText(expected.says);
}

const signInForm = (page: Page) => page.getByRole('form', { name: /^Sign in to/ });

test.beforeAll(async () => {
  [hostile, privateRegistry] = await Promise.all([
    startHostileRegistry({ wideEntries: 600, retryAfterSeconds: 120, address: SPEC_REGISTRY_ADDRESS }),
    startRegistry({ auth: 'token', address: SPEC_REGISTRY_ADDRESS, users: PRIVATE_USERS, token: { acl: privateAcl } }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([hostile?.stop(), privateRegistry?.stop()]);
});

test('an unknown tag is a 404 page that says so', async ({ page, seed }) => {
  const [repository] = seed.references.golang.split(':alpine');
  const response = await page.goto(`/inspect/${repository}:no-such-tag`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText('Nothing at this reference')).toBeVisible();
});

test('an address Next cannot decode is a 400 page that says why, and a 400 JSON error on the API, never a bare 500; an unknown API path is a JSON 404', async ({ page, request }) => {
  for (const path of ['/inspect/%ZZ', '/browse/%ZZ', '/inspect/golang:al%E0pine']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(400);
    expect(response?.headers()['content-security-policy'], path).toContain("default-src 'self'");
    await expect(page.getByRole('heading', { name: 'This address cannot be read' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(page).toHaveURL(/\/$/);
  const api = await request.delete('/api/v1/session/registries/%ZZ');
  expect(api.status()).toBe(400);
  expect(await api.json()).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('write % as %25') } });
  // An /api path no route answers is the API's JSON 404, whatever the method.
  for (const [method, path] of [['GET', '/api/v1/nope'], ['DELETE', '/api/v1/session/registries/a/b'], ['POST', '/api/v2/inspect']] as const) {
    const unknown = await request.fetch(path, { method });
    expect(unknown.status(), `${method} ${path}`).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining(`No API route answers ${method} ${path}`) } });
  }
});

test('a rate-limited registry is a 429 page with its Retry-After, asked once', async ({ page }) => {
  const response = await page.goto(`/inspect/${hostile.host}/limited/app:1`);
  expect(response?.status()).toBe(429);
  expect(response?.headers()['retry-after']).toBe('120');
  await expect(page.getByText('is rate-limiting requests')).toBeVisible();
  expect(hostile.count(/^\/v2\/limited\/app\/manifests\//)).toBe(1);
});

/** Opens the private registry's page: the registry wants a sign-in (or a better one), and the form for it is there. */
async function expectPrivatePageAsksToSignIn(page: Page, expected: { status: number; code: string; says: string }): Promise<void> {
  const response = await page.goto(`/inspect/${privateRegistry.host}/team/app:1`);
  await expectErrorPage(page, response, { ...expected, heading: `${privateRegistry.host} needs a sign-in` });
  await expect(page.getByRole('form', { name: `Sign in to ${privateRegistry.host}` })).toBeVisible();
}

test('a private registry is a 401 page that offers to sign in to it', async ({ page }) => {
  await expectPrivatePageAsksToSignIn(page, { status: 401, code: 'UNAUTHORIZED', says: 'needs credentials' });
});

test("an account the registry does not let read is the registry's 403 (DENIED), and another sign-in is offered", async ({ page }) => {
  const signIn = await page.request.post('/api/v1/session/registries', {
    data: { registry: privateRegistry.host, username: 'outsider', password: PRIVATE_USERS.outsider },
  });
  expect(signIn.status(), await signIn.text()).toBe(200);
  await expectPrivatePageAsksToSignIn(page, { status: 403, code: 'DENIED', says: 'the credentials of outsider do not grant' });
});

/**
 * Opens a page whose registry Archway itself refuses to reach (FORBIDDEN): whoever runs Archway can lift that, no
 * sign-in can, and a retry would meet the same refusal, so neither is offered.
 */
async function expectArchwayRefuses(page: Page, url: string, expected: { registry: string; says: string }): Promise<void> {
  const response = await page.goto(url);
  await expectErrorPage(page, response, { status: 403, code: 'FORBIDDEN', heading: `Archway does not reach ${expected.registry}`, says: expected.says });
  await expect(signInForm(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
}

test("a registry outside ARCHWAY_ALLOWED_REGISTRIES is Archway's own 403 (FORBIDDEN), with no sign-in form", async ({ page }) => {
  await expectArchwayRefuses(page, '/inspect/127.0.0.1:9/anything:latest', { registry: '127.0.0.1:9', says: 'ARCHWAY_ALLOWED_REGISTRIES' });
});

test('a registry that is down is a 502 page', async ({ page }) => {
  const response = await page.goto(`/inspect/${SPEC_REGISTRY_ADDRESS}:${await closedPort()}/app:1`);
  expect(response?.status()).toBe(502);
  await expect(page.getByText('is unreachable or failed')).toBeVisible();
});

test('a found list is a 200 page; a long one says which entries were read and links to the next', async ({ page }) => {
  test.setTimeout(120_000); // 600 entries, their details read cold twice, on a shared 2-core machine
  const response = await page.goto(`/inspect/${hostile.host}/wide/app:latest`, { timeout: 60_000 });
  expect(response?.status()).toBe(200);
  const notice = page.getByRole('status').filter({ hasText: 'This list has 600 entries' });
  await expect(notice).toContainText('entries 1–500');
  // The table draws the first 100 of the 500 entries read; the rest on demand, so the page stays small.
  await expect(page.getByRole('button', { name: 'Show all 500 entries (400 more)' })).toBeVisible();
  const next = notice.getByRole('link', { name: 'Read entries 501–600' });
  await waitForHydration(next);
  await next.click();
  await expect(page).toHaveURL(/detailsFrom=500/, { timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'This list has 600 entries' })).toContainText('entries 501–600', { timeout: 60_000 });
  // The page holds only the 100 entries it read; the editor loads the whole list, so a push keeps all 600.
  await page.getByRole('button', { name: 'Edit list' }).click();
  await expect(page.getByRole('heading', { name: 'Entries (600)' })).toBeVisible({ timeout: 60_000 });
});

/*
 * Archway as one person runs it on a laptop: no ARCHWAY_ALLOWED_REGISTRIES (so only the never-reached addresses are
 * refused) and a registry timeout of one second, so a registry that never answers is a 504 without a long wait.
 * Started once for these tests, on the same build as the run's Archway.
 */
test.describe('an Archway with a 1 s registry timeout and no allowlist', () => {
  const REGISTRY_TIMEOUT_MS = 1000;
  let workDir: string;
  let archway: RunningNext | undefined;
  let silent: FaultServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(90_000); // a `next start` on two busy cores
    workDir = await mkdtemp(path.join(tmpdir(), 'archway-e2e-status-'));
    const dockerConfig = path.join(workDir, 'docker');
    await mkdir(dockerConfig);
    await writeFile(path.join(dockerConfig, 'config.json'), '{"auths":{}}');
    // Accepts every connection and request, and never answers one (its `GET /v2/` ping aside).
    silent = await startFaultServer(() => new Promise<void>(() => undefined), { address: SPEC_REGISTRY_ADDRESS });
    archway = await startNext({
      port: await freePort(),
      logFile: path.join(workDir, 'archway.log'),
      env: {
        ARCHWAY_DATA_DIR: path.join(workDir, 'data'),
        DOCKER_CONFIG: dockerConfig,
        ARCHWAY_REGISTRY_TIMEOUT_MS: String(REGISTRY_TIMEOUT_MS),
      },
    });
  });

  test.afterAll(async () => {
    await Promise.all([archway?.stop(), silent?.stop()]);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  test('a registry that never answers is a 504 page once the registry timeout has passed, asked once, with no sign-in form', async ({ page }) => {
    const response = await page.goto(`${archway!.url}/inspect/${silent!.host}/team/app:1`);
    await expectErrorPage(page, response, {
      status: 504,
      code: 'TIMEOUT',
      heading: `${silent!.host} is too slow to answer`,
      says: `timed out after ${REGISTRY_TIMEOUT_MS} ms (ARCHWAY_REGISTRY_TIMEOUT_MS)`,
    });
    await expect(signInForm(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
    expect(silent!.apiRequests().filter((r) => r.url.startsWith('/v2/team/app/manifests/'))).toHaveLength(1);
  });

  test("a cloud metadata address is Archway's own 403 (FORBIDDEN), with no sign-in form", async ({ page }) => {
    await expectArchwayRefuses(page, `${archway!.url}/inspect/169.254.169.254/latest/meta-data:x`, {
      registry: '169.254.169.254',
      says: 'link-local or cloud metadata address',
    });
  });
});
