import { describe, expect, it } from 'vitest';
import { cli } from './cli-run';
import { publishedPairFile } from './tracking-fixture';

const workspace = () => publishedPairFile((store, pair) => store.transact((w) => w.update('pairs', pair.id, { started_at: '2026-01-05T09:00:00.000Z' })));

describe('pairwise goals, due and pairs close', () => {
  it('adds a goal with milestones, records progress, lists stuck goals as of a date; exit codes 2 usage (a bad input too), 1 data', async () => {
    const db = await workspace();
    const added = await cli('goals', 'add', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--title', 'Lead a project', '--target', '2026-12-01', '--milestone', 'Pick one@2026-06-01', '--milestone', 'Ship it');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe('Added: Ben Li: "Lead a project"  open, 0%, target 2026-12-01  [  Pick one 2026-06-01;   Ship it]');
    expect(await cli('goals', 'progress', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--title', 'lead a project', '--percent', '40')).toMatchObject({ code: 0, stdout: expect.stringContaining('open, 40%') });
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const stuck = await cli('goals', 'list', '--db', db, '--cohort', 'Spring', '--stuck', '--as-of', later, '--json');
    expect(JSON.parse(stuck.stdout)).toMatchObject([{ title: 'Lead a project', stuck: true, daysWithoutProgress: 30 }]);
    expect(await cli('goals', 'list', '--db', db, '--cohort', 'Spring', '--stuck')).toMatchObject({ code: 0, stdout: 'No goals stuck in Spring.' });
    expect(await cli('goals', 'progress', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--title', 'Lead')).toMatchObject({ code: 2 });
    expect(await cli('goals', 'add', '--db', db, '--cohort', 'Spring', '--mentee', 'nobody@example.org', '--title', 'X')).toMatchObject({ code: 1, stderr: expect.stringContaining('mentee of no active pair') });
    expect(await cli('goals', 'add', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--title', 'X', '--target', '2026-13-01')).toMatchObject({ code: 2, stderr: expect.stringContaining('YYYY-MM-DD') });
  });

  it('adds and applies a template; due lists the pair as a table and as JSON; closes the pair', async () => {
    const db = await workspace();
    expect(await cli('goals', 'template', 'add', '--db', db, '--cohort', 'Spring', '--title', 'Career plan', '--target', '90', '--milestone', 'Strengths+14')).toMatchObject({ code: 0 });
    expect(await cli('goals', 'template', 'apply', '--db', db, '--cohort', 'Spring', '--title', 'career plan')).toMatchObject({ code: 0, stdout: '"Career plan" given to 1 pairs of Spring (0 already had it)' });
    const goals = JSON.parse((await cli('goals', 'list', '--db', db, '--cohort', 'Spring', '--json')).stdout);
    expect(goals).toMatchObject([{ title: 'Career plan', targetDate: '2026-04-05', milestones: [{ title: 'Strengths', targetDate: '2026-01-19' }] }]);
    expect(await cli('goals', 'template', 'apply', '--db', db, '--cohort', 'Spring', '--title', 'Nope')).toMatchObject({ code: 1 });

    const table = await cli('due', '--db', db, '--cohort', 'Spring');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^What\s+Cohort\s+Mentee\s+Mentor\s+Detail$/);
    expect(table.stdout).toMatch(/no first session\s+Spring\s+Ben Li\s+Ana Ruiz\s+no first session \d+ days after the start/);
    const json = JSON.parse((await cli('due', '--db', db, '--json')).stdout);
    expect(json.items.map((i: { kind: string }) => i.kind)).toEqual(['no-first-session']);
    expect(await cli('due', '--db', db, '--as-of', 'soon')).toMatchObject({ code: 2 });

    expect(await cli('pairs', 'close', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--outcome', 'ended-early')).toMatchObject({ code: 2, stderr: expect.stringContaining('Say why') });
    expect(await cli('pairs', 'close', '--db', db, '--cohort', 'Spring', '--mentee', 'ben@example.org', '--outcome', 'ended-early', '--reason', 'Moved teams')).toMatchObject({
      code: 0,
      stdout: 'Closed the pair of Ben Li and Ana Ruiz: ended early (Moved teams)',
    });
    expect(await cli('due', '--db', db, '--cohort', 'Spring')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Nothing due as of/) });
    // Its one pair closed already, the cohort still closes and keeps its summary; a second close is refused.
    expect(await cli('pairs', 'close-cohort', '--db', db, '--cohort', 'Spring')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Closed Spring: 1 pair \(0 completed, 1 ended early\), 0 sessions held, 0 of 1 goals reached/) });
    expect(await cli('pairs', 'close-cohort', '--db', db, '--cohort', 'Spring')).toMatchObject({ code: 1, stderr: expect.stringContaining('Spring was closed on') });
  });
});
