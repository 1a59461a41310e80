import { createHash } from 'node:crypto';
import { expect, test, uniqueTag } from './fixtures';
import { waitForHydration } from './fixtures/hydration';
import { skopeoRaw } from '@/test/support/skopeo';

// Promote (issue 11 §3): "Copy to…" on the inspect page copies the whole list, byte for byte, to another registry;
// a second copy onto the same tag meets the 409 rule, and the history links each push to its comparison.

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

test('copy a list with attestations to another registry, keeping its digest; replace it after the 409; compare from the history', async ({
  page,
  seed,
  secondRegistryHost,
}) => {
  const target = `${secondRegistryHost}/promoted/buildx:${uniqueTag('prod')}`;
  await page.goto(`/inspect/${seed.references.buildx}`);
  const copy = page.getByRole('button', { name: 'Copy to…' });
  await waitForHydration(copy);
  await copy.click();
  await page.getByLabel('Target tag').fill(target);
  await page.getByRole('button', { name: 'Review the copy' }).click();
  await expect(page.getByTestId('review-digest')).toContainText(seed.digests.buildx);
  await page.getByRole('button', { name: `Push to ${target}` }).click();
  await page.waitForURL(new RegExp(`@${seed.digests.buildx}\\?done=pushed$`));
  expect(sha256(await skopeoRaw(target))).toBe(seed.digests.buildx);

  // The same tag again, from another list: the tag exists, so the push asks first.
  await page.goto(`/inspect/${seed.references.ociAnnotated}`);
  await waitForHydration(page.getByRole('button', { name: 'Copy to…' }));
  await page.getByRole('button', { name: 'Copy to…' }).click();
  await page.getByLabel('Target tag').fill(target);
  await page.getByRole('button', { name: 'Review the copy' }).click();
  await expect(page.getByTestId('conflict-current')).toContainText(seed.digests.buildx);
  const keepMyEdit = page.getByRole('button', { name: 'Keep my edit and review it against the current list' });
  await keepMyEdit.click();
  // The notice goes once the edit is based on the current list; a review asked for before that was seen (a clean-clone
  // run) to go out with the old base and meet the same 409.
  await expect(keepMyEdit).toBeHidden();
  await page.getByRole('button', { name: 'Review the copy' }).click();
  await expect(page.getByTestId('review-digest')).toContainText(seed.digests.ociAnnotated);
  await page.getByRole('button', { name: `Push to ${target}` }).click();
  await page.waitForURL(new RegExp(`@${seed.digests.ociAnnotated}\\?done=pushed&from=${seed.digests.buildx}$`));
  expect(sha256(await skopeoRaw(target))).toBe(seed.digests.ociAnnotated);

  const history = page.getByRole('region', { name: /History of/ });
  await history.getByRole('link', { name: 'compare' }).first().click();
  await expect(page).toHaveURL(/\/compare\?a=/);
  await expect(page.getByTestId('side-a')).toContainText(seed.digests.buildx);
  await expect(page.getByTestId('side-b')).toContainText(seed.digests.ociAnnotated);
});
