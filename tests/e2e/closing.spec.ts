import type { APIRequestContext, Page } from '@playwright/test';
import { expect, loadSample, test } from './fixtures';

/** A contract call through the web bridge, as the page makes it (the token is in the URL it printed). */
async function call<T>(request: APIRequestContext, url: string, method: string, input: unknown): Promise<T> {
  const token = /#token=([^&]+)/.exec(url)![1]!;
  const response = await request.post(new URL('/api/call', url).href, { headers: { 'x-pairwise-token': token }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(result.error!.message);
  return result.value;
}

const go = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();

test('a cohort whose pairs were all closed one by one can still be closed from the Pairs page, and keeps its summary', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await loadSample(page);
  await go(page, 'Matching');
  await page.getByRole('button', { name: 'Run matching' }).click();
  await expect(page.getByRole('combobox', { name: 'Run' })).toContainText('Run 1', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('button', { name: 'Publish pairs' }).click();
  await expect(page.getByText(/^Published: \d+ new pairs/)).toBeVisible();

  const [cohort] = await call<{ id: string }[]>(page.request, app.url, 'cohorts.list', {});
  const pairs = await call<{ id: string }[]>(page.request, app.url, 'pairs.active', { cohortId: cohort!.id });
  for (const [i, pair] of pairs.entries()) {
    await call(page.request, app.url, 'pairs.close', i === 0 ? { pairId: pair.id, outcome: 'ended-early', reason: 'Moved away' } : { pairId: pair.id, outcome: 'completed' });
  }

  await go(page, 'Pairs');
  const notice = page.getByRole('alert').filter({ hasText: 'Every pair of Sample cohort is closed: close the cohort to keep its summary.' });
  await expect(notice).toBeVisible();
  await expect(page.getByText('publish a run on the Matching page')).toBeHidden();
  await notice.getByRole('button', { name: 'Close cohort' }).click();
  const dialog = page.getByRole('dialog', { name: 'Close Sample cohort?' });
  await expect(dialog).toContainText('Its pairs are all closed already.');
  await dialog.getByRole('button', { name: 'Close cohort' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Closed on' })).toContainText(`${pairs.length} pairs (${pairs.length - 1} completed, 1 ended early), 0 sessions held`);
});
