import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import ical, { type VEvent } from 'node-ical';
import { expect, loadSample, publishFirstRun, test } from './fixtures';
import type { Page } from '@playwright/test';


/** "Sun 2027-03-14 09:00 (UTC-04:00)" for a UTC instant in a zone, as the panel writes it. */
const expected = (instant: DateTime, zone: string) => {
  const t = instant.setZone(zone);
  return `${t.setLocale('en').toFormat('ccc')} ${t.toFormat('yyyy-MM-dd HH:mm')} (UTC${t.toFormat('ZZ')})`;
};

test('publish the sample cohort, open Pairs, log a session in the mentee\'s zone and see both local times; edit, remove', async ({ page, shot }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await loadSample(page);
  await publishFirstRun(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Pairs' }).click();
  await expect(page.getByRole('heading', { name: 'Pairs', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Active pairs' });
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  const pairCount = (await rows.count()) - 1;
  expect(pairCount).toBeGreaterThan(10);
  // Just published: every pair is on track, no first session yet.
  await expect(table.getByText('On track')).toHaveCount(pairCount);
  await expect(rows.nth(1)).toContainText('started 0 days ago, first session due within 14 days');
  await expect(rows.nth(1)).toContainText('0 / 0');
  await shot('40-pairs');

  // Filter by health: no pair is at risk.
  await page.getByRole('combobox', { name: 'Health' }).click();
  await page.getByRole('option', { name: 'At risk' }).click();
  await expect(rows).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Health' }).click();
  await page.getByRole('option', { name: 'All' }).click();
  await expect(rows).toHaveCount(pairCount + 1);

  // A pair whose two people live in different zones.
  let index = 1;
  while ((await rows.nth(index).locator('[data-zone=mentee]').textContent()) === (await rows.nth(index).locator('[data-zone=mentor]').textContent())) index += 1;
  await rows.nth(index).getByRole('button').click();
  const panel = page.getByRole('dialog', { name: 'Pair sessions' });
  await expect(page.locator('.MuiDrawer-paper[role=dialog]')).toHaveCSS('transform', 'none');
  await expect(panel).toBeVisible();
  const zones = /Mentee in (\S+) · mentor in (\S+) ·/.exec((await panel.getByText(/^Mentee in /).textContent()) ?? '');
  expect(zones).not.toBeNull();
  const [, menteeZone, mentorZone] = zones!;

  await panel.getByRole('button', { name: 'Log or schedule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log or schedule a session' });
  await expect(dialog.getByRole('combobox', { name: 'Start is in the time of' })).toContainText('mentee');
  // Planned on the day New York's clocks go forward (Europe's go two weeks later).
  await dialog.getByLabel('Start (local date and time)').fill('2027-03-14T09:00');
  await dialog.getByLabel('Duration (minutes)').fill('45');
  await dialog.getByLabel('Topics (comma-separated)').fill('career, feedback');
  await dialog.getByRole('button', { name: 'Save session' }).click();
  await expect(dialog).toBeHidden();

  const instant = DateTime.fromISO('2027-03-14T09:00', { zone: menteeZone! });
  const session = panel.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
  await expect(session).toHaveCount(1);
  await expect(session).toContainText(`${expected(instant, menteeZone!)} (as entered)`);
  await expect(session).toContainText(expected(instant, mentorZone!));
  await expect(session).toContainText('Topics: career, feedback');
  const differentDays = instant.setZone(menteeZone!).toISODate() !== instant.setZone(mentorZone!).toISODate();
  await expect(session.getByText('Different days')).toHaveCount(differentDays ? 1 : 0);
  await shot('41-pair-sessions');

  // Its invitation: both people attend, the coordinator organises, the start is the same instant.
  await session.getByRole('button', { name: /^Invite to the session/ }).click();
  const calendar = page.getByRole('dialog', { name: 'Calendar file' });
  await calendar.getByRole('button', { name: 'Save .ics' }).click();
  await expect(calendar.getByText('Enter a calendar organiser address')).toBeVisible();
  await calendar.getByLabel('Organiser (you)').fill('Mentoring team <team@example.org>');
  const downloadPromise = page.waitForEvent('download');
  await calendar.getByRole('button', { name: 'Save .ics' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/-2027-03-1[34]\.ics$/);
  const events = Object.values(ical.sync.parseICS(readFileSync((await download.path())!, 'utf8'))).filter((c): c is VEvent => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  expect(events[0]!.start.toISOString()).toBe(instant.toUTC().toISO());
  expect(([] as unknown[]).concat(events[0]!.attendee)).toHaveLength(2);
  await expect(calendar).toBeHidden();

  // A recurring series at the pair's cadence, on the mentee's clock across New York's DST change.
  await panel.getByRole('button', { name: 'Recurring (.ics)' }).click();
  const series = page.getByRole('dialog', { name: 'Recurring sessions' });
  await series.getByLabel('First session').fill('2027-03-01T09:00');
  await series.getByLabel('Every (days)').fill('7');
  await series.getByLabel('Sessions', { exact: true }).fill('4');
  await expect(series.getByLabel('Organiser (you)')).toHaveValue('Mentoring team <team@example.org>');
  await series.getByRole('button', { name: 'Preview' }).click();
  const occurrences = series.getByRole('table', { name: 'Sessions in the series' }).getByRole('row');
  await expect(occurrences).toHaveCount(5);
  const first = DateTime.fromISO('2027-03-01T09:00', { zone: menteeZone! });
  for (let k = 0; k < 4; k++) await expect(occurrences.nth(k + 1)).toContainText(first.plus({ days: 7 * k }).toFormat('yyyy-MM-dd 09:00'));
  await shot('44-series-preview');
  const seriesDownload = page.waitForEvent('download');
  await series.getByRole('button', { name: 'Save .ics' }).click();
  const seriesFile = readFileSync((await (await seriesDownload).path())!, 'utf8');
  const [repeating] = Object.values(ical.sync.parseICS(seriesFile)).filter((c): c is VEvent => c?.type === 'VEVENT');
  expect(repeating!.rrule!.all().map((d) => d.toISOString().slice(0, 16))).toEqual([0, 1, 2, 3].map((k) => first.plus({ days: 7 * k }).toUTC().toISO()!.slice(0, 16)));
  await expect(series).toBeHidden();

  // Edit: it was a phone call, held two days ago (a held session counts once its start has passed).
  await session.getByRole('button', { name: /^Edit session/ }).click();
  const edit = page.getByRole('dialog', { name: 'Edit session' });
  await expect(edit.getByLabel('Start (local date and time)')).toHaveValue('2027-03-14T09:00');
  const twoDaysAgo = DateTime.now().setZone(menteeZone!).minus({ days: 2 }).set({ hour: 12, minute: 0 });
  await edit.getByLabel('Start (local date and time)').fill(twoDaysAgo.toFormat("yyyy-MM-dd'T'HH:mm"));
  await edit.getByRole('combobox', { name: 'Format' }).click();
  await page.getByRole('option', { name: 'Phone' }).click();
  await edit.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Held' }).click();
  await edit.getByRole('button', { name: 'Save session' }).click();
  await expect(session).toContainText('Phone, 45 min');
  await expect(session).toContainText(expected(twoDaysAgo.toUTC(), mentorZone!));

  // Both agree to be named in reports: recorded, and still on when the pair is opened again.
  const consent = panel.getByRole('switch', { name: /Both agree to be named in progress reports/ });
  await expect(consent).not.toBeChecked();
  await consent.check();
  await expect(consent).toBeChecked();

  // The pair now counts the held session and sorts first by time without one; then the dark theme.
  await panel.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.getByRole('combobox', { name: 'Sort by' }).click();
  await page.getByRole('option', { name: 'Longest without a session' }).click();
  await expect(rows.nth(1)).toContainText('1 / 0');
  await expect(rows.nth(1)).toContainText(/last session (1 day|2 days) ago, cadence 14/);
  await expect(page.locator('.MuiMenu-root')).toHaveCount(0);
  await shot('42-pairs-dark');
  // The program's cadence moves every pair without its own.
  await page.getByLabel('Program cadence (days)').fill('7');
  await page.getByRole('button', { name: 'Set for the program' }).click();
  await expect(page.getByText('Program cadence set to 7 days')).toBeVisible();
  await expect(table.getByText('7 d', { exact: true })).toHaveCount(pairCount);
  await rows.nth(1).getByRole('button').click();
  await expect(session).toHaveCount(1);
  await expect(page.locator('.MuiDrawer-paper[role=dialog]')).toHaveCSS('transform', 'none');
  await expect(consent).toBeChecked();
  await shot('43-pair-sessions-dark');

  // Remove, after a confirmation.
  await session.getByRole('button', { name: /^Remove session/ }).click();
  await page.getByRole('button', { name: 'Remove session', exact: true }).click();
  await expect(page.getByText('Session removed')).toBeVisible();
  await expect(panel.getByText('No sessions yet.')).toBeVisible();
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(table.getByText('1 / 0')).toHaveCount(0);
});
