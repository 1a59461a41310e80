import { expect, test } from './fixtures';
import { waitForHydration } from './fixtures/hydration';

test('the pull simulator says which entry a host pulls, with variant fallback and no match', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.golang}`);
  const simulator = page.getByTestId('pull-simulator');
  const host = simulator.getByLabel('Host platform');
  const answer = simulator.getByRole('status');
  await waitForHydration(host);

  await host.fill('linux/aarch64');
  await expect(answer).toContainText('A linux/arm64 host pulls linux/arm64/v8');

  await host.fill('linux/arm/v6');
  await expect(answer).toContainText('A linux/arm/v6 host finds no entry it can run');

  await host.fill('linux/riscv64');
  await expect(answer).toContainText('no matching manifest');

  // The answer is a link to the entry: following it selects that platform and puts it in the URL.
  await host.fill('linux/386');
  await answer.getByRole('link').click();
  await expect(page).toHaveURL(/platform=linux%2F386|platform=linux\/386/);
});
