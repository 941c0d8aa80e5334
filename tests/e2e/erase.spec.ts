import { expect, loadSample, test } from './fixtures';

test('the member drawer tells Remove from Erase, and Erase says exactly what goes before it erases', async ({ page, shot }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Participants' }).click();
  const grid = page.getByRole('table', { name: 'Participants' });
  await expect(page.getByText('24 mentors, 60 mentees')).toBeVisible();
  const first = grid.getByRole('row').nth(1);
  const email = (await first.getByRole('cell').nth(1).textContent())!;
  await page.getByLabel('Search participants').fill(email);
  await expect(grid.getByRole('row')).toHaveCount(2);
  await grid.getByRole('row').nth(1).click();
  const drawer = page.getByRole('dialog', { name: /Participant/ });
  await expect(drawer.getByText(/Remove from cohort takes them out of this cohort; their details and history stay/)).toBeVisible();

  await drawer.getByRole('button', { name: 'Erase person…' }).click();
  const ask = page.getByRole('dialog', { name: /^Erase .* for good\?$/ });
  await expect(ask.getByText(`(${email})`, { exact: false })).toBeVisible();
  await expect(ask.getByText(/Their record in 1 cohort: Sample cohort \((mentor|mentee)\)\./)).toBeVisible();
  await expect(ask.getByText(/change-log entries: blanked, so no undo, replay or sync can bring them back\./)).toBeVisible();
  await expect(ask.getByText('use Remove from cohort instead', { exact: false })).toBeVisible();
  await expect(ask.getByRole('button', { name: /^Erase / })).toBeEnabled();
  await page.waitForTimeout(400); // the dialog's fade-in, for the screenshot
  await shot('erase-dialog');
  await ask.getByRole('button', { name: /^Erase / }).click();
  await expect(page.getByText(/ was erased\.$/)).toBeVisible();
  await expect(ask).toBeHidden();
  await expect(grid.getByRole('row')).toHaveCount(1);
  await page.getByLabel('Search participants').fill('');
  await expect(page.getByText(/83 shown|· 83|83 members|59 mentees|23 mentors/).first()).toBeVisible();
});

test('Remove from cohort asks first and keeps the person’s history', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Participants' }).click();
  const grid = page.getByRole('table', { name: 'Participants' });
  await grid.getByRole('row').nth(1).click();
  const drawer = page.getByRole('dialog', { name: /Participant/ });
  await drawer.getByRole('button', { name: 'Remove from cohort' }).click();
  const ask = page.getByRole('dialog', { name: /^Remove .* from this cohort\?$/ });
  await expect(ask.getByText(/Their details and history stay in the workspace/)).toBeVisible();
  await ask.getByRole('button', { name: 'Remove from cohort' }).click();
  await expect(page.getByText(/ was removed from this cohort; their history is kept\.$/)).toBeVisible();
  await expect(page.getByText(/Sample cohort: 2[34] mentors, (59|60) mentees/)).toBeVisible();
});

test('a run that named someone later erased shows "(erased)", never an internal id', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Matching' }).click();
  await page.getByRole('button', { name: 'Run matching' }).click();
  await expect(page.getByRole('combobox', { name: 'Run' })).toContainText('Run 1', { timeout: 30_000 });
  const pairs = page.getByRole('table', { name: 'Pairs' });
  const mentee = (await pairs.getByRole('row').nth(1).getByRole('cell').nth(0).textContent())!;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Participants' }).click();
  await page.getByLabel('Search participants').fill(mentee);
  await page.getByRole('table', { name: 'Participants' }).getByRole('row').nth(1).click();
  await page.getByRole('dialog', { name: /Participant/ }).getByRole('button', { name: 'Erase person…' }).click();
  await page.getByRole('dialog', { name: /^Erase .* for good\?$/ }).getByRole('button', { name: /^Erase / }).click();
  await expect(page.getByText(/ was erased\.$/)).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Matching' }).click();
  await expect(pairs.getByRole('row').filter({ hasText: '(erased)' })).toHaveCount(1);
  await expect(pairs).not.toContainText(mentee);
  await expect(pairs).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
});
