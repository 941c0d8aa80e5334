import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-run';
import { openStore } from '../../src/core/db/open';
import { tempDir } from './temp';

const BROKEN = join(__dirname, '../fixtures/broken-cohort.csv');
const SAMPLE = join(__dirname, '../../resources/sample-cohort.csv');

async function tableCounts(db: string) {
  const store = await openStore(db);
  const count = (t: string) => (store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const counts = { programs: count('programs'), cohorts: count('cohorts'), people: count('people'), changes: count('changes') };
  store.close();
  return counts;
}

describe('pairwise CLI', () => {
  it('imports a file and lists the cohort as JSON', async () => {
    const db = join(tempDir(), 'w.sqlite');
    const imported = await cli('import', SAMPLE, '--db', db, '--program', 'Mentoring', '--cohort', 'Spring');
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toBe('Imported into Mentoring / Spring: 84 added, 0 updated, 0 unchanged, 0 skipped.');
    const people = await cli('people', '--db', db, '--cohort', 'spring', '--json');
    const parsed = JSON.parse(people.stdout) as { role: string; email: string; timezone: string }[];
    expect(parsed).toHaveLength(84);
    expect(parsed.filter((p) => p.role === 'mentor')).toHaveLength(24);
    expect(Object.keys(parsed[0]!).sort()).toEqual(
      ['capacity', 'department', 'email', 'expertise', 'interests', 'languages', 'name', 'role', 'seniority', 'timezone'].sort(),
    );
  });

  it('rejects a file with bad rows: exit 1, every problem named, nothing written (not even the cohort)', async () => {
    const db = join(tempDir(), 'w.sqlite');
    const result = await cli('import', BROKEN, '--db', db, '--program', 'Mentoring', '--cohort', 'Spring');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 3, column "Email Address", value "ben@example": not a valid email address');
    expect(result.stderr).toContain('line 4, column "Time zone", value "IST": "IST" is ambiguous');
    expect(result.stderr).toContain('line 6, column "I want to be a…", value "Coach": expected "mentor" or "mentee"');
    expect(await tableCounts(db)).toEqual({ programs: 0, cohorts: 0, people: 0, changes: 0 });
  });

  it('imports the valid rows with --skip-invalid and reports the skipped ones', async () => {
    const db = join(tempDir(), 'w.sqlite');
    const result = await cli('import', BROKEN, '--db', db, '--program', 'Mentoring', '--cohort', 'Spring', '--skip-invalid');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 added');
    expect(result.stdout).toContain('3 skipped');
    expect(result.stderr.split('\n')).toHaveLength(3);
  });

  it('applies --map to columns it cannot guess', async () => {
    const dir = tempDir();
    const file = join(dir, 'odd.csv');
    writeFileSync(file, 'Who,Contact,Kind\nAna Ruiz,ana@example.org,mentor\n');
    const db = join(dir, 'w.sqlite');
    const withoutMap = await cli('import', file, '--db', db, '--program', 'P', '--cohort', 'C');
    expect(withoutMap.code).toBe(1);
    expect(withoutMap.stderr).toContain('Map a column to each required field: fullName, email, role');
    const mapped = await cli('import', file, '--db', db, '--program', 'P', '--cohort', 'C', '--map', 'Who=fullName,Contact=email,Kind=role');
    expect(mapped).toMatchObject({ code: 0 });
  });

  it('answers usage mistakes with exit 2 and data mistakes with exit 1', async () => {
    const db = join(tempDir(), 'w.sqlite');
    expect((await cli('frobnicate')).code).toBe(2);
    // Names of Object.prototype are not commands either.
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(await cli(name)).toMatchObject({ code: 2, stderr: expect.stringContaining(`Unknown command "${name}"`) });
    }
    expect((await cli('import', SAMPLE, '--db', db, '--cohort', 'C')).stderr).toContain('--program is required');
    expect((await cli('import', SAMPLE, '--db', db, '--program', 'P', '--cohort', 'C', '--bogus')).code).toBe(2);
    expect((await cli('import', SAMPLE, '--db', db, '--program', 'P', '--cohort', 'C', '--map', 'Nope=email')).code).toBe(2);
    const missing = await cli('people', '--db', db, '--cohort', 'Nowhere');
    expect(missing).toMatchObject({ code: 1, stderr: 'No cohort named "Nowhere"' });
    expect((await cli('import', join(tempDir(), 'missing.csv'), '--db', db, '--program', 'P', '--cohort', 'C')).stderr).toContain('Cannot read');
  });

  it('prints only JSON on stdout through npm run -s pairwise', async () => {
    const db = join(tempDir(), 'w.sqlite');
    await cli('import', SAMPLE, '--db', db, '--program', 'P', '--cohort', 'C');
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'pairwise', '--', 'people', '--db', db, '--cohort', 'C', '--json'], {
      cwd: join(__dirname, '../..'),
    });
    expect(JSON.parse(stdout)).toHaveLength(84);
  }, 60_000);
});

describe('pairwise CLI as a process', () => {
  it('ends quietly when the reader of its output stops early (people … | head)', async () => {
    const { spawn } = await import('node:child_process');
    const { generateRegistrationCsv } = await import('../../src/core/sample/generate');
    const dir = tempDir();
    const file = join(dir, 'big.csv');
    writeFileSync(file, generateRegistrationCsv({ mentors: 600, mentees: 1400, seed: 9 }));
    const db = join(dir, 'w.sqlite');
    expect((await cli('import', file, '--db', db, '--program', 'P', '--cohort', 'C')).code).toBe(0);
    const root = join(__dirname, '../..');
    // Through the launcher and the bundle, as `npm run pairwise` runs it.
    const child = spawn(process.execPath, [join(root, 'scripts/pairwise.mjs'), 'people', '--db', db, '--cohort', 'C', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});

describe('the CLI maps columns as the wizard does', () => {
  it('checks a question header against its answers: names under "Who is your manager?" are not taken for manager emails', async () => {
    const dir = tempDir();
    const file = join(dir, 'form.csv');
    writeFileSync(
      file,
      [
        'What is your name?,Email Address,Are you joining as a mentor or a mentee?,Who is your manager?',
        'Ana Ruiz,ana@example.org,Mentor,Carla Gómez',
        'Ben Li,ben@example.org,Mentee,Dan Wu',
      ].join('\n'),
    );
    const db = join(dir, 'w.sqlite');
    const result = await cli('import', file, '--db', db, '--program', 'P', '--cohort', 'C');
    expect(result).toMatchObject({ code: 0, stdout: 'Imported into P / C: 2 added, 0 updated, 0 unchanged, 0 skipped.' });
  });
});
