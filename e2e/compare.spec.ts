import { expect, test, uniqueTag } from './fixtures';
import { waitForHydration } from './fixtures/hydration';

// Compare (issue 11 §2): reached from the inspect page, platforms matched by identity, the JSON diff beside them.

test('"compare with…" a tag that spells amd64 as x86_64 and drops a platform', async ({ page, seed, registry, registryHost }) => {
  const repository = 'demo/golang';
  const original = await registry.getManifest(repository, 'alpine');
  const list = JSON.parse(new TextDecoder().decode(original.bytes)) as { manifests: { platform: { architecture: string } }[] };
  list.manifests = list.manifests
    .filter((d) => d.platform.architecture !== 's390x')
    .map((d) => (d.platform.architecture === 'amd64' ? { ...d, platform: { ...d.platform, architecture: 'x86_64' } } : d));
  const tag = uniqueTag('edited');
  await registry.putManifest(repository, tag, JSON.stringify(list), original.mediaType);

  await page.goto(`/inspect/${seed.references.golang}`);
  const box = page.getByLabel('Compare with', { exact: true });
  await waitForHydration(box);
  await box.fill(tag);
  await box.press('Enter');
  await expect(page).toHaveURL(/\/compare\?a=/);

  const table = page.getByRole('table', { name: 'Platforms' });
  const amd64 = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^linux\/amd64/ }) });
  await expect(amd64).toContainText('written linux/amd64 in a, linux/x86_64 in b');
  await expect(amd64).toContainText('same');
  await expect(table.locator('tr[data-status="removed"]')).toContainText('linux/s390x');
  await expect(page.getByTestId('side-b')).toContainText(`${registryHost}/${repository}:${tag}`);
  const diff = page.getByRole('list', { name: 'Changed entries' });
  await expect(diff).toContainText('platform.architecture');
  await expect(diff).toContainText('x86_64');
  await expect(page.getByTestId('json-b')).toContainText('"x86_64"');
});
