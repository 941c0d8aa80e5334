import { expect, loadSample, test } from './fixtures';

test('the sample program with two rated past cohorts shows what was learned and its evidence, and a run with the learned score', async ({ page, shot }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Matching' }).click();
  await expect(page.getByRole('heading', { name: 'Matching' })).toBeVisible();

  // Without rated cohorts the learned score is offered but not available, and says why.
  const rules = page.getByRole('complementary', { name: 'Matching rules' });
  await expect(rules.getByText(/Not available yet: Needs rated pairs from at least two cohorts/)).toBeVisible();
  await expect(rules.getByRole('radio', { name: 'Learned from past feedback' })).toBeDisabled();

  await rules.getByRole('button', { name: 'What was learned…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Learned from past feedback' });
  await expect(dialog.getByRole('button', { name: 'Learn from past feedback' })).toBeDisabled();
  await dialog.getByRole('button', { name: "Add the sample's rated past cohorts" }).click();
  await expect(page.getByText(/Added Spring 2026 and Autumn 2026 with \d+ rated pairs/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Learn from past feedback' }).click();
  await expect(page.getByText('Learned score version 1: recommended')).toBeVisible();

  await expect(dialog.getByText(/^Availability overlap mattered most; .*topics.* did not \(\d+ rated pairs in 2 cohorts\)\.$/)).toBeVisible();
  await expect(dialog.getByRole('alert')).toContainText('Recommended. Better than the hand-set weights on the held-out cohort');
  const evaluation = dialog.getByRole('table', { name: 'Held-out evaluation' });
  await expect(evaluation.getByRole('columnheader', { name: 'On Autumn 2026' })).toBeVisible();
  await expect(evaluation.getByRole('row', { name: /^AUC/ })).toBeVisible();
  await expect(evaluation.getByRole('row', { name: /^Calibration error/ })).toContainText(/\d+ points\s*\d+ points/);
  expect((await evaluation.getByRole('columnheader', { name: 'Hand-set weights' }).boundingBox())!.height, 'the header on one line').toBeLessThan(40);
  // The chart's figures are also in words.
  await expect(dialog.getByRole('list', { name: 'Share of the learned score' })).toContainText(/Availability overlap: \d+%/);
  await shot('70-learned-score');
  // The dialog keeps the rest of the page inert: close it to switch the theme, then look again.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await rules.getByRole('button', { name: 'What was learned…' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Recommended.');
  await page.waitForTimeout(500); // the dialog's fade-in, so the picture is not half-transparent
  await shot('70-learned-score-dark');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Switch to light theme' }).click();

  // Score the sample cohort with the learned score: the run is proved optimal and remembers the model's version.
  await rules.getByRole('radio', { name: 'Learned from past feedback' }).check();
  await expect(rules.getByText('Not used while pair scores come from the learned score')).toBeVisible();
  await page.getByRole('button', { name: 'Run matching' }).click();
  await expect(page.getByRole('combobox', { name: 'Run' })).toContainText('Run 1', { timeout: 30_000 });
  await expect(page.getByText('Proved optimal')).toBeVisible();
  await expect(page.getByLabel('Result summary')).toContainText('learned score v1');
  await shot('71-learned-run');
});
