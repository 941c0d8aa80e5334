import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { expect, loadSample, SCREENSHOTS, startWebApp, test } from './fixtures';
import type { Page } from '@playwright/test';

async function openMatching(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Matching' }).click();
  await expect(page.getByRole('heading', { name: 'Matching' })).toBeVisible();
}

// A restart of `npm run web` picks another port, so the browser sees a new origin with empty storage:
// everything the coordinator decided must come back from the workspace file.
test('settings, locks, forbids and undo history survive a restart of the web bridge on another port', async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-e2e-restart-'));
  const dbPath = join(dir, 'workspace.sqlite');
  try {
    const first = await startWebApp(dbPath);
    const page = await browser.newPage();
    await page.goto(first.app.url);
    await loadSample(page);
    await openMatching(page);
    await page.getByRole('combobox', { name: 'Rule' }).click();
    await page.getByRole('option', { name: 'Max difference' }).click();
    await page.getByLabel('Hours').fill('7');
    await expect(page.getByText('UTC offsets at most 7 h apart')).toBeVisible();
    await page.getByRole('button', { name: 'Run matching' }).click();
    await expect(page.getByRole('combobox', { name: 'Run' })).toContainText('Run 1', { timeout: 30_000 });

    const pairs = page.getByRole('table', { name: 'Pairs' });
    const drawer = page.getByRole('dialog', { name: 'Pair details' });
    await pairs.getByRole('row').nth(1).click();
    await drawer.getByRole('button', { name: 'Lock pair' }).click();
    await expect(page.getByLabel('Your edits')).toContainText('1 locked');
    await pairs.getByRole('row').nth(2).click();
    await drawer.getByRole('button', { name: 'Forbid pair' }).click();
    await expect(page.getByLabel('Your edits')).toContainText('1 forbidden');
    await page.getByRole('button', { name: 'Undo edit' }).click();
    await expect(page.getByLabel('Your edits')).not.toContainText('forbidden');
    await page.close();
    await first.stop();

    const second = await startWebApp(dbPath);
    expect(new URL(second.app.url).port).not.toBe(new URL(first.app.url).port);
    // A fresh browser profile too: nothing can come from the browser's storage.
    const fresh = await chromium.launch({ executablePath: process.env.PAIRWISE_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const again = await fresh.newPage({ viewport: { width: 1280, height: 800 } });
      await again.goto(second.app.url);
      await openMatching(again);
      await expect(again.getByLabel('Hours')).toHaveValue('7');
      await expect(again.getByLabel('Your edits')).toContainText('1 locked');
      await expect(again.getByRole('button', { name: 'Redo edit' })).toBeEnabled();
      await again.getByRole('button', { name: 'Redo edit' }).click();
      await expect(again.getByLabel('Your edits')).toContainText('1 forbidden');
      await again.keyboard.press('Control+z');
      await expect(again.getByLabel('Your edits')).not.toContainText('forbidden');
      await expect(again.getByLabel('Your edits')).toContainText('1 locked');
      await again.screenshot({ path: join(SCREENSHOTS, '30-matching-after-restart.png') });
    } finally {
      await fresh.close();
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
