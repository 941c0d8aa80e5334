import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import ExcelJS from 'exceljs';
import { cellFail, cellOk, defineFormFields, detectFormMapping, readForm, textCell, withRowProblems, zodCell } from '../../src/core/forms';
import { formatProblem } from '../../src/core/import';
import { IMPORT_LIMITS } from '../../src/core/import/limits';
import { bytes } from './temp';

// A form unrelated to check-ins: the reader knows nothing of what the answers mean.
const fields = defineFormFields({
  email: {
    key: 'email', label: 'Email', keywords: ['email address', 'email'], unless: ['manager'], required: true, maxLength: 320,
    parse: (cell) => (/^\S+@\S+\.\S+$/.test(cell.trim()) ? cellOk(cell.trim().toLowerCase()) : cellFail('not a valid email address')),
  },
  score: {
    key: 'score', label: 'Score', keywords: ['how would you rate', 'score', 'rating'], required: true, maxLength: 20,
    parse: zodCell(z.coerce.number({ message: 'not a number' }).int('must be a whole number').min(1, 'must be at least 1').max(5, 'must be at most 5')),
  },
  comment: { key: 'comment', label: 'Comment', keywords: ['comments', 'anything else'], required: false, maxLength: 50, parse: textCell },
});

describe('forms: an answers file read against field specs', () => {
  it('maps question headers by keywords, a more specific keyword first, and leaves the rest unmapped', () => {
    const mapping = detectFormMapping(['Timestamp', "Your manager's email", 'Email Address', 'How would you rate the program? (1-5)', 'Anything else to tell us?'], fields);
    expect(mapping.map((m) => m.field)).toEqual([null, null, 'email', 'score', 'comment']);
  });

  it('gives typed rows with their file lines, and problems in the cohort import words', async () => {
    const csv = ['Email,Score,Comments', 'ana@x.org,5,great', '', 'bo@x.org,7,', 'not-an-email,,', 'cy@x.org,3,'].join('\n');
    const read = await readForm({ fileName: 'answers.csv', bytes: bytes(csv) }, fields);
    expect(read.rows).toEqual([
      { line: 2, values: { email: 'ana@x.org', score: 5, comment: 'great' } },
      { line: 6, values: { email: 'cy@x.org', score: 3, comment: null } },
    ]);
    expect(read.totalRows).toBe(4);
    expect(read.invalidLines).toEqual([4, 5]);
    expect(read.problems.map(formatProblem)).toEqual([
      'line 4, column "Score", value "7": must be at most 5',
      'line 5, column "Email", value "not-an-email": not a valid email address',
      'line 5, column "Score", value "": Score is required',
    ]);
  });

  it('applies "Header=field" overrides by key or label, "ignore", and names what is wrong', async () => {
    const csv = 'Mail,Points,Note\nana@x.org,4,hi\n';
    const first = await readForm({ fileName: 'a.csv', bytes: bytes(csv) }, fields);
    expect(first.missingFields).toEqual(['Email', 'Score']);
    expect(first.rows).toEqual([]);
    const read = await readForm({ fileName: 'a.csv', bytes: bytes(csv), mappingOverrides: 'Mail=email, points=Score, Note=ignore' }, fields);
    expect(read.mapping).toEqual([{ column: 'Mail', field: 'email' }, { column: 'Points', field: 'score' }, { column: 'Note', field: null }]);
    expect(read.rows).toEqual([{ line: 2, values: { email: 'ana@x.org', score: 4, comment: null } }]);
    await expect(readForm({ fileName: 'a.csv', bytes: bytes(csv), mappingOverrides: 'Mail=mailbox' }, fields)).rejects.toThrow('unknown field "mailbox"');
    await expect(readForm({ fileName: 'a.csv', bytes: bytes(csv), mappingOverrides: 'Nope=email' }, fields)).rejects.toThrow('the file has no column "Nope"');
    await expect(
      readForm({ fileName: 'a.csv', bytes: bytes(csv), mapping: [{ column: 'Mail', field: 'email' }, { column: 'Points', field: 'email' }, { column: 'Note', field: null }] }, fields),
    ).rejects.toThrow('Two columns are mapped to Email');
  });

  it('refuses a cell longer than its field takes without parsing it, and quotes it shortened', async () => {
    const long = 'x'.repeat(5000);
    const read = await readForm({ fileName: 'a.csv', bytes: bytes(`Email,Score,Comments\nana@x.org,2,${long}\n`) }, fields);
    expect(read.rows).toEqual([]);
    expect(read.problems).toEqual([{ line: 2, column: 'Comments', value: `${'x'.repeat(80)}…`, message: 'longer than the limit of 50 characters (it has 5,000)' }]);
  });

  it('keeps the cohort import limits and hostile-file refusals', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]);
    await expect(readForm({ fileName: 'answers.csv', bytes: png }, fields)).rejects.toThrow('it is a PNG image');
    const rows = Array.from({ length: 12 }, (_, i) => `p${i}@x.org,3,`).join('\n');
    await expect(readForm({ fileName: 'a.csv', bytes: bytes(`Email,Score,Comments\n${rows}`) }, fields, { ...IMPORT_LIMITS, rows: 10 } as unknown as typeof IMPORT_LIMITS)).rejects.toThrow('more than 10 rows');
  });

  it('reads an .xlsx export with the same lines', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Form responses 1');
    sheet.addRow(['Email address', 'Score']);
    sheet.addRow(['ana@x.org', 4]);
    sheet.addRow(['bo@x.org', 'four']);
    const read = await readForm({ fileName: 'answers.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) }, fields);
    expect(read.rows).toEqual([{ line: 2, values: { email: 'ana@x.org', score: 4, comment: null } }]);
    expect(read.problems.map(formatProblem)).toEqual(['line 3, column "Score", value "four": not a number']);
  });

  it('takes the caller’s own row problems: those lines leave the valid rows', async () => {
    const read = await readForm({ fileName: 'a.csv', bytes: bytes('Email,Score\nana@x.org,4\nbo@x.org,5\n') }, fields);
    const more = withRowProblems(read, [{ line: 2, column: 'Email', value: 'ana@x.org', message: 'not in this cohort' }]);
    expect(more.rows.map((r) => r.line)).toEqual([3]);
    expect(more.invalidLines).toEqual([2]);
    expect(more.problems.map(formatProblem)).toEqual(['line 2, column "Email", value "ana@x.org": not in this cohort']);
  });
});
