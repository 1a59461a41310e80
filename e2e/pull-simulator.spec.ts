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

test('the pull simulator warns when the listed platform lies and fails a pull of a missing child', async ({ page, seed }) => {
  await page.goto(`/inspect/${seed.references.wrongArch}`);
  let simulator = page.getByTestId('pull-simulator');
  let host = simulator.getByLabel('Host platform');
  await waitForHydration(host);
  await host.fill('linux/amd64');
  const answer = simulator.getByRole('status');
  // containerd matches on the annotation, so the amd64 host is handed the arm64 image: say so, and name the right one.
  await expect(answer).toContainText('A linux/amd64 host pulls linux/amd64');
  await expect(simulator.getByTestId('pull-warning')).toContainText("that image’s config says linux/arm64/v8");
  await expect(simulator.getByTestId('pull-warning')).toContainText('will not start on linux/amd64');
  await expect(answer).toContainText('The image built for linux/amd64 is linux/x86_64');

  await page.goto(`/inspect/${seed.references.dangling}`);
  simulator = page.getByTestId('pull-simulator');
  host = simulator.getByLabel('Host platform');
  await waitForHydration(host);
  await host.fill('linux/arm64');
  await expect(simulator.getByRole('status')).toContainText('the registry does not have it');
  await expect(simulator.getByRole('status')).toContainText('docker pull fails');
  await expect(simulator.getByRole('status')).not.toContainText('no matching manifest');
});
