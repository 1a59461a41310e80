import { expect, test, uniqueTag } from './fixtures';
import { PushResponse } from '@/lib/api/push';
import { editorEntry as entry, openEditor, pushReviewed, reviewChanges as review } from './fixtures/editor';

// Edit mode on the inspect page (issue 3 §2): fix by point and click, review, push, 409, history and revert.
// Every test edits its own copy of a seeded list, so the seeded tags other specs read stay as they were.

test('the seeded wrong-arch list is fixed by point and click: own platform, review, push, no mismatch left', async ({ page, seed, registry, registryHost }) => {
  const tag = uniqueTag('fix');
  const before = await registry.copyTag('demo/wrong-arch', seed.digests.wrongArch, tag);
  const target = `${registryHost}/demo/wrong-arch:${tag}`;
  await openEditor(page, target);

  const [mislabelled, x8664] = seed.entries.wrongArch;
  await expect(entry(page, 1)).toContainText('config says linux/arm64/v8');
  await entry(page, 1).getByRole('button', { name: "Use the image's own platform (linux/arm64/v8)" }).click();
  await expect(entry(page, 1)).toHaveAccessibleName('Entry 1: linux/arm64/v8');
  await entry(page, 2).getByRole('button', { name: /^Use .*linux\/amd64/ }).click();
  await expect(entry(page, 2)).toHaveAccessibleName('Entry 2: linux/amd64');

  const after = await review(page);
  const changes = page.getByRole('list', { name: 'Changed entries' });
  await expect(changes.locator(':scope > li')).toHaveCount(2);
  await expect(changes).toContainText('platform.architecture:');
  await expect(page.getByRole('region', { name: 'Review and push' })).toContainText('1 other entry is kept exactly as it was');
  const json = JSON.parse((await page.getByTestId('review-json').textContent())!) as { manifests: { digest: string; platform: object }[] };
  expect(json.manifests.map((m) => m.digest)).toEqual(seed.entries.wrongArch.map((e) => e.digest));
  expect(json.manifests[0]!.platform).toEqual({ architecture: 'arm64', os: 'linux', variant: 'v8' });

  await pushReviewed(page, target, after);
  expect(await registry.tagDigest('demo/wrong-arch', tag)).toBe(after);
  expect(after).not.toBe(before);
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).not.toContainText('but the image config says');
  await expect(problems).not.toContainText('x86_64');
  const matrix = page.getByTestId('platform-matrix');
  await expect(matrix.locator(`a[data-digest="${mislabelled!.digest}"]`)).toBeVisible();
  await expect(matrix.locator(`a[data-digest="${x8664!.digest}"]`)).toBeVisible();
  await expect(matrix.getByRole('columnheader', { name: 'arm64/v8', exact: true })).toBeVisible();
});

test('entries reorder with the keyboard, and the review pushes them in the new order', async ({ page, seed, registry, registryHost }) => {
  const tag = uniqueTag('order');
  await registry.copyTag('demo/golang', seed.digests.golang, tag);
  await openEditor(page, `${registryHost}/demo/golang:${tag}`);
  const second = seed.entries.golang[1]!;
  await entry(page, 2).getByRole('button', { name: 'Move entry 2 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(entry(page, 1)).toHaveAccessibleName('Entry 1: linux/arm/v7');

  await entry(page, 6).getByRole('button', { name: 'Remove entry 6' }).click();
  await expect(entry(page, 6)).toHaveCount(0);
  await review(page);
  const json = JSON.parse((await page.getByTestId('review-json').textContent())!) as { manifests: { digest: string }[] };
  expect(json.manifests.map((m) => m.digest)).toEqual([second, seed.entries.golang[0]!, ...seed.entries.golang.slice(2, 5)].map((e) => e.digest));
  await expect(page.getByRole('list', { name: 'Changed entries' })).toContainText('removed');
});

test('a tag that moved between review and push is a 409: nothing is written, the new digest is shown, reload loads it', async ({ page, seed, registry, registryHost }) => {
  const tag = uniqueTag('moved');
  const reference = `${registryHost}/demo/golang:${tag}`;
  await registry.copyTag('demo/golang', seed.digests.golang, tag);
  await openEditor(page, reference);
  await entry(page, 6).getByRole('button', { name: 'Remove entry 6' }).click();
  await review(page);

  // Someone else moves the tag to one of the list's images meanwhile.
  const moved = await registry.copyTag('demo/golang', seed.entries.golang[0]!.digest, tag);
  await page.getByRole('button', { name: `Push to ${reference}` }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'changed since you started: nothing was pushed' });
  await expect(conflict.getByTestId('conflict-current')).toContainText(moved);
  await expect(conflict).toContainText(seed.digests.golang);
  expect(await registry.tagDigest('demo/golang', tag)).toBe(moved);
  // The edit is still there.
  await expect(entry(page, 5)).toBeVisible();
  await expect(entry(page, 6)).toHaveCount(0);

  await conflict.getByRole('button', { name: 'Reload the current list' }).click();
  await expect(page.getByTestId('index-digest')).toContainText(moved);
});

test('history lists the push and reverts it after confirmation; a stale page gets a 409 instead', async ({ page, seed, registry, registryHost }) => {
  const tag = uniqueTag('undo');
  const reference = `${registryHost}/demo/golang:${tag}`;
  const original = await registry.copyTag('demo/golang', seed.digests.golang, tag);
  await openEditor(page, reference);
  await entry(page, 6).getByRole('button', { name: 'Remove entry 6' }).click();
  const pushed = await review(page);
  await pushReviewed(page, reference, pushed);

  const history = page.getByRole('region', { name: /^History of/ });
  const push = history.getByRole('listitem').first();
  await expect(push).toContainText('push');
  await expect(push).toContainText('current');
  await expect(push.getByTestId('history-change')).toHaveText('removed linux/s390x');
  await expect(push.locator('time')).toHaveText(/just now|seconds? ago/);
  await expect(push.getByRole('link', { name: original.slice(0, 19) })).toBeVisible();
  await expect(push.getByRole('link', { name: pushed.slice(0, 19) })).toBeVisible();

  await push.getByRole('button', { name: `Revert to ${original.slice(0, 19)}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm revert' });
  await expect(confirm).toContainText(pushed.slice(0, 19));
  await confirm.getByRole('button', { name: 'Confirm revert' }).click();
  await page.waitForURL(new RegExp(`@${original}\\?done=reverted&from=${pushed}$`));
  await expect(page.getByTestId('outcome-banner')).toBeFocused();
  await expect(page.getByTestId('outcome-banner')).toContainText(`Reverted. :${tag} now points at ${original.slice(0, 19)}`);
  expect(await registry.tagDigest('demo/golang', tag)).toBe(original);
  await expect(history.getByRole('listitem').first()).toContainText('revert');

  // This page believes the tag is at `original`; move it behind its back, then try to revert the revert.
  const moved = await registry.copyTag('demo/golang', seed.entries.golang[0]!.digest, tag);
  const revertEntry = history.getByRole('listitem').first();
  // Going back over a revert is a redo of the push, and says so.
  await revertEntry.getByRole('button', { name: `Redo: back to ${pushed.slice(0, 19)}` }).click();
  await page.getByRole('dialog', { name: 'Confirm revert' }).getByRole('button', { name: 'Confirm redo' }).click();
  await expect(revertEntry.getByRole('alert')).toContainText('moved since this page loaded');
  await expect(revertEntry.getByRole('alert')).toContainText(moved.slice(0, 19));
  expect(await registry.tagDigest('demo/golang', tag)).toBe(moved);
});

test('the history of a tag shows a push typed under another spelling of it, and what was typed', async ({ page, request, seed, registry, registryHost }) => {
  const tag = uniqueTag('spelt');
  const port = registryHost.slice(registryHost.lastIndexOf(':') + 1);
  const typed = `localhost:${port}/demo/golang:${tag}`;
  const reference = `${registryHost}/demo/golang:${tag}`;
  expect(reference).toBe(`127.0.0.1:${port}/demo/golang:${tag}`);
  const original = await registry.copyTag('demo/golang', seed.digests.golang, tag);
  const manifests = (count: number) => seed.entries.golang.slice(0, count).map((e) => ({ source: `${registryHost}/demo/golang@${e.digest}` }));
  const elsewhere = await request.post('/api/v1/push', { data: { target: typed, base: original, manifests: manifests(5) } });
  expect(elsewhere.status(), await elsewhere.text()).toBe(200);
  const here = await request.post('/api/v1/push', { data: { target: reference, base: PushResponse.parse(await elsewhere.json()).digest, manifests: manifests(4) } });
  expect(here.status(), await here.text()).toBe(200);

  await page.goto(`/inspect/${reference}`);
  const rows = page.getByRole('region', { name: /^History of/ }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  // Newest first: the push typed as this page's reference says nothing more; the other names the spelling it was typed in.
  await expect(rows.nth(0).getByTestId('history-change')).toHaveText('removed linux/ppc64le');
  await expect(rows.nth(0).getByTestId('history-target')).toHaveCount(0);
  await expect(rows.nth(0)).not.toContainText('pushed as');
  await expect(rows.nth(1).getByTestId('history-change')).toHaveText('removed linux/s390x');
  await expect(rows.nth(1).getByTestId('history-target')).toHaveText(`pushed as ${typed}`);
  await expect(rows.nth(1).getByTestId('history-target').locator('.font-mono')).toHaveText(typed);
});
