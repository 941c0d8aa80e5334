import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, loadSample, publishFirstRun, test, violations } from './fixtures';



/** A contract call through the web bridge, as the page makes it (the token is in the URL it printed). */
async function call<T>(request: APIRequestContext, url: string, method: string, input: unknown): Promise<T> {
  const token = /#token=([^&]+)/.exec(url)![1]!;
  const response = await request.post(new URL('/api/call', url).href, { headers: { 'x-pairwise-token': token }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(result.error!.message);
  return result.value;
}

type Member = { fullName: string; email: string; department: string | null };
const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

test('an anonymous survey: define, import (a bad row named, nothing written), close, results with a small department and its complement hidden and a name masked; a low pair rating puts a pair at risk', async ({ page, app, shot }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await loadSample(page);
  await publishFirstRun(page);

  // Define the survey on the Feedback page: anonymous, broken down by department only.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Feedback' }).click();
  await expect(page.getByRole('heading', { name: 'Feedback', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New survey' }).click();
  const dialog = page.getByRole('dialog', { name: 'New survey' });
  await dialog.getByLabel('Title').fill('Mid-point survey');
  await expect(dialog.getByRole('radio', { name: /^Anonymous/ })).toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Role' }).uncheck();
  await dialog.getByLabel('Minimum group size (k)').fill('2');
  await expect(dialog.getByText('At least 3: a smaller group could recognise each other’s answers')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Create survey' })).toBeDisabled();
  await dialog.getByLabel('Minimum group size (k)').fill('5');
  await expect(dialog).toHaveCSS('opacity', '1');
  expect(await violations(page, 'survey dialog')).toEqual([]);
  await shot('69-feedback-new-survey');
  await dialog.getByRole('button', { name: 'Create survey' }).click();
  await expect(dialog).toBeHidden();
  const survey = page.getByRole('region', { name: 'Survey Mid-point survey' });
  await expect(survey.getByText('Anonymous')).toBeVisible();

  // The form tool's export: 8 answers from the largest department, 5 from the next, 2 from a third, and one bad row.
  const [cohort] = await call<{ id: string }[]>(page.request, app.url, 'cohorts.list', {});
  const members = await call<Member[]>(page.request, app.url, 'members.list', { cohortId: cohort!.id });
  const byDepartment = new Map<string, Member[]>();
  for (const m of members) if (m.department) byDepartment.set(m.department, [...(byDepartment.get(m.department) ?? []), m]);
  const [big, middle, small] = [...byDepartment].sort((a, b) => b[1].length - a[1].length);
  const respondents = [...big![1].slice(0, 8), ...middle![1].slice(0, 5), ...small![1].slice(0, 2)];
  const named = big![1][0]!.fullName;
  const header = ['Timestamp', 'Email Address', 'How satisfied are you with the program so far?', 'How likely are you to recommend the program to a colleague?', 'What should we change?'];
  const line = (m: Member, i: number, satisfied = String(1 + (i % 5))) => [`2027-03-10 09:${String(i).padStart(2, '0')}:00`, m.email, satisfied, String(i % 11), i === 3 ? `Thanks to ${named}, more sessions please` : `Comment ${i}`];
  const rows = respondents.map((m, i) => line(m, i));
  const bad = join(app.dir, 'mid-point-bad.csv');
  writeFileSync(bad, [header, ...rows.slice(0, 6), line(respondents[6]!, 6, '9'), ...rows.slice(7)].map((r) => r.map(quote).join(',')).join('\n'));
  const good = join(app.dir, 'mid-point.csv');
  // Someone answered twice: their later answer is kept, the earlier one dropped.
  writeFileSync(good, [header, ...rows, line(respondents[0]!, 15)].map((r) => r.map(quote).join(',')).join('\n'));

  await survey.getByRole('button', { name: 'Import answers' }).click();
  const wizard = page.getByRole('dialog', { name: /^Import answers to “Mid-point survey” \(anonymous\)/ });
  await wizard.getByLabel('Answers file').setInputFiles(bad);
  await expect(wizard.getByRole('combobox', { name: 'Field for column Email Address' })).toContainText('Respondent email');
  await expect(wizard.getByRole('combobox', { name: 'Field for column What should we change?' })).toContainText('What should we change?');
  await wizard.getByRole('button', { name: 'Next: check rows' }).click();
  await expect(wizard.getByRole('list', { name: 'Import problems' })).toContainText('line 8, column "How satisfied are you with the program so far?", value "9": is outside 1–5');
  await wizard.getByRole('button', { name: 'Import 15 rows' }).click();
  await expect(wizard.getByRole('alert').filter({ hasText: 'Nothing was imported' })).toContainText('line 8, column');
  await wizard.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('list', { name: 'Surveys' })).toContainText('no answers yet');

  await survey.getByRole('button', { name: 'Import answers' }).click();
  await wizard.getByLabel('Answers file').setInputFiles(good);
  await wizard.getByRole('button', { name: 'Next: check rows' }).click();
  await expect(wizard.getByText('1 earlier answer from someone who answered again will be dropped (their last answer is kept).')).toBeVisible();
  await wizard.getByRole('button', { name: 'Import 16 rows' }).click();
  await expect(wizard.getByLabel('Answers imported')).toContainText('Imported 15 answers. No email, name or order was kept with them.');
  await wizard.getByRole('button', { name: 'Done' }).click();
  await expect(survey.getByLabel('Results not shown')).toContainText('Results are shown once the survey is closed');
  // Importing again would erase these answers for good: the wizard says so before its import button.
  await survey.getByRole('button', { name: 'Import answers' }).click();
  await wizard.getByLabel('Answers file').setInputFiles(good);
  await wizard.getByRole('button', { name: 'Next: check rows' }).click();
  await expect(wizard.getByText('Importing replaces the 15 answers imported before: they are erased and cannot be brought back.')).toBeVisible();
  await wizard.getByRole('button', { name: 'Cancel' }).click();

  await survey.getByRole('button', { name: 'Close survey' }).click();
  await page.getByRole('dialog', { name: /^Close “Mid-point survey”/ }).getByRole('button', { name: 'Close survey' }).click();
  const results = survey.getByLabel('Survey results');
  await expect(results).toBeVisible();
  const departments = results.getByRole('table', { name: 'By department' }).first();
  await expect(departments.getByRole('row', { name: new RegExp(`^${big![0]} `) })).toContainText('8');
  await expect(departments.getByRole('row', { name: new RegExp(`^${small![0]} `) })).toContainText('hidden: fewer than 5');
  await expect(departments.getByRole('row', { name: new RegExp(`^${middle![0]} `) })).toContainText('hidden: would reveal a smaller group');
  const comments = results.getByRole('list', { name: 'Comments: What should we change?' });
  await expect(comments.getByText('Thanks to [name], more sessions please')).toBeVisible();
  await expect(comments).not.toContainText(named.split(' ')[0]!);
  await expect(results.getByRole('figure', { name: 'How satisfied are you with the program so far?' })).toBeVisible();
  await page.getByRole('alert').filter({ hasText: 'Closed “Mid-point survey”' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText('Closed “Mid-point survey”')).toBeHidden();
  await shot('70-feedback-survey');
  expect(await violations(page, 'survey results, light')).toEqual([]);
  // In a 1024x700 window every breakdown still fits its panel: why a group is hidden does not scroll out of sight.
  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await results.getByRole('table').count()).toBeGreaterThan(0);
  for (const table of await results.getByRole('table').all()) {
    const box = await table.evaluate((t) => ({ name: t.getAttribute('aria-label'), scroll: t.parentElement!.scrollWidth, client: t.parentElement!.clientWidth }));
    expect(box.scroll, `table ${box.name} scrolls sideways`).toBeLessThanOrEqual(box.client);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  const satisfied = results.getByRole('region', { name: 'How satisfied are you with the program so far?' });
  await satisfied.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('71-feedback-survey-questions');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.mouse.move(640, 400);
  await shot('72-feedback-survey-questions-dark');
  expect(await violations(page, 'survey results, dark')).toEqual([]);
  await results.getByRole('region', { name: 'What should we change?' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('73-feedback-survey-comments-dark');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();

  // Pair ratings: one mentee rates the match 2 out of 5, and the pair turns at risk.
  type Overview = { pairs: { pairId: string; mentor: { name: string }; mentee: { name: string; email: string } }[] };
  const { pairs } = await call<Overview>(page.request, app.url, 'pairs.overview', { cohortId: cohort!.id });
  const ratings = join(app.dir, 'pair-ratings.csv');
  const today = new Date().toISOString().slice(0, 10);
  writeFileSync(ratings, ['Timestamp,Email,How would you rate your match?,How would you rate your sessions?,Would you recommend your mentor?,Comments', `${today} 10:00,${pairs[0]!.mentee.email},2,3,No,We keep cancelling`, `${today} 10:05,${pairs[1]!.mentee.email},5,5,Yes,`].join('\n'));
  await page.getByRole('tab', { name: 'Pair ratings' }).click();
  await page.getByRole('button', { name: 'Import pair ratings' }).click();
  const ratingsWizard = page.getByRole('dialog', { name: /^Import pair ratings into/ });
  await ratingsWizard.getByLabel('Answers file').setInputFiles(ratings);
  await expect(ratingsWizard.getByRole('combobox', { name: 'Field for column How would you rate your match?' })).toContainText('Rating of the match');
  await ratingsWizard.getByRole('button', { name: 'Next: check rows' }).click();
  await ratingsWizard.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(ratingsWizard.getByLabel('Ratings imported')).toContainText('Imported 2 ratings');
  await ratingsWizard.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Low ratings' })).toContainText(`${pairs[0]!.mentee.name} & ${pairs[0]!.mentor.name}`);
  // The threshold is the program's: below 2, a 2 is no longer low; back to 3.
  await page.getByRole('combobox', { name: 'At risk below' }).click();
  await page.getByRole('option', { name: '2 / 5' }).click();
  await expect(page.getByRole('table', { name: 'Low ratings' })).toBeHidden();
  await page.getByRole('combobox', { name: 'At risk below' }).click();
  await page.getByRole('option', { name: '3 / 5' }).click();
  await expect(page.getByRole('table', { name: 'Low ratings' })).toContainText(pairs[0]!.mentee.name);
  await page.getByRole('alert').filter({ hasText: 'are now at risk' }).getByRole('button', { name: 'Close' }).click();
  await shot('74-feedback-ratings');
  await page.setViewportSize({ width: 1024, height: 700 });
  expect((await page.getByRole('button', { name: 'Import pair ratings' }).boundingBox())!.height, 'Import pair ratings on one line').toBeLessThan(42);
  expect((await page.getByRole('heading', { name: 'Pair ratings' }).boundingBox())!.height, 'the heading on one line').toBeLessThan(40);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.mouse.move(640, 400);
  await shot('75-feedback-ratings-dark');
  expect(await violations(page, 'pair ratings, dark')).toEqual([]);
  await page.getByRole('button', { name: 'Switch to light theme' }).click();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Pairs' }).click();
  await page.getByRole('combobox', { name: 'Health' }).click();
  await page.getByRole('option', { name: 'At risk' }).click();
  const atRisk = page.getByRole('table', { name: 'Active pairs' }).getByRole('row');
  await expect(atRisk).toHaveCount(2);
  await expect(atRisk.nth(1)).toContainText(pairs[0]!.mentee.name);
  await expect(atRisk.nth(1)).toContainText(`mentee rated the match 2/5 on ${today}, below 3`);
});
