import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/db/open';
import { addMember } from '../../../src/core/participants/roster';
import { cli } from '../cli-run';
import { tempDir } from '../temp';
import { publishedPair } from '../tracking-fixture';

/** Cohort Spring with one pair (Ana Ruiz mentoring Ben Li) that held three sessions, and a mentor named like a formula. */
async function workspace(): Promise<string> {
  const db = join(tempDir(), 'workspace.sqlite');
  const store = await openStore(db);
  try {
    const { pair, cohort } = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' }, store);
    addMember(store, cohort.id, { fullName: '=HYPERLINK("http://x")', email: 'f@example.org', role: 'Mentor', capacity: 1 });
    store.transact((w) => {
      w.update('pairs', pair.id, { started_at: '2026-01-05T09:00:00.000Z' });
      for (const day of ['2026-01-12', '2026-01-26', '2026-02-09']) {
        w.insert('sessions', { pair_id: pair.id, cohort_id: cohort.id, starts_at: `${day}T15:00:00.000Z`, entered_in: 'mentee', duration_minutes: 60, format: 'video', status: 'held', notes: '', topics: '[]' });
      }
    });
  } finally {
    store.close();
  }
  return db;
}

describe('pairwise report and certificates', () => {
  it('saves the same report as PDF, XLSX (typed, frozen headers) and formula-safe CSV', async () => {
    const db = await workspace();
    const dir = tempDir();
    const pdf = await cli('report', '--db', db, '--cohort', 'Spring', '--format', 'pdf', '--out', join(dir, 'r.pdf'), '--from', '2026-01-01', '--to', '2026-02-28', '--organisation', 'Zürich Mentoring');
    expect(pdf).toMatchObject({ code: 0, stderr: '' });
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('ZÜRICH MENTORING');
    expect(text).toContain('1 Jan 2026 – 28 Feb 2026');
    expect(text).toContain('3 sessions held');

    const xlsx = await cli('report', '--db', db, '--cohort', 'Spring', '--format', 'xlsx', '--out', join(dir, 'r.xlsx'), '--from', '2026-01-01', '--to', '2026-02-28', '--no-snapshot');
    expect(xlsx.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(dir, 'r.xlsx')) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Summary', 'Funnel', 'Sessions per week', 'Health', 'Mentor load', 'Badges']));
    const funnel = book.getWorksheet('Funnel')!;
    expect(funnel.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(funnel.getRow(1).getCell(1).value).toBe('Stage');
    // The formula-named mentor registered after --to: not counted.
    expect(funnel.getRow(2).values).toEqual([undefined, 'Registered', 2, 1, 1, 1]);
    expect(funnel.getRow(3).values).toEqual([undefined, 'Approved', 2, 1, 1, 1]);
    expect(funnel.getRow(4).values).toEqual([undefined, 'Matched', 2, 1, 1, 1]);
    const weeks = book.getWorksheet('Sessions per week')!;
    const held = weeks.getColumn(2).values.slice(2).reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0);
    expect(held).toBe(3);

    const csv = await cli('report', '--db', db, '--cohort', 'Spring', '--format', 'csv', '--out', join(dir, 'r.csv'), '--no-snapshot');
    expect(csv.code).toBe(0);
    const lines = readFileSync(join(dir, 'r.csv'), 'utf8').split('\r\n');
    expect(lines).toContain('Funnel');
    expect(lines.some((l) => l.startsWith(`"'=HYPERLINK(""http://x"")"`))).toBe(true);
    expect(lines.some((l) => l.startsWith('=HYPERLINK'))).toBe(false);
  }, 60_000);

  it('saves certificates, and says what is wrong with bad arguments', async () => {
    const db = await workspace();
    const dir = tempDir();
    const all = await cli('certificates', '--db', db, '--cohort', 'Spring', '--out', join(dir, 'c.pdf'), '--signatory', 'Dana Whitfield');
    expect(all).toMatchObject({ code: 0, stdout: `Saved 2 certificates of Spring as ${join(dir, 'c.pdf')}` });
    const text = execFileSync('pdftotext', [join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Ana Ruiz');
    expect(text).toContain('Ben Li');
    expect(text).toContain('3 mentoring sessions held');
    const one = await cli('certificates', '--db', db, '--cohort', 'Spring', '--out', join(dir, 'b.pdf'), '--email', 'BEN@example.org');
    expect(one.stdout).toContain('Saved 1 certificate of Spring');
    expect((await cli('certificates', '--db', db, '--cohort', 'Spring', '--out', join(dir, 'x.pdf'), '--email', 'nobody@example.org')).code).toBe(1);
    expect((await cli('report', '--db', db, '--cohort', 'Spring', '--format', 'docx', '--out', join(dir, 'r.docx'))).code).toBe(2);
    expect((await cli('report', '--db', db, '--cohort', 'Spring', '--out', join(dir, 'r.pdf'), '--from', '1 March'))).toMatchObject({ code: 2 });
    expect((await cli('report', '--db', db, '--cohort', 'Autumn', '--out', join(dir, 'r.pdf'))).code).toBe(1);
  }, 60_000);
});
