import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-run';
import { tempDir } from './temp';
import { publishedPairFile } from './tracking-fixture';

/** A workspace file with one published pair: Ana Ruiz (mentor, Berlin) and Ben Li (mentee, New York), cohort Spring. */
const workspace = () => publishedPairFile();

describe('pairwise sessions and ics', () => {
  it('adds a session on the mentee clock, lists both local times, and saves the planned ones as a calendar', async () => {
    const db = await workspace();
    const added = await cli('sessions', 'add', '--db', db, '--cohort', 'Spring', '--mentee', 'BEN@example.org', '--at', '2027-03-14T09:00', '--minutes', '45', '--topics', 'career, feedback');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe(
      'Added: 2027-03-14T13:00:00Z  planned, video, 45 min  Ben Li: Sun 2027-03-14 09:00 America/New_York (mentee) · Ana Ruiz: Sun 2027-03-14 14:00 Europe/Berlin (mentor)',
    );
    const held = await cli('sessions', 'add', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--at', '2026-03-02T08:00', '--zone', 'mentor', '--status', 'held', '--json');
    expect(JSON.parse(held.stdout)).toMatchObject({ startsAt: '2026-03-02T07:00:00Z', enteredIn: 'mentor', status: 'held', mentee: { local: '2026-03-02T02:00' } });

    const listed = await cli('sessions', 'list', '--db', db, '--cohort', 'Spring');
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')).toHaveLength(2);
    expect(listed.stdout.split('\n')[0]).toContain('2026-03-02T07:00:00Z  held');

    const out = join(tempDir(), 'spring.ics');
    expect(await cli('ics', '--db', db, '--cohort', 'Spring', '--out', out, '--organizer', 'Mentoring team <team@example.org>')).toMatchObject({
      code: 0,
      stdout: `Saved 1 planned session of Spring as ${out}`,
    });
    const events = Object.values(ical.sync.parseICS(readFileSync(out, 'utf8'))).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events.map((e) => e.start.toISOString())).toEqual(['2027-03-14T13:00:00.000Z']);
  });

  it('saves a recurring series for a mentee\'s pair, on the mentor\'s clock, and prints both local times', async () => {
    const db = await workspace();
    const out = join(tempDir(), 'series.ics');
    const saved = await cli('ics', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--at', '2027-03-22T15:00', '--zone', 'mentor', '--every', '7', '--count', '3', '--out', out, '--organizer', 'team@example.org');
    expect(saved.code).toBe(0);
    // Berlin moves to summer time on 28 March: 15:00 there stays 15:00, New York goes from 10:00 to 09:00.
    expect(saved.stdout.split('\n')).toEqual([
      `Saved a series of 3 sessions every 7 days for Ben Li and Ana Ruiz as ${out}:`,
      '  Ben Li: Mon 2027-03-22 10:00 America/New_York (mentee) · Ana Ruiz: Mon 2027-03-22 15:00 Europe/Berlin (mentor)',
      '  Ben Li: Mon 2027-03-29 09:00 America/New_York (mentee) · Ana Ruiz: Mon 2027-03-29 15:00 Europe/Berlin (mentor)',
      '  Ben Li: Mon 2027-04-05 09:00 America/New_York (mentee) · Ana Ruiz: Mon 2027-04-05 15:00 Europe/Berlin (mentor)',
    ]);
    expect(readFileSync(out, 'utf8')).toContain('DTSTART;TZID=Europe/Berlin:20270322T150000');
    expect(await cli('ics', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--out', out, '--organizer', 'team@example.org')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('needs both --mentee EMAIL and --at'),
    });
    expect(await cli('ics', '--db', db, '--cohort', 'Spring', '--mentee', 'nobody@example.org', '--at', '2027-03-22T15:00', '--out', out, '--organizer', 'team@example.org')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('nobody@example.org is the mentee of no active pair in Spring'),
    });
  });

  it('exits 2 on usage errors and 1 on data errors, writing nothing', async () => {
    const db = await workspace();
    expect(await cli('sessions', 'move', '--db', db, '--cohort', 'Spring')).toMatchObject({ code: 2, stderr: expect.stringContaining('sessions takes add or list, not "move"') });
    expect(await cli('sessions', 'add', '--db', db, '--cohort', 'Spring', '--at', '2027-03-14T09:00')).toMatchObject({ code: 2, stderr: expect.stringContaining('--mentee is required') });
    expect(await cli('sessions', 'add', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--at', '2027-03-14T09:00', '--format', 'fax')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format is video, in-person, phone, not "fax"'),
    });
    expect(await cli('sessions', 'add', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--at', '14/03/2027 9am')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('YYYY-MM-DDTHH:mm'),
    });
    expect(await cli('sessions', 'add', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--at', '2027-03-14T02:30')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('does not exist in America/New_York'),
    });
    expect(await cli('sessions', 'add', '--db', db, '--cohort', 'Spring', '--mentee', 'ana@example.org', '--at', '2027-03-14T09:00')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('ana@example.org is the mentee of no active pair in Spring'),
    });
    expect(await cli('sessions', 'add', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--at', '2099-03-14T09:00', '--status', 'held')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is still ahead: save it as planned'),
    });
    const out = join(tempDir(), 'x.ics');
    expect(await cli('ics', '--db', db, '--cohort', 'Spring', '--out', out)).toMatchObject({ code: 2, stderr: expect.stringContaining('--organizer ADDRESS') });
    expect(await cli('ics', '--db', db, '--cohort', 'Spring', '--out', out, '--organizer', 'team@example.org')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Spring has no planned sessions'),
    });
    expect(await cli('sessions', 'list', '--db', db, '--cohort', 'Spring')).toMatchObject({ code: 0, stdout: 'No sessions in Spring.' });
  });
});
