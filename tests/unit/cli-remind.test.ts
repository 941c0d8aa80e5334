import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/core/db/open';
import { addSession } from '../../src/core/sessions/sessions';
import { cli } from './cli-run';
import { startSmtpServer } from './smtp-test-server';
import { tempDir } from './temp';
import { publishedPair } from './tracking-fixture';

afterEach(() => vi.unstubAllEnvs());

/** A workspace with Ana Ruiz (Berlin) mentoring Ben Li (New York) and a session planned a day from now (the CLI runs on the real clock). */
async function workspace(): Promise<{ db: string; startsAt: DateTime }> {
  const db = join(tempDir(), 'workspace.sqlite');
  const store = await openStore(db);
  const startsAt = DateTime.now().setZone('America/New_York').plus({ hours: 24 }).startOf('minute');
  try {
    const { pair } = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' }, store);
    addSession(store, { pairId: pair.id, localStart: startsAt.toFormat("yyyy-MM-dd'T'HH:mm"), zoneOf: 'mentee', durationMinutes: 30, format: 'phone', status: 'planned', notes: '', topics: [] });
  } finally {
    store.close();
  }
  return { db, startsAt };
}

describe('pairwise remind', () => {
  it('previews, saves .eml files, and sends through the SMTP server with the password from the environment', async () => {
    const { db, startsAt } = await workspace();
    const preview = await cli('remind', '--db', db, '--cohort', 'Spring', '--json');
    expect(preview.code).toBe(0);
    const messages = JSON.parse(preview.stdout).messages as { kind: string; text: string }[];
    expect(messages.map((m) => m.kind)).toEqual(['reminder']);
    expect(messages[0]!.text).toContain(`Ben Li: ${startsAt.setLocale('en').toFormat('ccc yyyy-MM-dd HH:mm')} America/New_York (UTC${startsAt.toFormat('ZZ')})`);
    const berlin = startsAt.setZone('Europe/Berlin');
    expect(messages[0]!.text).toContain(`Ana Ruiz: ${berlin.setLocale('en').toFormat('ccc yyyy-MM-dd HH:mm')} Europe/Berlin (UTC${berlin.toFormat('ZZ')})`);

    expect((await cli('remind', '--db', db, '--cohort', 'Spring', '--eml', join(tempDir(), 'x'))).stderr).toContain('Enter a From address under Outgoing mail first');
    const smtp = await startSmtpServer({ user: 'me', pass: 'pw' });
    try {
      const settings = JSON.stringify({ host: '127.0.0.1', port: smtp.port, secure: false, username: 'me', from: 'Mentoring <team@example.org>' });
      expect((await cli('call', '--db', db, 'reminders.saveMailSettings', settings)).code).toBe(0);
      const dir = join(tempDir(), 'eml');
      expect(await cli('remind', '--db', db, '--cohort', 'Spring', '--eml', dir)).toMatchObject({ code: 0, stdout: `Saved 1 email in ${dir}` });
      expect(readdirSync(dir)).toEqual(['reminder-ben-li-ana-ruiz.eml']);
      expect(readFileSync(join(dir, 'reminder-ben-li-ana-ruiz.eml'), 'utf8')).toContain('To: Ben Li <ben@example.org>, Ana Ruiz <ana@example.org>');

      const noPassword = await cli('remind', '--db', db, '--cohort', 'Spring', '--send', '--again');
      expect(noPassword).toMatchObject({ code: 1, stderr: expect.stringContaining('Enter the SMTP password for me') });
      vi.stubEnv('PAIRWISE_SMTP_PASSWORD', 'pw');
      // Saved as .eml already: nothing new to send, unless asked again.
      expect(await cli('remind', '--db', db, '--cohort', 'Spring', '--send')).toMatchObject({
        code: 0,
        stdout: 'Nothing new to send in Spring: the 1 email due now went out already (--again sends them once more).',
      });
      expect((await cli('remind', '--db', db, '--cohort', 'Spring')).stdout).toMatch(/^reminder {2}ben@example\.org, ana@example\.org {2}\(session in \d+ h\) {2}\[sent \d{4}-\d\d-\d\d \d\d:\d\d UTC as \.eml\]/);
      expect(await cli('remind', '--db', db, '--cohort', 'Spring', '--send', '--again')).toMatchObject({ code: 0, stdout: 'Sent 1 email.' });
      expect(smtp.delivered.map((d) => d.rcptTo)).toEqual([['ben@example.org', 'ana@example.org']]);
      expect((await cli('remind', '--db', db, '--cohort', 'Spring', '--send', '--eml', dir)).code).toBe(2);
    } finally {
      await smtp.close();
    }
  });
});
