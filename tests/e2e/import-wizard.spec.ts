import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Locator, Page } from '@playwright/test';
import { createProgramWithCohort, expect, test, violations } from './fixtures';

/** The sample form's columns, asked as a new coordinator's Google Form asks them. */
const QUESTIONS = [
  'Timestamp', 'What is your name?', 'Email Address', 'Are you joining as a mentor or a mentee?', 'Which time zone are you in?',
  'How many mentees can you take on?', 'How many years of experience do you have?', 'Which department/team are you in?', 'Which team are you on?',
  'Which languages do you speak?', 'What would you like to learn?', 'What can you help with?', 'What do you hope to get out of the program?',
  'When are you usually free?',
];

/** 300 registrations with question headers; 19 of them with an email that is not one. */
async function questionForm(dir: string): Promise<{ path: string; broken: number[] }> {
  const { generateRegistrationCsv } = await import('../../src/core/sample/generate');
  const [, ...rows] = Papa.parse<string[]>(generateRegistrationCsv({ mentors: 60, mentees: 240, seed: 5 }).trimEnd()).data;
  const broken = Array.from({ length: 19 }, (_, i) => 3 + i * 15);
  for (const line of broken) rows[line - 2]![2] = rows[line - 2]![2]!.replace('@example.org', '@example');
  const path = join(dir, 'registrations.csv');
  writeFileSync(path, Papa.unparse([QUESTIONS, ...rows]));
  return { path, broken };
}

/**
 * Fully in view: inside the window and not cut off by any scrolling ancestor (the dialog's content, a
 * table's container): what a coordinator sees without scrolling.
 */
async function expectUnclipped(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const clipped = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const inside = (outer: { top: number; bottom: number; left: number; right: number }) =>
      box.top >= outer.top - 1 && box.bottom <= outer.bottom + 1 && box.left >= outer.left - 1 && box.right <= outer.right + 1;
    if (!inside({ top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth })) return `outside the window (${JSON.stringify(box)})`;
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (/(auto|scroll|hidden|clip)/.test(style.overflowY + style.overflowX) && !inside(parent.getBoundingClientRect())) {
        return `cut off by ${parent.tagName}.${parent.className.split(' ')[0]}`;
      }
    }
    return null;
  });
  expect(clipped, `${locator} should be in view without scrolling`).toBeNull();
}

async function openImport(page: Page, file: string): Promise<void> {
  await page.getByRole('button', { name: 'Import participants' }).first().click();
  await page.getByLabel('Registration file').setInputFiles(file);
  await expect(page.getByRole('table', { name: 'Column mapping' })).toBeVisible();
}


const field = (page: Page, column: string) => page.getByRole('combobox', { name: `Field for column ${column}` });

for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
  const size = `${viewport.width}x${viewport.height}`;
  test.describe(`import wizard at ${size}`, () => {
    test.use({ viewport });

    test('question headers are recognised, the way forward stays in view, skipped rows come back as a CSV, and a re-import previews what it will do', async ({ page, app, shot }) => {
      const { path, broken } = await questionForm(app.dir);
      await createProgramWithCohort(page, 'Mentoring', 'Spring');
      await page.getByRole('button', { name: 'Import participants' }).first().click();
      await expectUnclipped(page.getByRole('button', { name: 'Choose file…' }));
      await expect(page.locator('.MuiDialog-container')).toHaveCSS('opacity', '1'); // faded in, for the screenshot
      await shot(`import-wizard-${size}-0-choose`);
      await page.getByLabel('Registration file').setInputFiles(path);

      // 1. Question-style headers are mapped; what a missing field turns off is said.
      await expect(field(page, 'What is your name?')).toHaveText('Full name');
      await expect(field(page, 'Are you joining as a mentor or a mentee?')).toHaveText('Role (mentor/mentee)');
      await expect(field(page, 'Which time zone are you in?')).toHaveText('Time zone');
      await expect(field(page, 'How many mentees can you take on?')).toHaveText('Max mentees');
      await expect(field(page, 'How many years of experience do you have?')).toHaveText('Years of experience');
      await expect(field(page, 'Which department/team are you in?')).toHaveText('Department');
      await expect(field(page, 'Which team are you on?')).toHaveText('Team');
      await expect(field(page, 'Which languages do you speak?')).toHaveText('Languages');
      await expect(field(page, 'What would you like to learn?')).toHaveText('Interests');
      await expect(field(page, 'What can you help with?')).toHaveText('Expertise');
      await expect(field(page, 'What do you hope to get out of the program?')).toHaveText('Goals');
      await expect(field(page, 'When are you usually free?')).toHaveText('Weekly availability');
      const turnedOff = page.getByRole('status', { name: 'Matching features turned off' });
      await expect(turnedOff).toHaveText(/No manager email column: “never pair a person and their manager” cannot check anyone\./);
      await expect(turnedOff).not.toContainText('time zone');
      await expectUnclipped(turnedOff);
      await expectUnclipped(page.getByRole('button', { name: 'Next: check rows' }));
      await shot(`import-wizard-${size}-1-mapping`);
      expect(await violations(page, '', { include: '[role="dialog"]' })).toEqual([]);

      await field(page, 'Which time zone are you in?').click();
      await page.getByRole('option', { name: 'Ignore' }).click();
      await expect(turnedOff).toContainText('No time zone column: the time-zone rule and availability overlap cannot work.');
      await expectUnclipped(turnedOff.getByText('No time zone column'));
      await field(page, 'Which time zone are you in?').click();
      await page.getByRole('option', { name: 'Time zone' }).click();
      await expect(turnedOff).not.toContainText('time zone');

      // 2. The preview: the reason and the choice sit with the Import button, in view.
      await page.getByRole('button', { name: 'Next: check rows' }).click();
      const will = page.getByLabel('What the import will do');
      await expect(will).toContainText('300 rows');
      await expect(will).toContainText('281 new');
      await expect(will).toContainText('19 with problems');
      const reason = page.getByText('19 rows have problems: fix the file, or');
      const skip = page.getByRole('checkbox', { name: 'Skip them and import 281' });
      const importButton = page.getByRole('button', { name: 'Import 300 rows' });
      await expectUnclipped(reason);
      await expectUnclipped(skip);
      await expectUnclipped(importButton);
      await expect(importButton).toBeDisabled();
      await expect(importButton).toHaveAccessibleDescription('19 rows have problems: fix the file, or');
      await shot(`import-wizard-${size}-2-preview`);
      expect(await violations(page, '', { include: '[role="dialog"]' })).toEqual([]);
      await skip.check();
      await page.getByRole('button', { name: 'Import 281 rows' }).click();

      // 3. Done: the skipped rows are listed and can be saved to fix.
      const summary = page.getByLabel('Import summary');
      await expect(summary).toContainText('281 added');
      await expect(summary).toContainText('19 skipped');
      const skipped = page.getByRole('list', { name: 'Skipped rows and their problems' });
      await expect(skipped.getByRole('listitem')).toHaveCount(19);
      await expect(skipped).toContainText(`line ${broken[0]}, column "Email Address"`);
      const download = page.getByRole('button', { name: 'Download 19 rows to fix (CSV)' });
      await expectUnclipped(download);
      await expectUnclipped(page.getByRole('button', { name: 'Done' }));
      await shot(`import-wizard-${size}-3-done`);
      expect(await violations(page, '', { include: '[role="dialog"]' })).toEqual([]);
      const [saved] = await Promise.all([page.waitForEvent('download'), download.click()]);
      expect(saved.suggestedFilename()).toBe('registrations-rows-to-fix.csv');
      const toFix = join(app.dir, 'to-fix.csv');
      await saved.saveAs(toFix);
      const text = readFileSync(toFix, 'utf8');
      const [header, ...fixRows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trimEnd()).data;
      expect(header).toEqual([...QUESTIONS, 'Problem']);
      expect(fixRows.map((r) => r.at(-1))).toEqual(broken.map((line) => `line ${line}: Email Address: not a valid email address`));
      await page.getByRole('button', { name: 'Done' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();

      // 4. The same file again: the mapping is the program's, and the preview promises what the result says.
      await openImport(page, path);
      await expect(page.getByText('14 of them are mapped as in this program\'s last import')).toBeVisible();
      await page.getByRole('button', { name: 'Next: check rows' }).click();
      await expect(will).toContainText('0 new');
      await expect(will).toContainText('0 updated');
      await expect(will).toContainText('281 unchanged');
      await page.getByRole('checkbox', { name: 'Skip them and import 281' }).check();
      await page.getByRole('button', { name: 'Import 281 rows' }).click();
      await expect(summary).toContainText('0 added');
      await expect(summary).toContainText('0 updated');
      await expect(summary).toContainText('281 unchanged');
      await page.getByRole('button', { name: 'Done' }).click();

      // 5. The fixed rows, imported again: the same columns map as before, "Problem" is left out.
      writeFileSync(toFix, text.replaceAll(/@example,/g, '@example.org,'));
      await openImport(page, toFix);
      await expect(field(page, 'Which time zone are you in?')).toHaveText('Time zone');
      await expect(field(page, 'Problem')).toHaveText('Ignore');
      await page.getByRole('button', { name: 'Next: check rows' }).click();
      await expect(will).toContainText('19 new');
      await page.getByRole('button', { name: 'Import 19 rows' }).click();
      await expect(summary).toContainText('19 added');
    });
  });
}

test('going Back to load a corrected file keeps the column choices', async ({ page, app, shot }) => {
  const header = 'Name,Mail,Kind,Zone,Notes';
  const first = join(app.dir, 'first.csv');
  writeFileSync(first, `${header}\nAna Ruiz,ana@example,Mentor,Europe/Berlin,hi\n`);
  const corrected = join(app.dir, 'corrected.csv');
  writeFileSync(corrected, `${header}\nAna Ruiz,ana@example.org,Mentor,Europe/Berlin,hi\n`);
  await createProgramWithCohort(page, 'Mentoring', 'Spring');
  await openImport(page, first);
  for (const [column, label] of [['Mail', 'Email'], ['Kind', 'Role (mentor/mentee)'], ['Zone', 'Time zone']] as const) {
    await field(page, column).click();
    await page.getByRole('option', { name: label, exact: true }).click();
  }
  expect(await violations(page, '', { include: '[role="dialog"]' })).toEqual([]);
  await page.getByRole('button', { name: 'Next: check rows' }).click();
  await expect(page.getByText('None of the 1 row can be imported: fix the file and load it again.')).toBeVisible();
  expect(await violations(page, '', { include: '[role="dialog"]' })).toEqual([]);
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByText('Drop the corrected file here')).toBeVisible();
  await page.getByLabel('Registration file').setInputFiles(corrected);
  await expect(page.getByText('Your column choices for first.csv are kept: this file has the same columns.')).toBeVisible();
  await expect(field(page, 'Mail')).toHaveText('Email');
  await expect(field(page, 'Kind')).toHaveText('Role (mentor/mentee)');
  await expect(field(page, 'Zone')).toHaveText('Time zone');
  await shot('import-wizard-kept-mapping');
  await page.getByRole('button', { name: 'Next: check rows' }).click();
  await page.getByRole('button', { name: 'Import 1 rows' }).click();
  await expect(page.getByLabel('Import summary')).toContainText('1 added');
  expect(await violations(page, '', { include: '[role="dialog"]' })).toEqual([]);
});
