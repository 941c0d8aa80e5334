import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, loadSample, test } from './fixtures';
import type { Page } from '@playwright/test';

async function openMatching(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Matching' }).click();
  await expect(page.getByRole('heading', { name: 'Matching' })).toBeVisible();
}

async function runAndWait(page: Page, expectedRun: string) {
  await page.getByRole('button', { name: 'Run matching' }).click();
  await expect(page.getByRole('combobox', { name: 'Run' })).toContainText(expectedRun, { timeout: 30_000 });
}

test('run, understand, adjust, compare, publish and export a matching round', async ({ page, shot }) => {
  await loadSample(page);
  await openMatching(page);
  await expect(page.getByText('No runs yet for Sample cohort')).toBeVisible();

  // A time-zone rule, then run.
  await page.getByRole('combobox', { name: 'Rule' }).click();
  await page.getByRole('option', { name: 'Max difference' }).click();
  await page.getByLabel('Hours').fill('6');
  await expect(page.getByText('UTC offsets at most 6 h apart')).toBeVisible();
  // A cleared or impossible value is an error on the field, never a silent "0 h" (or 30 h) rule.
  await page.getByLabel('Hours').fill('');
  await expect(page.getByText('Enter hours')).toBeVisible();
  await page.getByLabel('Hours').fill('30');
  await expect(page.getByText('0 to 12')).toBeVisible();
  await expect(page.getByText('UTC offsets at most 6 h apart')).toBeVisible();
  await page.getByLabel('Hours').fill('6');
  await runAndWait(page, 'Run 1');
  const summary = page.getByLabel('Result summary');
  await expect(summary).toContainText('Matched');
  await expect(page.getByText('Proved optimal')).toBeVisible();
  await expect(summary).toContainText('Gain over greedy');
  await expect(page.getByText('Draft', { exact: true })).toBeVisible();
  await shot('10-matching-run');

  // Every pair respects the 6 h rule.
  const pairs = page.getByRole('table', { name: 'Pairs' });
  const tzCells = await pairs.getByRole('row').evaluateAll((rows) => rows.slice(1).map((r) => Number(r.children[3]?.textContent)));
  expect(tzCells.length).toBeGreaterThan(5);
  expect(tzCells.every((h) => h <= 6)).toBe(true);

  // Open a pair's breakdown and lock it.
  const firstRow = pairs.getByRole('row').nth(1);
  const lockedMentee = (await firstRow.getByRole('cell').nth(0).textContent())!;
  const lockedMentor = (await firstRow.getByRole('cell').nth(1).textContent())!;
  await firstRow.click();
  const drawer = page.getByRole('dialog', { name: 'Pair details' });
  await expect(drawer.getByRole('group', { name: 'Score breakdown' })).toContainText('Topics');
  await expect(drawer.getByRole('group', { name: 'Score breakdown' })).toContainText('Shared language');
  await expect(drawer.getByRole('button', { name: 'Close' })).toBeInViewport();
  await page.waitForTimeout(400); // let the drawer finish sliding in for the screenshot
  await shot('11-pair-breakdown');
  await drawer.getByRole('button', { name: 'Lock pair' }).click();
  await expect(page.getByLabel('Your edits')).toContainText('1 locked');

  // Forbid another pair.
  const secondRow = pairs.getByRole('row').nth(2);
  const forbiddenMentee = (await secondRow.getByRole('cell').nth(0).textContent())!;
  const forbiddenMentor = (await secondRow.getByRole('cell').nth(1).textContent())!;
  await secondRow.click();
  await drawer.getByRole('button', { name: 'Forbid pair' }).click();
  await expect(page.getByLabel('Your edits')).toContainText('1 forbidden');

  // Undo and redo the forbid.
  await page.getByRole('button', { name: 'Undo edit' }).click();
  await expect(page.getByLabel('Your edits')).not.toContainText('forbidden');
  await page.getByRole('button', { name: 'Redo edit' }).click();
  await expect(page.getByLabel('Your edits')).toContainText('1 forbidden');

  // Re-run: the lock holds, the forbidden pair is gone, and the edits' cost is shown.
  await runAndWait(page, 'Run 2');
  await expect(summary).toContainText('Effect of your edits');
  await expect(summary).toContainText(/Effect of your edits\s*(−|\+)?\d\.\d{3}/);
  // Both edited pairs sort to the top of the (virtualised) table, so they are rendered.
  const rows = await pairs.getByRole('row').evaluateAll((all) => all.slice(1).map((r) => [r.children[0]?.textContent, r.children[1]?.textContent]));
  expect(rows).toContainEqual([lockedMentee, lockedMentor]);
  expect(rows).not.toContainEqual([forbiddenMentee, forbiddenMentor]);
  await shot('12-rerun-with-edits');

  // Compare the two runs.
  await page.getByRole('tab', { name: 'Compare' }).click();
  await expect(page.getByLabel('Comparison summary')).toContainText('Run 1 → Run 2');
  await expect(page.getByRole('table', { name: 'Pairs that differ' })).toContainText(forbiddenMentee);
  await shot('13-compare');

  // Charts render.
  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(page.getByRole('figure', { name: 'Score distribution' }).locator('.recharts-bar-rectangle').first()).toBeVisible();
  await shot('14-charts');

  // Unmatched reasons.
  await page.getByRole('tab', { name: /Unmatched/ }).click();
  const unmatched = page.getByRole('list', { name: 'Unmatched mentees' });
  if (await unmatched.isVisible()) await expect(unmatched.getByRole('listitem').first()).toContainText(/mentor/);

  // Publish.
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('button', { name: 'Publish pairs' }).click();
  await expect(page.getByText(/^Published: \d+ new pairs/)).toBeVisible();
  await expect(page.getByText('Published', { exact: true })).toBeVisible();
  await shot('15-published');

  // Export CSV and check its rows: the locked pair is there, the forbidden one is not.
  await page.getByRole('button', { name: 'Export' }).click();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Pairs as CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('sample-cohort-run-2-pairs.csv');
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
  expect(parsed.length).toBeGreaterThan(10);
  expect(parsed.some((row) => row.Mentee === lockedMentee && row.Mentor === lockedMentor && row['Locked by coordinator'] === 'yes')).toBe(true);
  expect(parsed.some((row) => row.Mentee === forbiddenMentee && row.Mentor === forbiddenMentor)).toBe(false);
  expect(Object.keys(parsed[0]!)).toEqual(expect.arrayContaining(['Mentee email', 'Mentor email', 'Mentee time zone', 'Score', 'Why this pair']));

  // Dark mode at 1280x800.
  await page.getByRole('tab', { name: /Pairs/ }).click();
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await shot('16-matching-dark');
});

test('moving a mentee ranks the other mentors by cost and locks the move', async ({ page, shot }) => {
  await loadSample(page);
  await openMatching(page);
  await runAndWait(page, 'Run 1');
  const pairs = page.getByRole('table', { name: 'Pairs' });
  await pairs.getByRole('row').nth(1).click();
  const drawer = page.getByRole('dialog', { name: 'Pair details' });
  await drawer.getByRole('button', { name: 'Move mentee…' }).click();
  const candidates = drawer.getByRole('list', { name: 'Move candidates' });
  await expect(candidates.getByRole('button').first()).toContainText('(current)');
  await expect(candidates.getByRole('button').nth(1)).toContainText('total score');
  // Moves that keep every rule come before the rule-breaking ones.
  const breaks = await candidates.getByRole('button').evaluateAll((items) => items.slice(1).map((i) => (i.textContent ?? '').includes('breaks a rule')));
  expect(breaks.indexOf(true) === -1 || breaks.slice(breaks.indexOf(true)).every(Boolean)).toBe(true);
  await shot('17-move-candidates');
  await candidates.getByRole('button').nth(1).click();
  const confirm = page.getByRole('button', { name: 'Move anyway' });
  if (await confirm.isVisible()) await confirm.click();
  await expect(page.getByText(/^Moved \(/)).toBeVisible();
  // The move shows at once, on the pair it touches, and counts as a move (not as locks).
  await expect(page.getByLabel('Your edits')).toContainText('1 moved');
  await expect(page.getByLabel('Your edits')).not.toContainText('locked');
  await expect(pairs.getByRole('row').nth(1)).toContainText('Moving to');
  // One edit can be taken back by itself.
  await page.getByRole('button', { name: 'Review…' }).click();
  await page.getByRole('menuitem', { name: /^Take back: .+ to / }).click();
  await expect(page.getByLabel('Your edits')).toContainText('none');
  await expect(pairs.getByRole('row').nth(1)).not.toContainText('Moving to');
});

test('mid-cycle: dissolve a published pair, re-match keeping the others, preview and save intro emails', async ({ page, shot }) => {
  await loadSample(page);
  await openMatching(page);
  await runAndWait(page, 'Run 1');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('button', { name: 'Publish pairs' }).click();
  await expect(page.getByText(/^Published: \d+ new pairs/)).toBeVisible();

  const pairs = page.getByRole('table', { name: 'Pairs' });
  const readRows = () =>
    pairs.getByRole('row').evaluateAll((all) =>
      all.slice(1).map((r) => ({ mentee: r.children[0]?.textContent, mentor: r.children[1]?.textContent, locked: r.children[6]?.textContent === 'Locked' })),
    );
  await expect(pairs.getByRole('row').nth(5)).toBeVisible();
  const published = await readRows();
  const row = pairs.getByRole('row').nth(1);
  const mentee = (await row.getByRole('cell').nth(0).textContent())!;
  const mentor = (await row.getByRole('cell').nth(1).textContent())!;
  await row.click();
  const drawer = page.getByRole('dialog', { name: 'Pair details' });
  await expect(drawer.getByLabel('Mentor capacity', { exact: true })).toHaveText(/\d/);
  const capacity = Number(await drawer.getByLabel('Mentor capacity', { exact: true }).textContent());
  await drawer.getByRole('button', { name: 'Increase mentor capacity' }).click();
  await expect(drawer.getByLabel('Mentor capacity', { exact: true })).toHaveText(String(capacity + 1));
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Your edits')).toContainText('1 capacity change');
  await page.getByRole('button', { name: 'Undo edit' }).click();
  await expect(page.getByLabel('Your edits')).not.toContainText('capacity');

  await row.click();
  await expect(drawer.getByLabel('Mentor capacity', { exact: true })).toHaveText(String(capacity));
  await drawer.getByRole('button', { name: 'Dissolve published pair' }).click();
  // Destroying takes a confirmation; cancelling changes nothing.
  await expect(page.getByRole('dialog', { name: 'Dissolve this published pair?' })).toContainText(mentee);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText('Published');
  await row.click();
  await drawer.getByRole('button', { name: 'Dissolve published pair' }).click();
  await page.getByRole('button', { name: 'Dissolve pair' }).click();
  await expect(page.getByText('Pair dissolved.')).toBeVisible();
  // The run it came from marks it.
  await expect(pairs.getByRole('row').filter({ hasText: mentee }).first()).toContainText('Dissolved');

  await page.getByRole('button', { name: 'Re-match unmatched' }).click();
  await expect(page.getByRole('combobox', { name: 'Run' })).toContainText('Re-match', { timeout: 30_000 });
  // Every published pair but the dissolved one is kept, locked (rows are compared where both runs render them).
  await expect(pairs.getByText('Locked').first()).toBeVisible(); // the new run's rows have rendered
  const rows = await readRows();
  const kept = published.filter((p) => p.mentee !== mentee && rows.some((r) => r.mentee === p.mentee));
  expect(kept.length).toBeGreaterThan(3);
  for (const p of kept) expect(rows).toContainEqual({ mentee: p.mentee, mentor: p.mentor, locked: true });
  // The dissolved pair is not made again.
  expect(rows.some((r) => r.mentee === mentee && r.mentor === mentor)).toBe(false);
  await shot('18-rematch');

  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: /Introduction emails/ }).click();
  // From is required and never invented: saving waits for a real address.
  await expect(page.getByRole('button', { name: 'Save .eml files (zip)' })).toBeDisabled();
  await page.getByRole('textbox', { name: /^From/ }).fill('team at example');
  await expect(page.getByText(/is not an email address/)).toBeVisible();
  await page.getByRole('textbox', { name: /^From/ }).fill('Mentoring team <team@example.org>');
  await page.getByLabel('Personal note (optional)').fill('Your first session is on us: coffee vouchers attached.');
  const preview = page.getByLabel('Email preview');
  await expect(preview).toContainText('Welcome to Sample program!');
  await expect(preview).toContainText('coffee vouchers');
  await expect(preview).toContainText(/Preview \(1 of \d+\) · nothing is sent/);
  const firstSubject = await preview.locator('p', { hasText: 'Subject:' }).textContent();
  await page.getByRole('button', { name: 'Next introduction' }).click();
  await expect(preview).toContainText(/Preview \(2 of \d+\)/);
  expect(await preview.locator('p', { hasText: 'Subject:' }).textContent()).not.toBe(firstSubject);
  await page.getByRole('button', { name: 'Previous introduction' }).click();
  await expect(preview).toContainText(/Preview \(1 of \d+\)/);
  await shot('19-email-preview');
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save .eml files (zip)' }).click();
  expect((await downloadPromise).suggestedFilename()).toMatch(/^sample-cohort-re-match-.*-introductions\.zip$/);
});

test('on a small laptop screen (1024x700) the pairs, every tab and every column fit; the rules fold away and come back', async ({ page, shot }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await loadSample(page);
  await openMatching(page);
  // The rules start folded at this size: the run gets the room.
  await expect(page.getByRole('complementary', { name: 'Matching rules' })).toHaveCount(0);
  await runAndWait(page, 'Run 1');
  const pairs = page.getByRole('table', { name: 'Pairs' });
  await expect(pairs.getByRole('row').nth(3)).toBeInViewport();
  await expect(page.getByRole('tab', { name: 'Compare' })).toBeInViewport({ ratio: 1 });
  for (const header of ['Mentee', 'Mentor', 'Score', 'Shared topics', 'Status']) {
    await expect(pairs.getByRole('columnheader', { name: header })).toBeInViewport({ ratio: 1 });
  }
  await shot('20-matching-1024');
  await page.getByRole('button', { name: 'Rules & weights' }).click();
  await expect(page.getByRole('complementary', { name: 'Matching rules' })).toBeVisible();
  await shot('21-matching-1024-rules');
  await page.getByRole('button', { name: 'Hide rules and weights' }).click();
  await expect(page.getByRole('complementary', { name: 'Matching rules' })).toHaveCount(0);
});
