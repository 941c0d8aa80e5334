import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, loadSample, startWebApp, test } from './fixtures';
import { startTestPg, type TestPg } from '../unit/sync/pg-server';

/**
 * Two `npm run web` instances on two workspace files and one PostgreSQL (embedded, started here):
 * connect both in Settings > Sync, an edit made in one appears in the other after Sync now, and a
 * mentor filled past capacity on the two machines shows up under Conflicts.
 */

let pg: TestPg;
test.beforeAll(async () => {
  pg = await startTestPg();
});
test.afterAll(async () => {
  await pg?.stop();
});

const PASSPHRASE = 'spring cohort shared passphrase';

async function openSync(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Sync' })).toBeVisible();
}

async function connect(page: Page, url: string) {
  await openSync(page);
  await page.getByLabel('Server address').fill(url);
  await page.getByLabel('Program passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText('Reachable', { exact: true })).toBeVisible();
}

/** Serious and critical WCAG 2 A/AA violations of what the page shows now. */
async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
}

async function syncNow(page: Page) {
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Sent / })).toBeVisible({ timeout: 30_000 });
}

test('two workspaces sync through PostgreSQL: an edit travels, a capacity conflict is listed', async ({ page, app, shot }) => {
  test.setTimeout(180_000);
  const url = await pg.database();
  await page.setViewportSize({ width: 1280, height: 800 });

  // A: the sample cohort, then connect; the status shows the changes waiting before the first sync.
  await loadSample(page);
  await openSync(page);
  await page.getByRole('button', { name: 'Connect' }).evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await shot('60-sync-connect');
  await connect(page, url);
  await expect(page.getByTestId('sync-pending')).not.toHaveText('0');
  await expect(page.getByTestId('sync-last')).toHaveText('never');
  await syncNow(page);
  await expect(page.getByTestId('sync-pending')).toHaveText('0');
  await expect(page.getByTestId('sync-last')).not.toHaveText('never');
  await expect(page.getByText('No conflicts to review.')).toBeVisible();

  // B: a second web bridge on its own file, connected to the same server, receives A's sample.
  const b = await startWebApp();
  const pageB = await page.context().newPage();
  try {
    await pageB.setViewportSize({ width: 1280, height: 800 });
    await pageB.goto(b.app.url);
    await connect(pageB, url);
    await syncNow(pageB);
    await expect(pageB.getByRole('status')).toContainText(/rows? updated/);
    await pageB.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Programs' }).click();
    await expect(pageB.getByText('Sample program').first()).toBeVisible();

    // An edit on B (a new program) appears on A after Sync now on both.
    await pageB.getByRole('button', { name: 'New program' }).first().click();
    await pageB.getByLabel('Program name').fill('Evening Circle');
    await pageB.getByRole('button', { name: 'Create program' }).click();
    await openSync(pageB);
    await syncNow(pageB);
    await syncNow(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Programs' }).click();
    await expect(page.getByText('Evening Circle').first()).toBeVisible();

    // Offline, each coordinator publishes a plan that fills the same mentor: A with some mentees, B with others.
    const { fillMentorOnBoth } = await import('./sync-fixture');
    const mentor = await fillMentorOnBoth(app.dbPath, b.app.dbPath);
    await openSync(pageB);
    await syncNow(pageB);
    await openSync(page);
    await syncNow(page);
    const conflicts = page.getByRole('list', { name: 'Sync conflicts' });
    await expect(conflicts.getByText('Mentor past capacity')).toBeVisible();
    await expect(conflicts.getByText(mentor, { exact: true })).toBeVisible();
    await expect(conflicts).toContainText(/Ended: .+ with /);
    await page.getByRole('heading', { name: 'Conflicts' }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('61-sync-status');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.getByRole('heading', { name: 'Conflicts' }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('62-sync-status-dark');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Switch to light theme' }).click();

    // Reviewing it on A: it leaves the list, and B sees it reviewed after syncing.
    await conflicts.getByRole('button', { name: 'Mark reviewed' }).click();
    await expect(page.getByText('No conflicts to review.')).toBeVisible();
    await syncNow(page);
    await openSync(pageB);
    await syncNow(pageB);
    await expect(pageB.getByText('No conflicts to review.')).toBeVisible();
  } finally {
    await pageB.close();
    await b.stop();
  }
});

test('a wrong passphrase is refused with a clear message and nothing connects', async ({ page }) => {
  const url = await pg.database();
  await connect(page, url);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
  await page.getByLabel('Server address').fill(url);
  await page.getByLabel('Program passphrase').fill('not the shared passphrase');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).toContainText("The passphrase does not open this program's sync data");
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
});
