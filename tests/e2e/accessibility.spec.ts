import { expect, loadSample, test, violations } from './fixtures';
import type { Page } from '@playwright/test';

const PAGES = ['Programs & cohorts', 'Participants', 'Matching', 'Pairs', 'Goals', 'Feedback', 'Reports', 'Settings'] as const;


async function openPage(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

for (const theme of ['light', 'dark'] as const) {
  test(`every page has no serious accessibility violation (WCAG 2 A/AA, ${theme})`, async ({ page }) => {
    await loadSample(page);
    if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    const found: string[] = [];
    for (const name of PAGES) {
      await openPage(page, name);
      if (name === 'Matching') {
        await page.getByRole('button', { name: 'Run matching' }).click();
        await expect(page.getByRole('combobox', { name: 'Run' })).toContainText('Run 1', { timeout: 30_000 });
        found.push(...(await violations(page, name)));
        await page.getByRole('button', { name: 'Rules & weights' }).or(page.getByRole('complementary', { name: 'Matching rules' })).first().waitFor();
        await page.getByRole('table', { name: 'Pairs' }).getByRole('row').nth(1).click();
        await expect(page.getByRole('dialog', { name: 'Pair details' })).toBeVisible();
        found.push(...(await violations(page, 'Pair drawer')));
        await page.getByRole('dialog', { name: 'Pair details' }).getByRole('button', { name: 'Close' }).click();
        for (const tab of ['Unmatched', 'Charts', 'Compare']) {
          await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
          found.push(...(await violations(page, `Matching, ${tab}`)));
        }
        // Published, so that the Pairs page has pairs to show.
        await page.getByRole('button', { name: 'Publish' }).click();
        await page.getByRole('button', { name: 'Publish pairs' }).click();
        await expect(page.getByText(/^Published: \d+ new pairs/)).toBeVisible();
      } else {
        found.push(...(await violations(page, name)));
      }
      if (name === 'Pairs') {
        await page.getByRole('table', { name: 'Active pairs' }).getByRole('row').nth(1).getByRole('button').click();
        const panel = page.getByRole('dialog', { name: 'Pair sessions' });
        await panel.getByRole('button', { name: 'Log or schedule' }).click();
        await page.getByLabel('Start (local date and time)').fill('2027-03-14T09:00');
        await page.getByRole('button', { name: 'Save session' }).click();
        await expect(panel.getByRole('list', { name: 'Sessions' }).getByRole('listitem')).toHaveCount(1);
        found.push(...(await violations(page, 'Pair panel')));
        await panel.getByRole('button', { name: 'Log or schedule' }).click();
        await expect(page.locator('.MuiDialog-container').last()).toHaveCSS('opacity', '1');
        found.push(...(await violations(page, 'Session dialog')));
        await page.getByRole('button', { name: 'Cancel' }).click();
        await panel.getByRole('button', { name: /^Invite to the session/ }).click();
        await expect(page.locator('.MuiDialog-container').last()).toHaveCSS('opacity', '1');
        found.push(...(await violations(page, 'Calendar dialog')));
        await page.getByRole('button', { name: 'Cancel' }).click();
        await panel.getByRole('button', { name: 'Close' }).click();
      }
      if (name === 'Participants') {
        await page.getByRole('table').getByRole('row').nth(1).click();
        const drawer = page.getByRole('dialog', { name: /^Participant / });
        await expect(drawer).toBeVisible();
        found.push(...(await violations(page, 'Member drawer')));
        await drawer.getByRole('button', { name: 'Close', exact: true }).first().click();
      }
    }
    expect(found).toEqual([]);
  });
}
