import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-run';
import { tempDir } from './temp';
import { publishedPairFile } from './tracking-fixture';

const workspace = () => publishedPairFile();

describe('pairwise checkins', () => {
  it('refuses a file with a bad row (exit 1, the row named, nothing written), imports with --skip-invalid, and lists', async () => {
    const db = await workspace();
    // The CLI runs on the real clock, and the fixture published the pair today: today's meeting is the only valid date.
    const today = new Date().toISOString().slice(0, 10);
    const file = join(tempDir(), 'check-in.csv');
    writeFileSync(file, `Respondent,Met?,Last met on,Notes\nben@example.org,yes,${today},good\nzoe@example.org,yes,${today},\n`);
    const map = 'Respondent=respondentEmail,Met?=met,Last met on=Date of last meeting';

    const refused = await cli('checkins', 'import', file, '--db', db, '--cohort', 'Spring', '--map', map);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3, column "Respondent", value "zoe@example.org": no one in this cohort has this email');
    expect((await cli('checkins', 'list', '--db', db, '--cohort', 'Spring', '--json')).stdout).toBe('[]');

    const done = await cli('checkins', 'import', file, '--db', db, '--cohort', 'Spring', '--map', map, '--skip-invalid');
    expect(done).toMatchObject({ code: 0, stdout: 'Imported 1 check-in into Spring (1 pair), 1 skipped.' });
    expect(done.stderr).toContain('skipped line 3, column "Respondent"');
    const listed = JSON.parse((await cli('checkins', 'list', '--db', db, '--cohort', 'Spring', '--json')).stdout);
    expect(listed).toMatchObject([{ respondent: { name: 'Ben Li', role: 'mentee' }, met: true, lastMetOn: today, comments: 'good' }]);

    expect((await cli('checkins', 'import', file, '--db', db, '--cohort', 'Spring', '--map', 'Respondent=mailbox')).code).toBe(2);
    expect((await cli('checkins', 'export', '--db', db)).code).toBe(2);
  });
});
