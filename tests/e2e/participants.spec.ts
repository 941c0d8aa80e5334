import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, loadSample, test } from './fixtures';

test('adds a person by hand, approves every pending mentor shown at once (with undo), exports who is not yet matched', async ({ page, shot }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Participants' }).click();

  // Add by hand: the import's checks, named by field; then the person is in the grid.
  await page.getByRole('button', { name: 'Add person' }).click();
  const dialog = page.getByRole('dialog', { name: /Add a person to/ });
  await dialog.getByLabel('Full name').fill('Zoë Ng');
  await dialog.getByLabel('Email').fill('zoe@example');
  await dialog.getByLabel('Time zone').fill('Europe/Berlin');
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Email: value "zoe@example": not a valid email address');
  await dialog.getByLabel('Email').fill('zoe@example.org');
  await dialog.getByLabel('Interests').fill('public speaking, career growth');
  await shot('40-add-person');
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByText('Zoë Ng added to Sample cohort')).toBeVisible();
  await page.getByLabel('Search participants').fill('Zoë');
  await expect(page.getByRole('table', { name: 'Participants' }).getByRole('row')).toHaveCount(2);
  await page.getByLabel('Search participants').fill('');

  // Bulk: every pending mentor shown, in one step, undoable.
  const bulk = page.getByRole('group', { name: 'Decide for everyone shown' });
  await expect(bulk).toContainText('24 pending mentors shown');
  await bulk.getByRole('button', { name: 'Approve all' }).click();
  await expect(page.getByText('24 mentors approved')).toBeVisible();
  await expect(bulk).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(bulk).toContainText('24 pending mentors shown');

  // Who is left once pairs are published: none published yet, so every mentee.
  await page.getByRole('button', { name: 'Not yet matched' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Save as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('sample-cohort-not-yet-matched.csv');
  const rows = Papa.parse<Record<string, string>>(readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  expect(rows.filter((r) => r.Role === 'mentee')).toHaveLength(61);
  await expect(page.getByText('Saved sample-cohort-not-yet-matched.csv')).toBeVisible();
  await shot('41-participants-bulk');
});
