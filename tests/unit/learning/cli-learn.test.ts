import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli-run';
import { tempDir } from '../temp';

describe('pairwise learn and match --score', () => {
  it('refuses without evidence, then learns from the sample history and matches with the learned score', async () => {
    const db = join(tempDir(), 'w.sqlite');
    expect((await cli('call', '--db', db, 'sample.load', '{}')).code).toBe(0);
    const early = await cli('learn', '--db', db, '--program', 'Sample program');
    expect(early).toMatchObject({ code: 1, stderr: expect.stringMatching(/Not enough rated pairs.*at least two cohorts/) });
    const noModel = await cli('match', '--db', db, '--cohort', 'Sample cohort', '--score', 'learned');
    expect(noModel).toMatchObject({ code: 1, stderr: expect.stringContaining('no learned score yet') });

    expect((await cli('call', '--db', db, 'sample.loadHistory', '{}')).code).toBe(0);
    const learned = await cli('learn', '--db', db, '--program', 'sample PROGRAM');
    expect(learned.code).toBe(0);
    expect(learned.stdout).toMatch(/^Learned score, version 1 \(\d{4}-\d\d-\d\d\): Availability overlap mattered most;/);
    expect(learned.stdout).toMatch(/tested on \d+ pairs of Autumn 2026/);
    expect(learned.stdout).toMatch(/\nRecommended: Better than the hand-set weights/);
    const json = JSON.parse((await cli('learn', '--db', db, '--program', 'Sample program', '--json')).stdout) as { version: number; evaluation: { recommended: boolean } };
    expect(json).toMatchObject({ version: 2, evaluation: { recommended: true } });

    const run = await cli('match', '--db', db, '--cohort', 'Sample cohort', '--score', 'blend', '--blend', '0.7', '--json');
    expect(run.code).toBe(0);
    const runs = JSON.parse((await cli('call', '--db', db, 'runs.list', JSON.stringify({ cohortId: JSON.parse((await cli('call', '--db', db, 'cohorts.find', '{"name":"Sample cohort"}')).stdout).id }))).stdout) as { id: string }[];
    const saved = JSON.parse((await cli('call', '--db', db, 'runs.get', JSON.stringify({ runId: runs.at(-1)!.id }))).stdout) as { optimal: boolean; settings: { score: unknown } };
    expect(saved.optimal).toBe(true);
    expect(saved.settings.score).toMatchObject({ source: 'blend', blend: 0.7, model: { version: 2 } });

    expect(await cli('match', '--db', db, '--cohort', 'Sample cohort', '--score', 'magic')).toMatchObject({ code: 2, stderr: expect.stringContaining('--score is weights, learned or blend') });
    expect(await cli('match', '--db', db, '--cohort', 'Sample cohort', '--blend', '0.5')).toMatchObject({ code: 2, stderr: expect.stringContaining('--blend goes with --score blend') });
  }, 60_000);
});
