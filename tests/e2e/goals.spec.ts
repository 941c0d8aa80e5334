import { expect, loadSample, publishFirstRun, test, violations } from './fixtures';
import type { Page } from '@playwright/test';



const go = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();

/** A datetime-local value `days` from now, on this computer's clock. */
function daysAhead(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

test('goals with milestones, a template for the cohort, the Due list linking to a pair, closing it, the mentor view', async ({ page, shot }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await loadSample(page);
  await publishFirstRun(page);

  // A goal with two milestones, one done: progress follows the milestones.
  await go(page, 'Goals');
  await expect(page.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
  await expect(page.getByText('No goals yet')).toBeVisible();
  await page.getByRole('button', { name: 'Add goal' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a goal' });
  const pairLabel = (await dialog.getByRole('combobox', { name: 'Pair' }).textContent())!;
  const mentee = pairLabel.split(' & ')[0]!;
  await dialog.getByLabel('Goal', { exact: true }).fill('Lead a team meeting');
  await dialog.getByLabel('Target date').fill('2027-06-30');
  await dialog.getByRole('button', { name: 'Add milestone' }).click();
  await dialog.getByLabel('Milestone 1', { exact: true }).fill('Draft the agenda');
  await dialog.getByRole('checkbox', { name: 'Milestone 1 done' }).check();
  await dialog.getByRole('button', { name: 'Add milestone' }).click();
  await dialog.getByLabel('Milestone 2', { exact: true }).fill('Run the meeting');
  await dialog.getByRole('button', { name: 'Save goal' }).click();
  await expect(dialog).toBeHidden();
  const goals = page.getByRole('table', { name: 'Goals' });
  const first = goals.getByRole('row').filter({ hasText: 'Lead a team meeting' });
  await expect(first).toContainText(mentee);
  await expect(first).toContainText('1 / 2 milestones');
  await expect(first).toContainText('50%');
  await expect(first).toContainText('2027-06-30');
  await expect(page.getByText('1 goal · 0 reached · 0 stuck')).toBeVisible();

  // Edit it: the second milestone done, and the goal reached.
  await first.getByRole('button', { name: /^Edit goal/ }).click();
  const edit = page.getByRole('dialog', { name: 'Edit goal' });
  await edit.getByRole('checkbox', { name: 'Milestone 2 done' }).check();
  await edit.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Reached' }).click();
  await edit.getByRole('button', { name: 'Save goal' }).click();
  await expect(edit).toBeHidden();
  await expect(first).toContainText('100%');
  await expect(first).toContainText('Reached');

  // A template applied to the whole cohort: one goal per active pair, applying again adds none.
  await page.getByRole('button', { name: 'Templates' }).click();
  const templates = page.getByRole('dialog', { name: 'Goal templates' });
  await templates.getByRole('button', { name: 'New template' }).click();
  await templates.getByLabel('Template goal').fill('Career plan');
  await templates.getByRole('textbox', { name: 'Template milestone 1' }).fill('Name three strengths');
  await templates.getByRole('button', { name: 'Save template' }).click();
  await expect(templates.getByRole('list', { name: 'Templates' })).toContainText('Name three strengths (day 14)');
  await templates.getByRole('button', { name: 'Apply to cohort: Career plan' }).click();
  const applied = page.getByText(/^"Career plan" given to (\d+) pairs$/);
  await expect(applied).toBeVisible();
  const pairCount = Number(/given to (\d+)/.exec((await applied.textContent())!)![1]);
  expect(pairCount).toBeGreaterThan(10);
  await templates.getByRole('button', { name: 'Apply to cohort: Career plan' }).click();
  await expect(page.getByText(`"Career plan" given to 0 pairs (${pairCount} already had it)`)).toBeVisible();
  await templates.getByRole('button', { name: 'Close' }).click();
  await expect(goals.getByRole('row')).toHaveCount(pairCount + 2);
  await expect(page.getByText(`${pairCount + 1} goals · 1 reached · 0 stuck`)).toBeVisible();
  await shot('50-goals');
  const found = await violations(page, 'Goals');

  // Due, three weeks and a day ahead: no pair has had a first session, every template goal is stuck.
  await go(page, 'Due');
  await expect(page.getByRole('heading', { name: 'Due', level: 1 })).toBeVisible();
  await page.mouse.move(1200, 780);
  await expect(page.getByText('Nothing due: no session in the next 48 hours, no pair past its cadence or without a first session after 14 days, no stuck goal.')).toBeVisible();
  await page.getByLabel('As of').fill(daysAhead(22));
  const due = page.getByRole('table', { name: 'Due' });
  await expect(page.getByText(`No first session: ${pairCount}`)).toBeVisible();
  await expect(page.getByText(`Stuck goal: ${pairCount}`)).toBeVisible();
  await expect(due.getByRole('row').nth(1)).toContainText(/no first session 2[12] days after the start/);
  await shot('51-due');
  found.push(...(await violations(page, 'Due')));

  // An item opens its pair on the Pairs page; close that pair, ended early with a reason.
  const link = due.getByRole('button', { name: new RegExp(`^${mentee} & .*: open the pair$`) }).first();
  await link.click();
  const panel = page.getByRole('dialog', { name: 'Pair sessions' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toContainText(mentee);
  await expect(panel).toContainText('Goals: 1 of 2 reached');
  const panelGoals = panel.getByRole('list', { name: 'Goals of the pair' }).getByRole('listitem');
  await expect(panelGoals).toHaveCount(2);
  await expect(panelGoals.filter({ hasText: 'Lead a team meeting' })).toContainText('100%');
  // The panel shows the pair as of now: its template goal is open and not yet stuck.
  await expect(panelGoals.filter({ hasText: 'Career plan' })).toContainText('0%Open');
  await shot('54-pair-panel-goals');
  await panel.getByRole('button', { name: 'End pair' }).click();
  const close = page.getByRole('dialog', { name: /^End the pair of/ });
  await close.getByLabel('Ended early').check();
  await expect(close.getByRole('button', { name: 'End pair' })).toBeDisabled();
  await close.getByLabel('Reason (required)').fill('Mentee changed teams');
  await close.getByRole('button', { name: 'End pair' }).click();
  await expect(page.getByText('Pair ended: ended early')).toBeVisible();
  await expect(panel).toBeHidden();
  const pairs = page.getByRole('table', { name: 'Active pairs' });
  await expect(pairs.getByRole('row')).toHaveCount(pairCount);
  await expect(pairs).not.toContainText(mentee);

  // The mentor view: every mentor with load against capacity, the rating column waiting for feedback.
  await go(page, 'Mentors');
  const mentors = page.getByRole('table', { name: 'Mentors' });
  await expect(mentors.getByRole('row').nth(1)).toBeVisible();
  await expect(mentors.getByText('No ratings yet').first()).toBeVisible();
  await shot('52-mentors');
  // In a 1024x700 window the whole table fits: the rating column does not scroll out of sight.
  await page.setViewportSize({ width: 1024, height: 700 });
  const box = await mentors.evaluate((t) => ({ scroll: t.parentElement!.scrollWidth, client: t.parentElement!.clientWidth }));
  expect(box.scroll, 'the Mentors table scrolls sideways at 1024 px').toBeLessThanOrEqual(box.client);
  // The Goals toolbar wraps as a whole there: no button breaks over two lines.
  await go(page, 'Goals');
  expect((await page.getByRole('button', { name: 'Add goal' }).boundingBox())!.height, 'Add goal on one line').toBeLessThan(42);
  const goalsBox = await goals.evaluate((t) => ({ scroll: t.parentElement!.scrollWidth, client: t.parentElement!.clientWidth }));
  expect(goalsBox.scroll, 'the Goals table scrolls sideways at 1024 px').toBeLessThanOrEqual(goalsBox.client);
  await go(page, 'Mentors');
  await expect(mentors.getByRole('row').nth(1)).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  found.push(...(await violations(page, 'Mentors')));

  // Dark theme, each page.
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await shot('52-mentors-dark');
  await go(page, 'Goals');
  await expect(goals.getByRole('row').nth(1)).toBeVisible();
  await shot('50-goals-dark');
  await go(page, 'Due');
  await page.getByLabel('As of').fill(daysAhead(22));
  await expect(page.getByText(`No first session: ${pairCount - 1}`)).toBeVisible();
  await shot('51-due-dark');
  found.push(...(await violations(page, 'Due, dark')));
  // The program's first-session setting, set from the Due page: due after 30 days, none is due at day 22.
  await page.getByLabel('First session due (days)').fill('30');
  await page.getByRole('button', { name: 'Set for the program' }).click();
  await expect(page.getByText('No first session: 0')).toBeVisible();
  await expect(page.getByText(`Stuck goal: ${pairCount - 1}`)).toBeVisible();
  await go(page, 'Goals');
  await page.getByRole('button', { name: 'Templates' }).click();
  await expect(page.getByRole('dialog', { name: 'Goal templates' })).toBeVisible();
  found.push(...(await violations(page, 'Templates dialog, dark')));
  await page.getByRole('dialog', { name: 'Goal templates' }).getByRole('button', { name: 'Close' }).click();
  await go(page, 'Mentors');
  await expect(page.getByRole('table', { name: 'Mentors' })).toBeVisible();
  found.push(...(await violations(page, 'Mentors, dark')));
  expect(found).toEqual([]);

  // Close the cohort: the rest complete and a summary stays.
  await go(page, 'Pairs');
  await page.getByRole('button', { name: 'Close cohort' }).click();
  await page.getByRole('dialog', { name: /^Close / }).getByRole('button', { name: 'Close cohort' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Closed on' })).toContainText(`${pairCount} pairs (${pairCount - 1} completed, 1 ended early), 0 sessions held, 1 of ${pairCount + 1} goals reached`);
  await expect(page.getByText('publish a run on the Matching page')).toHaveCount(0);
  await shot('53-pairs-closed-dark');
});
