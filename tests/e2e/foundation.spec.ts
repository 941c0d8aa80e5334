import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createProgramWithCohort, expect, loadSample, test } from './fixtures';

const BROKEN = resolve(import.meta.dirname, '../fixtures/broken-cohort.csv');

test('a new coordinator loads the sample cohort and browses it', async ({ page, shot }) => {
  await expect(page.getByText('Welcome to Pairwise')).toBeVisible();
  await shot('01-empty-state');
  await loadSample(page);
  const cohortTable = page.getByRole('table', { name: 'Cohorts of Sample program' });
  await expect(cohortTable.getByRole('row', { name: /Sample cohort/ })).toContainText('24');
  await expect(cohortTable.getByRole('row', { name: /Sample cohort/ })).toContainText('60');
  await shot('02-programs');

  await page.getByRole('button', { name: 'Participants' }).first().click();
  await expect(page.getByText('Sample cohort: 24 mentors, 60 mentees')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Participants' }).getByRole('row').nth(1)).toBeVisible();
  await shot('03-participants');
});

test('creates a program and a cohort, renames and archives the cohort', async ({ page }) => {
  await page.getByRole('button', { name: 'New program' }).first().click();
  await page.getByLabel('Program name').fill('Women in Engineering');
  await page.getByRole('button', { name: 'Create program' }).click();
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('Spring 2027');
  await page.getByRole('button', { name: 'Create cohort' }).click();
  const cohorts = page.getByRole('table', { name: 'Cohorts of Women in Engineering' });
  await expect(cohorts).toContainText('Spring 2027');

  // A duplicate name is refused with a clear message, and the dialog stays open.
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('spring 2027');
  await page.getByRole('button', { name: 'Create cohort' }).click();
  await expect(page.getByText('This program already has a cohort named "spring 2027"')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Rename cohort Spring 2027' }).click();
  await page.getByLabel('Cohort name').fill('Spring 2027 — EMEA');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(cohorts).toContainText('Spring 2027 — EMEA');

  await page.getByRole('button', { name: 'Archive cohort Spring 2027 — EMEA' }).click();
  await expect(page.getByText('No cohorts yet')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cohorts).toContainText('Spring 2027 — EMEA');
});

test('a broken file shows its row errors, imports nothing, then imports the valid rows when skipping', async ({ page, shot }) => {
  await createProgramWithCohort(page, 'Mentoring', 'Autumn');
  await expect(page.getByText('This cohort is empty')).toBeVisible();

  await page.getByRole('button', { name: 'Import participants' }).first().click();
  await page.getByLabel('Registration file').setInputFiles(BROKEN);
  await expect(page.getByRole('table', { name: 'Column mapping' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Field for column Email Address' })).toHaveText('Email');
  await expect(page.getByRole('combobox', { name: 'Field for column Max mentees' })).toHaveText('Max mentees');
  await shot('04-import-mapping');
  await page.getByRole('button', { name: 'Next: check rows' }).click();

  const problems = page.getByRole('list', { name: 'Import problems' });
  await expect(problems).toContainText('line 3, column "Email Address", value "ben@example": not a valid email address');
  await expect(problems).toContainText('line 4, column "Time zone", value "IST": "IST" is ambiguous');
  await expect(problems).toContainText('line 6, column "I want to be a…", value "Coach": expected "mentor" or "mentee"');
  await expect(page.getByRole('button', { name: 'Import 5 rows' })).toBeDisabled();
  await shot('05-import-errors');

  // The reason and the choice sit beside the disabled button.
  await expect(page.getByText('3 rows have problems: fix the file, or')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Skip them and import 2' }).check();
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  const summary = page.getByLabel('Import summary');
  await expect(summary).toContainText('2 added');
  await expect(summary).toContainText('3 skipped');
  // The Done screen lists the skipped rows, to fix and import again.
  const skipped = page.getByRole('list', { name: 'Skipped rows and their problems' });
  await expect(skipped).toContainText('line 3, column "Email Address", value "ben@example": not a valid email address');
  await expect(skipped).toContainText('line 6, column "I want to be a…", value "Coach": expected "mentor" or "mentee"');
  await expect(page.getByRole('button', { name: 'Download 3 rows to fix (CSV)' })).toBeVisible();
  await shot('06-import-summary');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByText('Autumn: 1 mentors, 1 mentees')).toBeVisible();
  const grid = page.getByRole('table', { name: 'Participants' });
  await expect(grid).toContainText('ana@example.org');
  await expect(grid).toContainText('dan@example.org');
  await expect(grid).not.toContainText('ben@example');
});

test('finds a person, edits them, approves a mentor, and can undo', async ({ page, shot }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Participants' }).click();
  const grid = page.getByRole('table', { name: 'Participants' });

  await page.getByLabel('Role').click();
  await page.getByRole('option', { name: 'Mentors' }).click();
  await expect(page.getByText('24 mentors, 60 mentees · 24 shown')).toBeVisible();
  const firstMentor = grid.getByRole('row').nth(1);
  const email = (await firstMentor.getByRole('cell').nth(1).textContent())!;

  await page.getByLabel('Search participants').fill(email);
  await expect(grid.getByRole('row')).toHaveCount(2);
  await grid.getByRole('row').nth(1).click();
  const drawer = page.getByRole('dialog', { name: /Participant/ });
  await expect(drawer.getByLabel('Email', { exact: true })).toHaveValue(email);

  await drawer.getByLabel('Max mentees').fill('4');
  await drawer.getByLabel('Department').fill('Research');
  await drawer.getByLabel('Weekly availability (their local time)').fill('Tue 08:00-09:30, Thu 18:00-19:00');
  await drawer.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(/^Saved /)).toBeVisible();

  await drawer.getByRole('button', { name: 'Approve mentor' }).click();
  await expect(drawer.getByText('approval: approved')).toBeVisible();
  await shot('07-member-drawer');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  const row = grid.getByRole('row').nth(1);
  await expect(row).toContainText('Research');
  await expect(row).toContainText('4');
  await expect(row).toContainText('approved');

  // Undo puts the previous approval back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(row).toContainText('pending');
  await expect(row).toContainText('Research');

  // Keyboard: Enter on a focused row opens it again.
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(drawer).toBeVisible();

  await expect(drawer.getByLabel('Weekly availability (their local time)')).toHaveValue('Tue 08:00-09:30; Thu 18:00-19:00');

  // A bad time zone is refused with the reason, and nothing changes.
  await drawer.getByLabel('Time zone').fill('IST');
  await drawer.getByRole('button', { name: 'Save changes' }).click();
  await expect(drawer.getByText(/"IST" is ambiguous/)).toBeVisible();
});

test('10,000 participants scroll in a virtualised table and dark mode applies', async ({ page, app, shot }) => {
  const { generateRegistrationCsv } = await import('../../src/core/sample/generate');
  const file = join(app.dir, 'big.csv');
  writeFileSync(file, generateRegistrationCsv({ mentors: 3000, mentees: 7000, seed: 9 }));
  await createProgramWithCohort(page, 'Big', 'All hands');
  await page.getByRole('button', { name: 'Import participants' }).first().click();
  await page.getByLabel('Registration file').setInputFiles(file);
  await page.getByRole('button', { name: 'Next: check rows' }).click();
  await page.getByRole('button', { name: 'Import 10,000 rows' }).click();
  await expect(page.getByLabel('Import summary')).toContainText('10000 added');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByText('All hands: 3000 mentors, 7000 mentees')).toBeVisible();

  const grid = page.getByRole('table', { name: 'Participants' });
  await expect(grid).toHaveAttribute('aria-rowcount', '10001');
  // Only the rows in view are in the DOM.
  expect(await grid.getByRole('row').count()).toBeLessThan(80);
  await page.getByTestId('virtual-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.locator('[aria-rowindex="10001"]')).toBeVisible();

  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(17, 19, 24)');
  await shot('08-dark-10k');
});
