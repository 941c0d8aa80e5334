import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers, type Handlers } from '../../src/core/api/handlers';
import type { MethodInput, MethodName, MethodOutput } from '../../src/core/api/contract';
import type { ColumnMapping } from '../../src/core/import/fields';
import { previewImport } from '../../src/core/import';
import { createCohort, createProgram, getProgram } from '../../src/core/programs/programs';
import type { Store } from '../../src/core/db/store';
import { bytes, tempStore } from './temp';

const resourcesDir = join(__dirname, '../../resources');
const HEADER = 'Full name,Email Address,I want to be a…,Time zone,Max mentees,Languages';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

async function call<M extends MethodName>(handlers: Handlers, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await dispatch(handlers, method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as MethodOutput<M>;
}
const fields = (mapping: ColumnMapping) => mapping.map((m) => m.field);

async function setup(): Promise<{ store: Store; handlers: Handlers; programId: string; spring: string; autumn: string }> {
  const store = await tempStore();
  const handlers = createHandlers({ store, resourcesDir });
  const program = createProgram(store, { name: 'Mentoring' });
  const spring = createCohort(store, { programId: program.id, name: 'Spring' });
  const autumn = createCohort(store, { programId: program.id, name: 'Autumn' });
  return { store, handlers, programId: program.id, spring: spring.id, autumn: autumn.id };
}

const changeRows = (store: Store, table: string) =>
  (store.sqlite.prepare('SELECT count(*) AS n FROM changes WHERE tbl = ?').get(table) as { n: number }).n;

describe('the import preview counts what the import will do', () => {
  it('agrees with the result: added, then unchanged on the same file, then updated where a value or the cohort changes', async () => {
    const { handlers, spring, autumn } = await setup();
    const rows = Array.from({ length: 6 }, (_, i) => `Person ${i},p${i}@example.org,${i < 2 ? 'Mentor' : 'Mentee'},Europe/Berlin,${i < 2 ? 2 : ''},English`);
    const first = [HEADER, ...rows].join('\n');
    const agree = async (cohortId: string, csv: string) => {
      const preview = await call(handlers, 'import.preview', { cohortId, fileName: 'form.csv', dataBase64: b64(csv) });
      const result = await call(handlers, 'import.run', { cohortId, fileName: 'form.csv', dataBase64: b64(csv), mapping: preview.mapping, skipInvalid: true });
      expect(preview.outcome).toEqual({ added: result.added, updated: result.updated, unchanged: result.unchanged });
      return preview.outcome;
    };
    expect(await agree(spring, first)).toEqual({ added: 6, updated: 0, unchanged: 0 });
    // The coordinator's case: the same file again promised "6 update people already in the program", then did nothing.
    expect(await agree(spring, first)).toEqual({ added: 0, updated: 0, unchanged: 6 });
    const edited = [HEADER, ...rows.slice(0, 5), 'Person 5 Renamed,P5@EXAMPLE.ORG,Mentee,Europe/Berlin,,English', 'New Person,new@example.org,Mentee,,,'].join('\n');
    expect(await agree(spring, edited)).toEqual({ added: 1, updated: 1, unchanged: 5 });
    const capacity = [HEADER, rows[0]!.replace(',2,', ',3,')].join('\n');
    expect(await agree(spring, capacity)).toEqual({ added: 0, updated: 1, unchanged: 0 });
    // Known people joining another cohort of the program are updates.
    expect(await agree(autumn, first)).toEqual({ added: 0, updated: 6, unchanged: 0 });
  });

  it('agrees on a change to any one column the import writes', async () => {
    const { handlers, spring } = await setup();
    const header = 'Full name,Email,Role,Time zone,Max mentees,Years of experience,Department,Team,Manager email,Languages,Interests,Expertise,Goals,Bio,Availability';
    const row = ['Ana Ruiz', 'ana@example.org', 'Mentor', 'Europe/Berlin', '2', '12', 'Eng', 'Platform', 'boss@example.org', 'English', 'ux', 'go', 'lead', 'hi', 'Mon 9-10'];
    const changed = ['Ana R.', 'ana@example.org', 'Mentee', 'Asia/Tokyo', '3', '13', 'Ops', 'Infra', 'other@example.org', 'Spanish', 'ml', 'rust', 'grow', 'hello', 'Tue 9-10'];
    const csv = (cells: string[]) => `${header}\n${cells.join(',')}\n`;
    await call(handlers, 'import.run', { cohortId: spring, fileName: 'f.csv', dataBase64: b64(csv(row)), skipInvalid: false });
    for (let column = 0; column < row.length; column++) {
      if (column === 1) continue; // the email is who they are
      const cells = [...row];
      cells[column] = changed[column]!;
      const preview = await call(handlers, 'import.preview', { cohortId: spring, fileName: 'f.csv', dataBase64: b64(csv(cells)) });
      expect(preview.outcome, header.split(',')[column]).toEqual({ added: 0, updated: 1, unchanged: 0 });
      // Back as it was: the preview of the original file says unchanged once the import has run.
      const result = await call(handlers, 'import.run', { cohortId: spring, fileName: 'f.csv', dataBase64: b64(csv(cells)), skipInvalid: false });
      expect(result.updated).toBe(1);
      await call(handlers, 'import.run', { cohortId: spring, fileName: 'f.csv', dataBase64: b64(csv(row)), skipInvalid: false });
      const again = await call(handlers, 'import.preview', { cohortId: spring, fileName: 'f.csv', dataBase64: b64(csv(row)) });
      expect(again.outcome).toEqual({ added: 0, updated: 0, unchanged: 1 });
    }
  });

  it('counts two spellings of one folded email as one person added, then updated, like the import', async () => {
    const { handlers, spring } = await setup();
    const csv = [HEADER, 'Hans Gross,hans.straße@example.org,Mentee,,,', 'Hans Gross,hans.strasse@example.org,Mentee,,,'].join('\n');
    const preview = await call(handlers, 'import.preview', { cohortId: spring, fileName: 'f.csv', dataBase64: b64(csv) });
    const result = await call(handlers, 'import.run', { cohortId: spring, fileName: 'f.csv', dataBase64: b64(csv), skipInvalid: false });
    expect(preview.outcome).toEqual({ added: result.added, updated: result.updated, unchanged: result.unchanged });
  });

  it('for a cohort named but not created yet (the CLI), known people count as joining it', async () => {
    const { handlers, spring } = await setup();
    const csv = [HEADER, 'Ana Ruiz,ana@example.org,Mentor,,1,'].join('\n');
    await call(handlers, 'import.run', { cohortId: spring, fileName: 'f.csv', dataBase64: b64(csv), skipInvalid: false });
    const preview = await call(handlers, 'import.preview', { program: 'Mentoring', cohort: 'Winter', fileName: 'f.csv', dataBase64: b64(csv + '\nBen Li,ben@example.org,Mentee,,,') });
    expect(preview.outcome).toEqual({ added: 1, updated: 1, unchanged: 0 });
    expect(preview).not.toHaveProperty('outcomeByCohort');
  });

  it('previewImport told the cohort counts for it alone', async () => {
    const { store, handlers, programId, spring } = await setup();
    const csv = [HEADER, 'Ana Ruiz,ana@example.org,Mentor,,1,'].join('\n');
    await call(handlers, 'import.run', { cohortId: spring, fileName: 'f.csv', dataBase64: b64(csv), skipInvalid: false });
    const preview = await previewImport(store, { programId, cohortId: spring, fileName: 'f.csv', bytes: bytes(csv) });
    expect(preview.outcome).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(preview.outcomeByCohort).toBeUndefined();
  });
});

describe('a program remembers the confirmed mapping', () => {
  const FORM = 'Q1,Q2,Q3,Q7,Notes\nAna Ruiz,ana@example.org,Mentor,Europe/Berlin,hello\n';

  it('writes it through the change log when a checked preview confirms it, and uses it first next time', async () => {
    const { store, handlers, programId, spring, autumn } = await setup();
    const first = await call(handlers, 'import.preview', { cohortId: spring, fileName: 'form.csv', dataBase64: b64(FORM) });
    expect(fields(first.mapping)).toEqual([null, null, null, null, null]);
    expect(first.rememberedColumns).toBe(0);

    const mapping: ColumnMapping = [
      { column: 'Q1', field: 'fullName' }, { column: 'Q2', field: 'email' }, { column: 'Q3', field: 'role' },
      { column: 'Q7', field: 'timezone' }, { column: 'Notes', field: null },
    ];
    const before = changeRows(store, 'programs');
    const checked = await call(handlers, 'import.preview', { cohortId: spring, fileName: 'form.csv', dataBase64: b64(FORM), mapping });
    expect(checked.missingFields).toEqual([]);
    expect(changeRows(store, 'programs')).toBe(before + 2); // settings, updated_at
    expect(getProgram(store, programId).settings.importColumns).toEqual({ q1: 'fullName', q2: 'email', q3: 'role', q7: 'timezone', notes: null });

    // Next import, another cohort of the program, the same form: mapped as confirmed.
    const next = await call(handlers, 'import.preview', { cohortId: autumn, fileName: 'form-2.csv', dataBase64: b64(FORM.replace('Ana Ruiz', 'Ana R.')) });
    expect(next.mapping).toEqual(mapping);
    expect(next.rememberedColumns).toBe(5);

    // Confirming the same mapping again writes nothing.
    await call(handlers, 'import.preview', { cohortId: autumn, fileName: 'form.csv', dataBase64: b64(FORM), mapping });
    expect(changeRows(store, 'programs')).toBe(before + 2);

    // Another program has its own memory.
    const other = createProgram(store, { name: 'Other' });
    const otherCohort = createCohort(store, { programId: other.id, name: 'One' });
    const elsewhere = await call(handlers, 'import.preview', { cohortId: otherCohort.id, fileName: 'form.csv', dataBase64: b64(FORM) });
    expect(elsewhere.rememberedColumns).toBe(0);
  });

  it('a mapping without the required fields is not remembered; an import with one is', async () => {
    const { store, handlers, programId, spring } = await setup();
    await call(handlers, 'import.preview', { cohortId: spring, fileName: 'form.csv', dataBase64: b64(FORM), mapping: [
      { column: 'Q1', field: 'fullName' }, { column: 'Q2', field: null }, { column: 'Q3', field: null }, { column: 'Q7', field: null }, { column: 'Notes', field: null },
    ] });
    expect(getProgram(store, programId).settings.importColumns).toEqual({});
    const mapping: ColumnMapping = [
      { column: 'Q1', field: 'fullName' }, { column: 'Q2', field: 'email' }, { column: 'Q3', field: 'role' }, { column: 'Q7', field: 'availability' }, { column: 'Notes', field: null },
    ];
    const started = await call(handlers, 'import.start', { cohortId: spring, fileName: 'form.csv', dataBase64: b64(FORM.replace('Europe/Berlin', 'Mon 9-10')), mapping, skipInvalid: false });
    expect((await call(handlers, 'import.wait', { importId: started.id })).state).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(getProgram(store, programId).settings.importColumns).toMatchObject({ q7: 'availability' });
  });
});

describe('rows to fix', () => {
  it('writes the skipped rows as they were, plus a Problem column, formula-safe, ready to import again', async () => {
    const { handlers, spring } = await setup();
    const csv = [
      'Full name,Email Address,I want to be a…,Time zone,Department',
      'Ana Ruiz,ana@example.org,Mentor,Europe/Berlin,Eng',
      'Ben Li,ben@example,Mentee,Europe/Berlin,"=HYPERLINK(""http://evil.example"")"',
      'Cara Diaz,cara@example.org,Coach,IST,"Sales, EMEA"',
    ].join('\n');
    const preview = await call(handlers, 'import.preview', { cohortId: spring, fileName: 'Spring form.csv', dataBase64: b64(csv) });
    expect(preview.invalidRows.map((r) => r.line)).toEqual([3, 4]);
    const result = await call(handlers, 'import.run', { cohortId: spring, fileName: 'Spring form.csv', dataBase64: b64(csv), mapping: preview.mapping, skipInvalid: true });
    const file = await call(handlers, 'import.rowsToFix', { fileName: 'Spring form.csv', headers: preview.headers, rows: preview.invalidRows, problems: result.problems });
    expect(file).toMatchObject({ fileName: 'spring-form-rows-to-fix.csv', mimeType: 'text/csv' });
    const text = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1).trimEnd()).data;
    expect(parsed).toEqual([
      ['Full name', 'Email Address', 'I want to be a…', 'Time zone', 'Department', 'Problem'],
      ['Ben Li', 'ben@example', 'Mentee', 'Europe/Berlin', `'=HYPERLINK("http://evil.example")`, 'line 3: Email Address: not a valid email address'],
      ['Cara Diaz', 'cara@example.org', 'Coach', 'IST', 'Sales, EMEA', expect.stringMatching(/^line 4: I want to be a…: expected "mentor" or "mentee"; Time zone: "IST" is ambiguous/)],
    ]);

    // Fixed and loaded again: the same columns map as before and the Problem column is ignored.
    const fixed = text.replace('ben@example,', 'ben@example.org,').replace('Coach', 'Mentee').replace('IST', 'Asia/Kolkata');
    const again = await call(handlers, 'import.preview', { cohortId: spring, fileName: 'spring-form-rows-to-fix.csv', dataBase64: b64(fixed) });
    expect(fields(again.mapping)).toEqual(['fullName', 'email', 'role', 'timezone', 'department', null]);
    expect(again.invalidLines).toEqual([]);
    expect(again.outcome).toEqual({ added: 2, updated: 0, unchanged: 0 });

    // A file that already has a Problem column keeps one.
    const twice = await call(handlers, 'import.rowsToFix', { fileName: 'x.csv', headers: ['Email', 'Problem'], rows: [{ line: 2, cells: ['x', 'old'] }], problems: [{ line: 2, column: 'Email', value: 'x', message: 'not a valid email address' }] });
    expect(Buffer.from(twice.dataBase64, 'base64').toString('utf8')).toBe('\uFEFFEmail,Problem\r\nx,line 2: Email: not a valid email address\r\n');
  });
});

describe('the preview reads the file’s answers and shape', () => {
  it('leaves a keyword guess unmapped when its answers do not fit, and says why', async () => {
    const { handlers, spring } = await setup();
    const csv = 'Name,Email,Mentor or mentee?,Are you available for six months?,When are you usually free?,Who is your manager?\nAna,ana@example.org,Mentor,Yes,Mon 9-10,Jane Smith\n';
    const preview = await call(handlers, 'import.preview', { cohortId: spring, fileName: 'f.csv', dataBase64: b64(csv) });
    expect(fields(preview.mapping)).toEqual(['fullName', 'email', 'role', null, 'availability', null]);
    expect(preview.notes).toEqual([
      'Column "Are you available for six months?" reads like Weekly availability, but its answers ("Yes") are not: left unmapped.',
      'Column "Who is your manager?" reads like Manager email, but its answers ("Jane Smith") are not: left unmapped.',
    ]);
  });

  it('recognises a Qualtrics export’s columns by the question text of line 2, and says what lines 2 and 3 are', async () => {
    const { handlers, spring } = await setup();
    const csv = [
      'StartDate,RecipientEmail,Q1,Q2,Q3,Q4',
      'Start Date,Recipient Email,What is your name?,What is your email address?,Are you joining as a mentor or a mentee?,Which time zone are you in?',
      '{"ImportId":"startDate"},{"ImportId":"recipientEmail"},{"ImportId":"QID1_TEXT"},{"ImportId":"QID2_TEXT"},{"ImportId":"QID3"},{"ImportId":"QID4"}',
      '2026-01-05,,Ana Ruiz,ana@example.org,Mentor,Europe/Berlin',
      '2026-01-06,,Ben Li,ben@example.org,Mentee,America/Chicago',
    ].join('\n');
    const preview = await call(handlers, 'import.preview', { cohortId: spring, fileName: 'qualtrics.csv', dataBase64: b64(csv) });
    expect(fields(preview.mapping)).toEqual([null, null, 'fullName', 'email', 'role', 'timezone']);
    expect(preview.notes[0]).toMatch(/^This is a Qualtrics export: lines 2 and 3/);
    expect(preview.invalidLines).toEqual([2, 3]);
    expect(preview.validRows).toBe(2);
  });
});
