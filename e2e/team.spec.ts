import { expect, test, uniqueTag } from './fixtures';
import { editorEntry, reviewChanges } from './fixtures/editor';
import { waitForHydration } from './fixtures/hydration';
import { signInAtProvider, signInToRegistry } from './fixtures/sign-in';
import { HistoryResponse } from '@/lib/api/push';
import { TEAM_PEOPLE, TEAM_REGISTRY_USERS } from './fixtures/team';

/*
 * Archway run for a team (issue 7): people sign in with the OpenID provider, act on a private token-auth registry
 * with their own accounts, and a shared link works for a colleague once they have signed in too.
 */

test('a person signs in, is refused a push by the registry as reader, pushes as writer, and the history names both', async ({ page, e2e }) => {
  const { team } = e2e;
  await page.goto(`${team.baseURL}/registries`);
  await signInAtProvider(page, 'alice');
  await expect(page).toHaveURL(`${team.baseURL}/registries`);
  await expect(page.getByTestId('signed-in-as')).toContainText(TEAM_PEOPLE.alice);

  const add = page.getByRole('form', { name: 'Sign in to a registry' });
  await waitForHydration(add.getByLabel('Registry'));
  await add.getByLabel('Registry').fill(team.registryHost);
  await add.getByLabel('User name').fill('reader');
  await add.getByLabel('Password or access token').fill(TEAM_REGISTRY_USERS.reader);
  await add.getByRole('button', { name: 'Sign in to registry' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: team.registryHost })).toContainText('as reader');

  const target = `${team.registryHost}/team/app:${uniqueTag('team')}`;
  const query = new URLSearchParams([['target', target], ['source', team.images.amd64], ['source', team.images.arm64]]);
  await page.goto(`${team.baseURL}/create?${query}`);
  // Both sources read from the private registry with the reader's access, platforms from their configs.
  await expect(editorEntry(page, 1)).toHaveAccessibleName(/linux\/amd64 \(from its config\)/);
  await expect(editorEntry(page, 2)).toHaveAccessibleName(/linux\/arm64 \(from its config\)/);
  await reviewChanges(page);
  await expect(page.getByTestId('recorded-as')).toContainText(TEAM_PEOPLE.alice);
  await page.getByRole('button', { name: `Push to ${target}` }).click();

  // The reader may pull, not push: the registry refuses, and the page says so and offers another sign-in.
  const refusal = page.getByRole('alert').filter({ hasText: 'reader' });
  await expect(refusal).toContainText('do not grant');
  await signInToRegistry(page, team.registryHost, 'writer', TEAM_REGISTRY_USERS.writer);
  await expect(editorEntry(page, 2)).toHaveAccessibleName(/linux\/arm64 \(from its config\)/);
  const digest = await reviewChanges(page);
  await page.getByRole('button', { name: `Push to ${target}` }).click();
  await page.waitForURL(new RegExp(`@${digest}\\?done=pushed$`));

  const history = HistoryResponse.parse(await (await page.request.get(`${team.baseURL}/api/v1/history?ref=${encodeURIComponent(target)}`)).json());
  expect(history.entries).toHaveLength(1);
  expect(history.entries[0]).toMatchObject({ user: TEAM_PEOPLE.alice, registryUser: 'writer', after: digest });
});

test('a shared link to a private image asks a colleague to sign in, then shows the same view', async ({ browser, e2e }) => {
  const { team } = e2e;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const link = `${team.baseURL}/inspect/${team.images.amd64}`;
    await page.goto(link);
    await signInAtProvider(page, 'bob');
    await expect(page).toHaveURL(link);
    await expect(page.getByRole('heading', { name: `${team.registryHost} needs a sign-in` })).toBeVisible();

    await signInToRegistry(page, team.registryHost, 'reader', TEAM_REGISTRY_USERS.reader);
    await expect(page.locator('[data-error-code]')).toHaveCount(0);
    await expect(page.getByText('linux/amd64').first()).toBeVisible();
    await expect(page).toHaveURL(link);
  } finally {
    await context.close();
  }
});
