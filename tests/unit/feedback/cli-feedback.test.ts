import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/db/open';
import { cli } from '../cli-run';
import { tempDir } from '../temp';
import { publishedPair } from '../tracking-fixture';
import { answersCsv, everyoneAnswers, QUESTIONS, surveyCohort } from './fixture';

async function workspace(): Promise<string> {
  const db = join(tempDir(), 'workspace.sqlite');
  const store = await openStore(db);
  try {
    await surveyCohort(store);
  } finally {
    store.close();
  }
  return db;
}

describe('pairwise feedback', () => {
  it('defines an anonymous survey, refuses a file with a bad row (exit 1, nothing written), imports, and reports only once closed', async () => {
    const db = await workspace();
    const dir = tempDir();
    const questions = join(dir, 'questions.json');
    writeFileSync(questions, JSON.stringify(QUESTIONS));
    const defined = await cli('feedback', 'define', '--db', db, '--cohort', 'Spring', '--title', 'Mid-point', '--questions', questions, '--group-by', 'department');
    expect(defined).toMatchObject({ code: 0, stdout: 'Defined "Mid-point" for Spring (anonymous, k 5, 4 questions, 16 invited).' });
    const rows = everyoneAnswers();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, answersCsv(rows.map((r, i) => (i === 2 ? { ...r, nps: 'eleven' } : r))));
    const refused = await cli('feedback', 'import', bad, '--db', db, '--cohort', 'Spring', '--survey', 'mid-point');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 4, column "How likely are you to recommend the program to a colleague?"');
    expect((await cli('feedback', 'surveys', '--db', db, '--cohort', 'Spring', '--json')).stdout).toContain('"hasResponses": false');
    const good = join(dir, 'good.csv');
    writeFileSync(good, answersCsv(rows));
    expect(await cli('feedback', 'import', good, '--db', db, '--cohort', 'Spring', '--survey', 'Mid-point')).toMatchObject({ code: 0, stdout: 'Imported 16 answers into "Mid-point" (anonymous).' });
    const early = await cli('feedback', 'report', '--db', db, '--cohort', 'Spring', '--survey', 'Mid-point', '--json');
    expect(JSON.parse(early.stdout)).toMatchObject({ shown: false, questions: [] });
    expect((await cli('feedback', 'close', '--db', db, '--cohort', 'Spring', '--survey', 'Mid-point')).code).toBe(0);
    const report = JSON.parse((await cli('feedback', 'report', '--db', db, '--cohort', 'Spring', '--survey', 'Mid-point', '--json')).stdout);
    expect(report).toMatchObject({ shown: true, respondents: 16, k: 5 });
    expect(report.responseRates[0].groups.find((g: { label: string }) => g.label === 'Legal')).toMatchObject({ hidden: true, count: null });
    const out = join(dir, 'results.csv');
    expect((await cli('feedback', 'report', '--db', db, '--cohort', 'Spring', '--survey', 'Mid-point', '--out', out)).code).toBe(0);
    expect(await cli('feedback', 'import', good, '--db', db, '--cohort', 'Spring', '--survey', 'Mid-point')).toMatchObject({ code: 1, stderr: 'This survey is closed: its answers can no longer change' });
    expect((await cli('feedback', 'report', '--db', db, '--cohort', 'Spring')).code).toBe(2);
  });

  it('imports pair ratings and lists the low one for follow-up', async () => {
    const db = join(tempDir(), 'workspace.sqlite');
    const store = await openStore(db);
    await publishedPair({ mentor: 'Europe/Madrid', mentee: 'Europe/Madrid' }, store);
    store.close();
    const file = join(tempDir(), 'ratings.csv');
    writeFileSync(file, 'Timestamp,Email,Rate the match (1-5)\n2027-03-01 10:00,ben@example.org,2\n');
    expect(await cli('feedback', 'ratings', file, '--db', db, '--cohort', 'Spring')).toMatchObject({ code: 0, stdout: 'Imported 1 pair rating into Spring.' });
    expect((await cli('feedback', 'pairs', '--db', db, '--cohort', 'Spring')).stdout).toContain('follow up: Ben Li & Ana Ruiz: mentee rated 2/5 on 2027-03-01');
  });
});
