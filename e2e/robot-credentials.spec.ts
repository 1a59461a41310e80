import { expect, test, uniqueTag } from './fixtures';

/*
 * Credentials at work on a registry that wants Basic auth: a person's own registry sign-in for the push, the
 * server's robot credentials (its docker config) for reading it back, its inspect page and history. The secret guard (fixtures/secrets.ts) and e2e/secret-scan.spec.ts check that the password went nowhere
 * but to that registry.
 */

test('a person signed in to a private registry pushes; the robot credentials read; no answer, page or history reveals either', async ({ page, request, seed, e2e }) => {
  const target = `${e2e.privateRegistryHost}/team/app:${uniqueTag('robot')}`;
  // The shared (robot) credentials only read by default (ARCHWAY_SHARED_CREDENTIALS=read): the push is this person's.
  const signIn = await request.post('/api/v1/session/registries', {
    data: { registry: e2e.privateRegistryHost, username: 'robot', password: e2e.robotPassword },
  });
  expect(signIn.status(), await signIn.text()).toBe(200);
  const push = await request.post('/api/v1/push', { data: { target, base: null, manifests: [{ source: seed.references.x8664 }] } });
  expect(push.status(), await push.text()).toBe(200);
  const pushed = (await push.json()) as { digest: string };

  const inspect = await request.get(`/api/v1/inspect?ref=${encodeURIComponent(target)}`);
  expect(inspect.status()).toBe(200);
  expect(((await inspect.json()) as { digest: string }).digest).toBe(pushed.digest);

  const response = await page.goto(`/inspect/${target}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const history = await request.get(`/api/v1/history?ref=${encodeURIComponent(target)}`);
  expect(history.status()).toBe(200);
  for (const answer of [await signIn.text(), await push.text(), await inspect.text(), await history.text()]) {
    for (const secret of e2e.secrets) expect(answer.includes(secret)).toBe(false);
  }
});

test('an error from the private registry names no secret', async ({ request, e2e }) => {
  const answer = await request.get(`/api/v1/tags?repository=${encodeURIComponent(`${e2e.privateRegistryHost}/nobody-pushed-here`)}`);
  expect(answer.status()).toBe(404);
  const text = await answer.text();
  for (const secret of e2e.secrets) expect(text.includes(secret)).toBe(false);
});

test('a registry outside ARCHWAY_ALLOWED_REGISTRIES is refused with 403 before anything is asked of it', async ({ request, page }) => {
  const answer = await request.get(`/api/v1/inspect?ref=${encodeURIComponent('127.0.0.1:9/anything:latest')}`);
  expect(answer.status()).toBe(403);
  const body = (await answer.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('FORBIDDEN');
  expect(body.error.message).toContain('ARCHWAY_ALLOWED_REGISTRIES');
  // The page says the same, rather than a generic failure.
  await page.goto('/inspect/169.254.169.254/latest/meta-data:x');
  await expect(page.getByText(/ARCHWAY_ALLOWED_REGISTRIES|metadata address/).first()).toBeVisible();
  // Archway's own refusal: whoever runs Archway can lift it, a sign-in cannot, so no sign-in form is offered.
  await page.goto('/inspect/127.0.0.1:9/anything:latest');
  await expect(page.getByRole('heading', { name: 'Archway does not reach 127.0.0.1:9' })).toBeVisible();
  await expect(page.getByRole('button', { name: /sign in/i })).toHaveCount(0);
});
