import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, loadSample, publishFirstRun, SCREENSHOTS, test, violations } from './fixtures';
import type { Page } from '@playwright/test';



test('dashboard of the published sample cohort with generated sessions: a number opens its list, the report downloads', async ({ page, shot }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await loadSample(page);
  await publishFirstRun(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard and reports', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Generate sample history' }).click();
  await expect(page.getByText(/^Generated \d+ sessions for \d+ pairs/)).toBeVisible();
  // The badges were re-read with the new figures.
  await expect(page.getByRole('table', { name: 'Badges' }).getByRole('row', { name: /^First session \d+/ })).toBeVisible();
  await expect(page.getByText(/^Generated \d+ sessions/)).toBeHidden({ timeout: 10_000 });

  // The health table's at-risk count, and the summary's, are the same number and link to those pairs.
  const healthTable = page.getByRole('table', { name: 'Pairs by health' });
  const atRiskLink = healthTable.getByRole('link', { name: /at risk: open these pairs/ });
  await expect.poll(async () => Number(await atRiskLink.textContent())).toBeGreaterThan(0);
  const atRisk = Number(await atRiskLink.textContent());
  await expect(page.getByRole('list', { name: 'Summary' }).getByRole('link', { name: `${atRisk} at risk: open the list` })).toBeVisible();
  const funnel = page.getByRole('table', { name: 'Funnel' });
  await expect(funnel.getByRole('row', { name: /^Registered 84 / })).toBeVisible();

  // Goals and ratings came with the generated history: their sections have figures.
  await expect(page.getByRole('table', { name: 'Goals' }).getByRole('row', { name: /^Reached \d+/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Satisfaction by month' }).getByRole('row')).not.toHaveCount(1);

  await page.mouse.move(0, 0);
  expect(await violations(page)).toEqual([]);
  await shot('reports-60-dashboard');
  await page.getByRole('heading', { name: 'Sessions per week' }).scrollIntoViewIfNeeded();
  await page.getByRole('heading', { name: 'Sessions per week' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('reports-64-dashboard-sessions-health');
  await page.getByRole('heading', { name: 'Satisfaction over time' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('reports-65-dashboard-outcomes-export');
  await page.getByRole('heading', { name: 'Dashboard and reports', level: 1 }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.mouse.move(0, 0);
  expect(await violations(page)).toEqual([]);
  await shot('reports-61-dashboard-dark');
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('heading', { name: 'Dashboard and reports', level: 1 }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('reports-63-dashboard-dark-1024');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await shot('reports-62-dashboard-1024');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Export the PDF report: a download whose text has the cohort and the same at-risk count.
  await page.getByRole('textbox', { name: 'Organisation (on the cover)' }).fill('Acme Corporation');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Report (PDF)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^progress-sample-program-sample-cohort-\d{4}-\d{2}-\d{2}\.pdf$/);
  const path = test.info().outputPath('report.pdf');
  await download.saveAs(path);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  expect(text).toContain('ACME CORPORATION');
  expect(text).toContain('Sample program · Sample cohort');
  expect(text).toContain(`${atRisk} pairs at risk`);
  // Each page of the PDF as a picture, to look at beside the dashboard's screenshots.
  execFileSync('pdftoppm', ['-r', '70', '-png', path, join(SCREENSHOTS, 'reports-66-pdf-page')]);

  // Click the number: the Pairs page opens filtered to exactly those pairs.
  await atRiskLink.click();
  await expect(page.getByRole('heading', { name: 'Pairs', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Health' })).toContainText('At risk');
  const rows = page.getByRole('table', { name: 'Active pairs' }).getByRole('row');
  await expect(rows).toHaveCount(atRisk + 1);

  // The mentor view shows the badges the recorded sessions earned, as the report counts them.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Mentors', exact: true }).click();
  const mentors = page.getByRole('table', { name: 'Mentors' });
  await expect(mentors.getByRole('group').or(mentors.locator('[aria-label^="Badges of "]')).first()).toBeVisible();
  await expect(mentors.locator('[aria-label^="Badges of "]').getByText('First session').first()).toBeVisible();
  await shot('reports-67-mentor-badges');
});
