import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { startSmtpServer } from '../unit/smtp-test-server';
import { expect, loadSample, publishFirstRun, test, violations } from './fixtures';



async function openTracking(page: Page, item: string) {
  await page.getByRole('button', { name: 'Check-ins & emails' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** A contract call through the web bridge, as the page makes it (the token is in the URL it printed). */
async function call<T>(request: APIRequestContext, url: string, method: string, input: unknown): Promise<T> {
  const token = /#token=([^&]+)/.exec(url)![1]!;
  const response = await request.post(new URL('/api/call', url).href, { headers: { 'x-pairwise-token': token }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(result.error!.message);
  return result.value;
}

type Person = { name: string; email: string; timezone: string | null };
type Overview = { pairs: { pairId: string; mentor: Person; mentee: Person }[] };

test('import a check-in CSV: a bad row is named and nothing is written, then the row is skipped and the pair shows its check-in', async ({ page, app, shot }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await loadSample(page);
  await publishFirstRun(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Pairs' }).click();
  await expect(page.getByRole('table', { name: 'Active pairs' }).getByRole('row').nth(1)).toBeVisible();

  const [cohort] = await call<{ id: string; name: string }[]>(page.request, app.url, 'cohorts.list', {});
  const { pairs } = await call<Overview>(page.request, app.url, 'pairs.overview', { cohortId: cohort!.id });
  const [first, second] = pairs;
  // The web bridge runs on the real clock and the pairs were published just now: today is the only meeting date they can have had.
  const today = new Date().toISOString().slice(0, 10);
  const csv = join(app.dir, 'april-check-in.csv');
  writeFileSync(
    csv,
    [
      'Timestamp,Email address,Did you meet this month?,How many times did you meet?,Date of last meeting,Progress on goals,Comments',
      `${today} 09:12,${first!.mentee.email},Yes,1,${today},Drafted my first talk,Great start`,
      `${today} 09:40,${second!.mentee.email},Yes,1,${today},,`,
      `${today} 10:02,someone.else@example.org,Yes,2,${today},,`,
    ].join('\n'),
  );

  await openTracking(page, 'Import check-ins…');
  const wizard = page.getByRole('dialog', { name: /^Import check-ins into/ });
  await wizard.getByLabel('Answers file').setInputFiles(csv);
  await expect(wizard.getByRole('combobox', { name: 'Field for column Date of last meeting' })).toContainText('Date of last meeting');
  await expect(wizard.getByRole('combobox', { name: 'Field for column Email address' })).toContainText('Respondent email');
  await shot('60-checkins-mapping');
  await wizard.getByRole('button', { name: 'Next: check rows' }).click();
  const problems = wizard.getByRole('list', { name: 'Import problems' });
  await expect(problems).toContainText('line 4, column "Email address", value "someone.else@example.org": no one in this cohort has this email');
  await expect(wizard.getByText('2 pairs answered')).toBeVisible();
  await shot('61-checkins-problems');
  expect(await violations(page, 'check-in rows')).toEqual([]);

  // Importing without skipping: refused, the row named, nothing written.
  await wizard.getByRole('button', { name: 'Import 3 rows' }).click();
  const refused = wizard.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await expect(refused).toContainText('line 4, column "Email address", value "someone.else@example.org"');
  expect(await call<unknown[]>(page.request, app.url, 'checkins.list', { cohortId: cohort!.id })).toEqual([]);

  await wizard.getByRole('checkbox', { name: 'Skip them and import 2' }).check();
  await wizard.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(wizard.getByLabel('Check-ins imported')).toContainText('Imported 2 check-ins for 2 pairs; 1 row was skipped');
  await expect(wizard.getByRole('list', { name: 'Skipped rows and their problems' })).toContainText('line 4');
  await shot('62-checkins-done');
  await wizard.getByRole('button', { name: 'Done' }).click();
  expect(await call<unknown[]>(page.request, app.url, 'checkins.list', { cohortId: cohort!.id })).toHaveLength(2);

  // The pair's panel lists the answer; its reported meeting is the pair's last contact.
  const row = page.getByRole('table', { name: 'Active pairs' }).getByRole('row').filter({ hasText: first!.mentee.name });
  await expect(row).toContainText('0 d ago');
  await row.getByRole('button', { name: first!.mentee.name }).click();
  const panel = page.getByRole('dialog', { name: 'Pair sessions' });
  await expect(page.locator('.MuiDrawer-paper[role=dialog]')).toHaveCSS('transform', 'none');
  const checkins = panel.getByRole('list', { name: 'Check-ins' }).getByRole('listitem');
  await expect(checkins).toHaveCount(1);
  await expect(checkins).toContainText(`${first!.mentee.name} (mentee)`);
  await expect(checkins).toContainText(`last met ${today}`);
  await expect(checkins).toContainText('Goals: Drafted my first talk');
  await expect(checkins).toContainText('april-check-in.csv, line 2');
  await panel.getByRole('heading', { name: /^Check-ins/ }).scrollIntoViewIfNeeded();
  await shot('63-pair-checkins');
  await panel.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await row.getByRole('button', { name: first!.mentee.name }).click();
  await expect(page.locator('.MuiDrawer-paper[role=dialog]')).toHaveCSS('transform', 'none');
  await panel.getByRole('heading', { name: /^Check-ins/ }).scrollIntoViewIfNeeded();
  await shot('63-pair-checkins-dark');
  // Removed after a confirmation: the pair has no check-in left, the cohort's other one stays.
  await checkins.getByRole('button', { name: /^Remove the check-in of/ }).click();
  await page.getByRole('dialog', { name: 'Remove this check-in?' }).getByRole('button', { name: 'Remove check-in' }).click();
  await expect(checkins).toHaveCount(0);
  expect(await call<unknown[]>(page.request, app.url, 'checkins.list', { cohortId: cohort!.id })).toHaveLength(1);
  await panel.getByRole('button', { name: 'Close', exact: true }).click();

  await openTracking(page, 'Import check-ins…');
  await wizard.getByLabel('Answers file').setInputFiles(csv);
  await shot('60-checkins-mapping-dark');
  await wizard.getByRole('button', { name: 'Next: check rows' }).click();
  await expect(problems).toBeVisible();
  await shot('61-checkins-problems-dark');
  await wizard.getByRole('button', { name: 'Cancel' }).click();
});

test('send a session reminder to a real SMTP server, set up through the Outgoing mail tab; each person gets their own local time', async ({ page, app, shot }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const smtp = await startSmtpServer({ user: 'coordinator', pass: 'letmein' });
  try {
    await loadSample(page);
    await publishFirstRun(page);
    const [cohort] = await call<{ id: string }[]>(page.request, app.url, 'cohorts.list', {});
    const { pairs } = await call<Overview>(page.request, app.url, 'pairs.overview', { cohortId: cohort!.id });
    const pair = pairs.find((p) => p.mentee.timezone?.includes('/') && p.mentor.timezone?.includes('/') && p.mentee.timezone !== p.mentor.timezone)!;
    // A session five hours from now on the mentee's clock (the web bridge runs on the real clock): due for a reminder.
    const start = DateTime.now().setZone(pair.mentee.timezone!).plus({ hours: 5 }).startOf('minute');
    await call(page.request, app.url, 'sessions.add', { pairId: pair.pairId, localStart: start.toFormat("yyyy-MM-dd'T'HH:mm"), zoneOf: 'mentee', durationMinutes: 60, format: 'video', status: 'planned' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Pairs' }).click();
    await shot('64-pairs-toolbar');

    await openTracking(page, 'Reminder emails…');
    const dialog = page.getByRole('dialog', { name: /^Reminder emails/ });
    const emails = dialog.getByRole('list', { name: 'Emails due' }).getByRole('listitem');
    await expect(emails).toHaveCount(1);
    const local = (zone: string) => start.setZone(zone).setLocale('en').toFormat('ccc yyyy-MM-dd HH:mm');
    await expect(emails).toContainText(`${pair.mentee.name}: ${local(pair.mentee.timezone!)} ${pair.mentee.timezone}`);
    await expect(emails).toContainText(`${pair.mentor.name}: ${local(pair.mentor.timezone!)} ${pair.mentor.timezone}`);
    await expect(dialog.getByText('Set a From address (and your SMTP server) under Outgoing mail first.')).toBeVisible();
    await shot('65-reminders-due');
    expect(await violations(page, 'emails due')).toEqual([]);

    await dialog.getByRole('tab', { name: 'Outgoing mail' }).click();
    await dialog.getByRole('textbox', { name: 'From' }).fill('Mentoring team <mentoring@example.org>');
    await dialog.getByLabel('SMTP server').fill('127.0.0.1');
    await dialog.getByRole('spinbutton', { name: 'Port' }).fill(String(smtp.port));
    await dialog.getByLabel('User name').fill('coordinator');
    await dialog.getByRole('button', { name: 'Save outgoing mail' }).click();
    await expect(dialog.getByText('Outgoing mail saved.')).toBeVisible();
    await expect(dialog.getByText('in a file beside the workspace that only you can read.')).toBeVisible();
    await page.waitForTimeout(400);
    await shot('66-reminders-mail');
    expect(await violations(page, 'outgoing mail')).toEqual([]);

    await dialog.getByRole('tab', { name: 'Templates' }).click();
    await expect(dialog.getByLabel('Reminder subject')).toHaveValue('Reminder: your mentoring session, {menteeName} & {mentorName}');
    await page.waitForTimeout(400);
    await shot('67-reminders-templates');
    expect(await violations(page, 'templates')).toEqual([]);

    await dialog.getByRole('tab', { name: 'Emails due' }).click();
    await dialog.getByLabel('SMTP password for coordinator').fill('letmein');
    await dialog.getByRole('button', { name: 'Send 1 email' }).click();
    await expect(dialog.getByLabel('Send result')).toHaveText('Sent 1 email.');
    await shot('68-reminders-sent');
    expect(smtp.delivered).toHaveLength(1);
    const [mail] = smtp.delivered;
    expect(mail!.rcptTo).toEqual([pair.mentee.email, pair.mentor.email]);
    expect(mail!.parsed.from!.value).toEqual([{ name: 'Mentoring team', address: 'mentoring@example.org' }]);
    expect(mail!.parsed.subject).toBe(`Reminder: your mentoring session, ${pair.mentee.name} & ${pair.mentor.name}`);
    expect(mail!.parsed.text).toContain(`${local(pair.mentee.timezone!)} ${pair.mentee.timezone} (UTC${start.toFormat('ZZ')})`);
    expect(mail!.parsed.text).toContain(`${local(pair.mentor.timezone!)} ${pair.mentor.timezone} (UTC${start.setZone(pair.mentor.timezone!).toFormat('ZZ')})`);
    // Not kept: the box was not ticked, so the next send asks again.
    expect(await call(page.request, app.url, 'reminders.passwordStatus', {})).toEqual({ kept: false, storage: 'file' });

    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await openTracking(page, 'Reminder emails…');
    await expect(emails).toHaveCount(1);
    // Sent already: listed with when, unticked, so the next send does not repeat it.
    await expect(emails.first()).toContainText(/Sent \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    await expect(emails.first().getByRole('checkbox')).not.toBeChecked();
    await expect(dialog.getByRole('button', { name: 'Send 0 emails' })).toBeDisabled();
    await page.waitForTimeout(400); // the dialog's fade-in
    await shot('65-reminders-due-dark');
    expect(await violations(page, 'emails due, dark')).toEqual([]);
    // Each tab's underline slides across (about 300 ms): the shots wait for it to arrive.
    await dialog.getByRole('tab', { name: 'Outgoing mail' }).click();
    await page.waitForTimeout(400);
    await shot('66-reminders-mail-dark');
    await dialog.getByRole('tab', { name: 'Templates' }).click();
    await page.waitForTimeout(400);
    await shot('67-reminders-templates-dark');
  } finally {
    await smtp.close();
  }
});
