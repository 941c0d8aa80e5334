import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { applyMappingOverrides, detectMapping, ImportRejectedError, previewImport, runImport } from '../../src/core/import';
import { parseAvailability } from '../../src/core/import/normalise';
import { listMembers } from '../../src/core/participants/members';
import { createCohort, createProgram, ensureProgramAndCohort } from '../../src/core/programs/programs';
import type { Store } from '../../src/core/db/store';
import { bytes, tempStore } from './temp';

const HEADER = 'Full name,Email Address,I want to be a…,Time zone,Max mentees,Years of experience,Languages,Interests,Expertise';

async function cohortIn(store: Store, program = 'Program', cohort = 'Spring') {
  return ensureProgramAndCohort(store, program, cohort);
}

function countRows(store: Store, table: string): number {
  return (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('cohort import', () => {
  it('detects the usual registration-form headers', () => {
    const mapping = detectMapping([
      'Timestamp', 'Full name', 'Email Address', 'I want to be a…', 'Time zone', 'Max mentees',
      'Years of experience', 'Interests (choose all that apply)', 'Expertise areas', 'Department',
    ]);
    expect(mapping.map((m) => m.field)).toEqual([
      null, 'fullName', 'email', 'role', 'timezone', 'capacity', 'seniorityYears', 'interests', 'expertise', 'department',
    ]);
  });

  it('lets --map override and ignore columns, and names unknown ones', () => {
    const mapping = applyMappingOverrides(detectMapping(['Name', 'Mail', 'Kind']), 'Mail=email,kind=role,Name=ignore');
    expect(mapping).toEqual([
      { column: 'Name', field: null },
      { column: 'Mail', field: 'email' },
      { column: 'Kind', field: 'role' },
    ]);
    expect(() => applyMappingOverrides(mapping, 'Nope=email')).toThrow('the file has no column "Nope"');
    expect(() => applyMappingOverrides(mapping, 'Mail=mailbox')).toThrow('unknown field "mailbox"');
  });

  it('reads BOM, CRLF, semicolons and quoted newlines, and normalises values', async () => {
    const store = await tempStore();
    const cohort = await cohortIn(store);
    const csv =
      '\uFEFFFull name;Email Address;I want to be a…;Time zone;Max mentees;Languages;Goals\r\n' +
      'Ana Ruiz; ANA@Example.ORG ;  MENTOR ;UTC+5:30;2;English, Spanish;\r\n' +
      'Ben Li;ben@example.org;mentee;america/chicago;;English;"Grow as a lead,\r\nand speak up"\r\n';
    const summary = await runImport(store, { cohortId: cohort.id, fileName: 'form.csv', bytes: bytes(csv), skipInvalid: false });
    expect(summary).toMatchObject({ added: 2, updated: 0, skipped: 0 });
    const [ana, ben] = listMembers(store, cohort.id);
    expect(ana).toMatchObject({ email: 'ana@example.org', role: 'mentor', capacity: 2, timezone: 'UTC+05:30', languages: ['English', 'Spanish'] });
    expect(ben).toMatchObject({ email: 'ben@example.org', role: 'mentee', capacity: 0, timezone: 'America/Chicago' });
    expect(ben!.goals).toBe('Grow as a lead,\r\nand speak up');
  });

  it('takes the delimiter from the header, not from answers that contain other delimiters', async () => {
    const store = await tempStore();
    const cohort = await cohortIn(store);
    const csv = 'Full name,Email,Role,Languages\nAna,ana@example.org,mentor,"English; Spanish; French"\nBen,ben@example.org,mentee,"German; Dutch"\n';
    await runImport(store, { cohortId: cohort.id, fileName: 'f.csv', bytes: bytes(csv), skipInvalid: false });
    expect(listMembers(store, cohort.id).map((m) => m.languages)).toEqual([['English', 'Spanish', 'French'], ['German', 'Dutch']]);
  });

  it('reads tab-separated files and xlsx workbooks (hyperlinked emails, numeric cells)', async () => {
    const store = await tempStore();
    const cohort = await cohortIn(store);
    const tsv = 'Full name\tEmail\tRole\tMax mentees\nCara Diaz\tcara@example.org\tMentor\t3\n';
    await runImport(store, { cohortId: cohort.id, fileName: 'form.tsv', bytes: bytes(tsv), skipInvalid: false });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Responses');
    sheet.addRow(['Full name', 'Email Address', 'I want to be a…', 'Max mentees', 'Years of experience']);
    sheet.addRow(['Dan Eze', { text: 'dan@example.org', hyperlink: 'mailto:dan@example.org' }, 'Mentor', 2, 12]);
    sheet.addRow(['Eve Fox', 'eve@example.org', 'Mentee', null, 1.5]);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const summary = await runImport(store, { cohortId: cohort.id, fileName: 'form.xlsx', bytes: xlsx, skipInvalid: false });
    expect(summary.added).toBe(2);
    const byEmail = new Map(listMembers(store, cohort.id).map((m) => [m.email, m]));
    expect(byEmail.get('cara@example.org')).toMatchObject({ capacity: 3, role: 'mentor' });
    expect(byEmail.get('dan@example.org')).toMatchObject({ capacity: 2, seniorityYears: 12 });
    expect(byEmail.get('eve@example.org')).toMatchObject({ role: 'mentee', seniorityYears: 1.5 });
  });

  it('reports every problem as line, column, value and reason, and writes nothing', async () => {
    const store = await tempStore();
    const cohort = await cohortIn(store);
    const changesBefore = countRows(store, 'changes');
    const csv = [
      HEADER,
      'Ana Ruiz,ana@example.org,Mentor,Europe/Berlin,2,10,English,,Go',
      'Ben Li,not-an-email,Mentee,Europe/Berlin,,2,English,Go,',
      'Cara Diaz,cara@example.org,Sponsor,IST,,3,English,Go,',
      'Dan Eze,ANA@example.org,Mentee,Europe/Londn,,x,English,Go,',
    ].join('\n');
    const attempt = runImport(store, { cohortId: cohort.id, fileName: 'f.csv', bytes: bytes(csv), skipInvalid: false });
    await expect(attempt).rejects.toThrow(ImportRejectedError);
    const error = (await attempt.catch((e: unknown) => e)) as ImportRejectedError;
    const messages = error.message.split('\n');
    expect(messages).toContain('line 3, column "Email Address", value "not-an-email": not a valid email address');
    expect(messages).toContain('line 4, column "I want to be a…", value "Sponsor": expected "mentor" or "mentee"');
    expect(messages.some((m) => m.startsWith('line 4, column "Time zone", value "IST": "IST" is ambiguous'))).toBe(true);
    expect(messages).toContain('line 5, column "Email Address", value "ANA@example.org": duplicate of line 2');
    expect(messages.some((m) => m.startsWith('line 5, column "Time zone", value "Europe/Londn"') && m.includes('Europe/London'))).toBe(true);
    expect(messages).toContain('line 5, column "Years of experience", value "x": not a number');
    expect(countRows(store, 'cohort_members')).toBe(0);
    expect(countRows(store, 'people')).toBe(0);
    expect(countRows(store, 'changes')).toBe(changesBefore);
  });

  it('imports only the valid rows when asked to skip invalid ones', async () => {
    const store = await tempStore();
    const cohort = await cohortIn(store);
    const csv = [HEADER, 'Ana Ruiz,ana@example.org,Mentor,Europe/Berlin,2,10,English,,Go', 'Ben Li,bad,Mentee,,,,,,', ''].join('\n');
    const summary = await runImport(store, { cohortId: cohort.id, fileName: 'f.csv', bytes: bytes(csv), skipInvalid: true });
    expect(summary).toMatchObject({ added: 1, skipped: 1 });
    expect(summary.problems[0]).toMatchObject({ line: 3, column: 'Email Address' });
    expect(listMembers(store, cohort.id).map((m) => m.email)).toEqual(['ana@example.org']);
  });

  it('updates a person the program already knows instead of duplicating them', async () => {
    const store = await tempStore();
    const program = createProgram(store, { name: 'P' });
    const spring = createCohort(store, { programId: program.id, name: 'Spring' });
    const autumn = createCohort(store, { programId: program.id, name: 'Autumn' });
    const first = [HEADER, 'Ana Ruiz,ana@example.org,Mentee,Europe/Berlin,,1,English,Go,'].join('\n');
    await runImport(store, { cohortId: spring.id, fileName: 'f.csv', bytes: bytes(first), skipInvalid: false });

    const again = [HEADER, 'Ana Ruiz-Lopez,ana@example.org,Mentee,Europe/Berlin,,1,English,Go,'].join('\n');
    expect(await runImport(store, { cohortId: spring.id, fileName: 'f.csv', bytes: bytes(again), skipInvalid: false })).toMatchObject({ added: 0, updated: 1 });
    expect(await runImport(store, { cohortId: spring.id, fileName: 'f.csv', bytes: bytes(again), skipInvalid: false })).toMatchObject({ updated: 0, unchanged: 1 });

    // A mentee in spring becomes a mentor in autumn: same person, new role in the new cohort.
    const asMentor = [HEADER, 'Ana Ruiz-Lopez,ana@example.org,Mentor,Europe/Berlin,2,3,English,,Go'].join('\n');
    expect(await runImport(store, { cohortId: autumn.id, fileName: 'f.csv', bytes: bytes(asMentor), skipInvalid: false })).toMatchObject({ updated: 1 });
    expect(countRows(store, 'people')).toBe(1);
    expect(listMembers(store, spring.id)[0]).toMatchObject({ role: 'mentee', fullName: 'Ana Ruiz-Lopez' });
    expect(listMembers(store, autumn.id)[0]).toMatchObject({ role: 'mentor', capacity: 2 });
  });

  it('previews the mapping, the problems and how many rows update existing people', async () => {
    const store = await tempStore();
    const cohort = await cohortIn(store);
    await runImport(store, { cohortId: cohort.id, fileName: 'f.csv', bytes: bytes([HEADER, 'Ana Ruiz,ana@example.org,Mentor,,1,,,,'].join('\n')), skipInvalid: false });
    const csv = [HEADER, 'Ana Ruiz,ana@example.org,Mentor,,1,,,,', 'Ben Li,ben@example.org,Mentee,Mars/Base,,,,,'].join('\n');
    const preview = await previewImport(store, { programId: cohort.programId, fileName: 'f.csv', bytes: bytes(csv) });
    expect(preview).toMatchObject({ totalRows: 2, validRows: 1, invalidLines: [3], updates: 1, missingFields: [] });
    expect(preview.problems[0]).toMatchObject({ line: 3, column: 'Time zone', value: 'Mars/Base' });

    const unmapped = await previewImport(store, { programId: cohort.programId, fileName: 'f.csv', bytes: bytes('Who,What\nx,y\n') });
    expect(unmapped.missingFields).toEqual(['fullName', 'email', 'role']);
  });

  it('gives a clear error for files it cannot read', async () => {
    const store = await tempStore();
    const cohort = await cohortIn(store);
    const run = (fileName: string, text: string) => runImport(store, { cohortId: cohort.id, fileName, bytes: bytes(text), skipInvalid: false });
    await expect(run('people.pdf', 'x')).rejects.toThrow('is not a .csv, .tsv or .xlsx file');
    await expect(run('empty.csv', '')).rejects.toThrow('The file is empty');
    await expect(run('broken.xlsx', 'not a zip')).rejects.toThrow('not a readable .xlsx workbook');
  });

  it('parses weekly availability, including ranges of days and windows past midnight', () => {
    expect(parseAvailability('Mon 18:00-20:00; weekends 10am-12pm')).toEqual({
      ok: true,
      value: [
        { day: 0, start: 1080, end: 1200 },
        { day: 5, start: 600, end: 720 },
        { day: 6, start: 600, end: 720 },
      ],
    });
    expect(parseAvailability('Sun 23:00-01:00')).toEqual({ ok: true, value: [{ day: 6, start: 1380, end: 1440 }, { day: 0, start: 0, end: 60 }] });
    expect(parseAvailability('Tue-Thu 9-10').ok && parseAvailability('Tue-Thu 9-10')).toMatchObject({ value: [{ day: 1 }, { day: 2 }, { day: 3 }] });
    expect(parseAvailability('whenever')).toMatchObject({ ok: false });
  });

  it('reads commas between availability windows like every other list, and day lists before one window', () => {
    const twoMornings = [{ day: 1, start: 480, end: 570 }, { day: 3, start: 480, end: 570 }];
    expect(parseAvailability('Tue 08:00-09:30, Thu 08:00-09:30')).toEqual({ ok: true, value: twoMornings });
    expect(parseAvailability('Tue 08:00-09:30; Thu 08:00-09:30')).toEqual({ ok: true, value: twoMornings });
    expect(parseAvailability('Tue, Thu 08:00-09:30')).toEqual({ ok: true, value: twoMornings });
    expect(parseAvailability('Mon 9-10, Caturday 9-10')).toMatchObject({ ok: false, error: '"Caturday" is not a day or range of days (Mon, Tue-Thu, weekdays)' });
  });
});

describe('reading back what Pairwise wrote', () => {
  it('takes off the apostrophe the CSV writer puts before a formula-like cell, so a rows-to-fix file re-imports as it was', async () => {
    const { toCsv } = await import('../../src/core/files/csv');
    const { readCsv } = await import('../../src/core/import/read-table');
    const written = toCsv([['Full name', 'Time zone', 'Note'], ['Ana Ruiz', '+05:30', "'Ohana"]]);
    expect(written).toContain("'+05:30");
    expect(readCsv(new TextEncoder().encode(written)).rows).toEqual([['Ana Ruiz', '+05:30', "'Ohana"]]);
  });
});
