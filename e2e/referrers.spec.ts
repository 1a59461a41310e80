import { buildImage, buildIndex, pushIndex } from '@/scripts/lib/image-builder';
import { expect, test, uniqueTag } from './fixtures';
import { waitForHydration } from './fixtures/hydration';
import { buildReferrer, COSIGN_SIGNATURE, plainHttpPushClient, pushReferrersWithTagSchema } from './fixtures/referrers';

// A signature pushed with the amd64 image as its subject, in a repository of this test's own (the seed is untouched).

test('an entry lists its referrers when expanded: the signature via the tag fallback, and none for its sibling', async ({ page, registry }) => {
  const repository = `e2e/${uniqueTag('referrers')}`;
  const client = plainHttpPushClient(registry.host);
  const signed = buildImage({ platform: { os: 'linux', architecture: 'amd64' }, format: 'oci', salt: repository });
  const unsigned = buildImage({ platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }, format: 'oci', salt: repository });
  await pushIndex(client, repository, buildIndex({ format: 'oci', entries: [{ image: signed }, { image: unsigned }] }), 'v1');
  const signature = buildReferrer(signed.manifest, COSIGN_SIGNATURE, repository);
  await pushReferrersWithTagSchema(client, repository, signed.manifest, [signature]);

  await page.goto(`/inspect/${registry.host}/${repository}:v1`);
  // The toggle's name flips between "Show details of" and "Hide details of".
  const toggle = (digest: string) => page.locator(`tr[data-entry-digest="${digest}"]`).getByRole('button', { name: /details of/ });
  await waitForHydration(toggle(signed.manifest.digest));
  await toggle(signed.manifest.digest).click();

  // The expanded details are the row right after the entry's own.
  const referrersOf = (digest: string) => page.locator(`tr[data-entry-digest="${digest}"] + tr`).getByRole('region', { name: 'Referrers' });
  const referrers = referrersOf(signed.manifest.digest);
  await expect(referrers.getByTestId('referrers-source')).toContainText('tag');
  const item = referrers.getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Cosign signature');
  await expect(item).toContainText('2024-07-01 08:30 UTC');
  await expect(item.getByRole('link')).toHaveAttribute('href', new RegExp(`/inspect/${registry.host}/${repository}@${signature.manifest.digest}$`));

  await toggle(unsigned.manifest.digest).click();
  await expect(referrersOf(unsigned.manifest.digest).getByTestId('referrers-source')).toContainText(/^none/);
  await expect(referrersOf(unsigned.manifest.digest).getByRole('listitem')).toHaveCount(0);
});
