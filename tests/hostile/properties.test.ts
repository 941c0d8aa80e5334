import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors';
import { ImportRejectedError, prepareImport, runImport } from '../../src/core/import';
import { readTable } from '../../src/core/import/read-table';
import { listMembers } from '../../src/core/participants/members';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import type { Store } from '../../src/core/db/store';
import { tempStore } from '../unit/temp';
import { inlineRow, sheetXml, xlsx } from './build';

/**
 * Random cells and random file structures through read → validate → commit: every file either commits
 * all of its valid rows (all rows, or the valid ones with "skip invalid") or writes nothing, and the only
 * errors are the coordinator's (UserError). Seeded and bounded: a few seconds.
 */

const REQUIRED = ['Full name', 'Email Address', 'I want to be a…'];
const OPTIONAL = ['Time zone', 'Max mentees', 'Years of experience', 'Languages', 'Interests', 'Availability', 'Goals', 'Notes', 'First name', ''];
const FRAGMENTS = [
  'Ana Ruiz', 'ana@example.org', 'BEN@example.org', 'Mentor', 'mentee', 'both', 'Europe/Berlin', 'UTC+5:30', 'IST', 'Mars/Base',
  '2', '-1', '51', '1.5', 'Mon 18:00-20:00', 'Tue, Thu 9-10', 'weekends 10am-12pm', 'Caturday 9-10', 'English; Spanish',
  '"', '""', ',', ';', '\t', '\n', '\r\n', '\r', ' ', '=HYPERLINK("x")', '\u0000', '\u202E', '\uFEFF', 'é', '😀', '&amp;', '<t>', ']]>', '_x000D_',
];

/** A hostile cell: the characters that break parsers, random code units, or a long run past a limit. */
const hostile = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', ' ', 'Mon ', '9', 'x@'), fc.integer({ min: 90, max: 2100 })).map(([s, n]) => s.repeat(n)) },
);

/** What a form would hold in each column. */
const PLAUSIBLE: Record<string, fc.Arbitrary<string>> = {
  'Full name': fc.constantFrom('Ana Ruiz', 'Ben Li', 'Zoë Ångström', '李 雷', 'Dan  Eze', 'O\'Brien, Pat'),
  'First name': fc.constantFrom('Ana', 'Ben', ''),
  'Email Address': fc.nat({ max: 40 }).map((n) => `person${n}@example.org`),
  'I want to be a…': fc.constantFrom('Mentor', 'Mentee', 'I want to be a mentor', 'mentee '),
  'Time zone': fc.constantFrom('Europe/Berlin', 'UTC+5:30', 'PST', '(GMT-05:00) Eastern Time (US & Canada)', ''),
  'Max mentees': fc.constantFrom('1', '2', '3 mentees', ''),
  'Years of experience': fc.constantFrom('5', '10+', '2.5', ''),
  Languages: fc.constantFrom('English', 'English; Spanish', 'French, German', ''),
  Interests: fc.constantFrom('design, data', 'leadership', ''),
  Availability: fc.constantFrom('Mon 18:00-20:00', 'Tue, Thu 9-10', 'weekends 10am-12pm; Fri 22:00-01:00', ''),
  Goals: fc.constantFrom('Grow as a lead,\nand speak up', 'Learn "Go"', ''),
};
const cellFor = (column: string) =>
  fc.oneof({ weight: 9, arbitrary: PLAUSIBLE[column] ?? fc.string({ maxLength: 10 }) }, { weight: 1, arbitrary: hostile });

const header = fc
  .tuple(fc.subarray(OPTIONAL), fc.nat({ max: 19 }))
  .map(([optional, twist]) => {
    const headers = [...REQUIRED, ...optional];
    // Now and then a required column is missing or a column is named twice.
    if (twist === 0) headers.splice(1, 1);
    if (twist === 1) headers.push('Email Address');
    return headers;
  });
const table = header.chain((headers) =>
  fc.record({
    headers: fc.constant(headers),
    rows: fc.array(
      fc.tuple(...headers.map(cellFor)).chain((cells) => fc.constantFrom(cells, cells.slice(0, -1), [...cells, 'extra'])),
      { maxLength: 12 },
    ),
  }),
);

function csvOf(t: { headers: string[]; rows: string[][] }, delimiter: string, newline: string, quoteAll: boolean): string {
  const quote = (text: string) => (quoteAll || /["\r\n,;\t|]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [t.headers, ...t.rows].map((row) => row.map(quote).join(delimiter)).join(newline) + newline;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);

function xlsxOf(t: { headers: string[]; rows: string[][] }, shared: boolean, gaps: number[]): Uint8Array {
  const strings: string[] = [];
  const letter = (i: number) => String.fromCharCode(65 + i);
  let r = 0;
  const rows = [t.headers, ...t.rows].map((cells, i) => {
    r += 1 + (gaps[i] ?? 0);
    const xmlCells = cells.map((text, c) => {
      if (!shared) return `<c r="${letter(c)}${r}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
      strings.push(text);
      return `<c r="${letter(c)}${r}" t="s"><v>${strings.length - 1}</v></c>`;
    });
    return `<row r="${r}">${xmlCells.join('')}</row>`;
  });
  const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`;
  return xlsx(sheetXml(rows.join('')), { sharedStrings: shared ? sst : undefined });
}

function count(store: Store, sql: string): number {
  return (store.sqlite.prepare(sql).get() as { n: number }).n;
}

let cohorts = 0;
/** How the runs ended, so that a test can check both ways were taken. */
const outcomes = { committed: 0, rowsCommitted: 0, refused: 0 };

/** The property: all valid rows or nothing, and only the coordinator's errors. */
async function importHolds(store: Store, fileName: string, bytes: Uint8Array, skipInvalid: boolean): Promise<void> {
  const cohort = ensureProgramAndCohort(store, 'Property', `Cohort ${++cohorts}`);
  const changesBefore = count(store, 'SELECT count(*) AS n FROM changes');
  // What the checks alone say (pure: reads and validates, writes nothing).
  const checked = await prepareImport({ fileName, bytes }).catch(() => null);
  try {
    const summary = await runImport(store, { cohortId: cohort.id, fileName, bytes, skipInvalid });
    const validRows = summary.added + summary.updated + summary.unchanged;
    expect(validRows).toBe(checked!.valid.length);
    expect(summary.skipped).toBe(checked!.invalidLines.length);
    outcomes.committed += 1;
    outcomes.rowsCommitted += validRows;
    // Every valid row is in the cohort (an email seen in an earlier cohort updates that person).
    expect(listMembers(store, cohort.id)).toHaveLength(validRows);
    if (!skipInvalid) expect(summary.skipped).toBe(0);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    outcomes.refused += 1;
    if (error instanceof ImportRejectedError) {
      expect(skipInvalid).toBe(false);
      expect(error.problems).toEqual(checked!.problems);
    }
    expect(count(store, 'SELECT count(*) AS n FROM changes')).toBe(changesBefore);
    expect(listMembers(store, cohort.id)).toEqual([]);
  }
}

describe('properties of the import', () => {
  it('random CSV (delimiters, quoting, line ends, BOM, UTF-16) commits all valid rows or nothing, and throws only UserErrors', async () => {
    const store = await tempStore();
    Object.assign(outcomes, { committed: 0, rowsCommitted: 0, refused: 0 });
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le-bom'),
        fc.boolean(),
        async (t, delimiter, newline, quoteAll, encoding, skipInvalid) => {
          const text = csvOf(t, delimiter, newline, quoteAll);
          const bytes =
            encoding === 'utf-16le-bom'
              ? new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
              : new TextEncoder().encode(encoding === 'utf-8-bom' ? `\uFEFF${text}` : text);
          await importHolds(store, 'form.csv', bytes, skipInvalid);
        },
      ),
      { seed: 20261130, numRuns: 150 },
    );
    expect(outcomes.committed).toBeGreaterThan(10);
    expect(outcomes.rowsCommitted).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(10);
  });

  it('a CSV cell reads back as written, whatever it holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { minLength: 1, maxLength: 5 }), async (cells) => {
        const clean = cells.map((c) => c.replace(/\uFEFF/g, ''));
        if (clean.every((c) => c === '')) return;
        const text = csvOf({ headers: ['A', 'B', 'C', 'D', 'E'].slice(0, clean.length), rows: [clean] }, ',', '\r\n', true);
        const read = await readTable('cells.csv', new TextEncoder().encode(text));
        expect(read.rows[0]).toEqual(clean);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('random XLSX (inline or shared strings, gaps between rows, any characters) commits all valid rows or nothing, and throws only UserErrors', async () => {
    const store = await tempStore();
    Object.assign(outcomes, { committed: 0, rowsCommitted: 0, refused: 0 });
    await fc.assert(
      fc.asyncProperty(table, fc.boolean(), fc.array(fc.nat({ max: 3 }), { maxLength: 14 }), fc.boolean(), async (t, shared, gaps, skipInvalid) => {
        await importHolds(store, 'form.xlsx', xlsxOf(t, shared, gaps), skipInvalid);
      }),
      { seed: 20261130, numRuns: 100 },
    );
    expect(outcomes.committed).toBeGreaterThan(10);
    expect(outcomes.rowsCommitted).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(10);
  });

  it('an XLSX cell reads back as written, whatever it holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { minLength: 1, maxLength: 5 }), fc.boolean(), async (cells, shared) => {
        // XML cannot hold these; writers escape them as _xHHHH_, which reads back as the character.
        const expected = cells.map((c) => c.replace(/\r\n?/g, '\n'));
        if (expected.every((c) => c === '')) return;
        const read = await readTable('cells.xlsx', xlsxOf({ headers: ['A', 'B', 'C', 'D', 'E'].slice(0, cells.length), rows: [cells] }, shared, []));
        const row = read.rows[0]!;
        expect(expected.map((_, i) => row[i] ?? '')).toEqual(expected);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('random bytes under any name are read or refused with a UserError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('x.csv', 'x.xlsx', 'x.tsv'), async (bytes, name) => {
        await readTable(name, bytes).catch((error: unknown) => {
          if (!(error instanceof UserError)) throw error;
        });
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('any cell type, style and value in a workbook reads as text or is refused with a UserError', async () => {
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="[Red]yyyy&quot;年&quot;m"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`;
    const shared = '<sst><si><t>zero</t></si><si><r><t>one</t></r></si></sst>';
    const value = fc.oneof(
      fc.double().map(String),
      fc.integer().map(String),
      fc.constantFrom('1e20', '-1e20', '1e400', 'NaN', 'Infinity', '', ' ', '0', '1', '2', '-0', 'true', '2026-13-45', '2026-03-04T10:00:00Z', '&amp;', '&#0;', '&#xD800;'),
      fc.string({ maxLength: 8 }),
    );
    const attr = (name: string, v: string | undefined) => (v === undefined ? '' : ` ${name}="${v}"`);
    const cellXml = fc
      .record({
        t: fc.constantFrom(undefined, 'n', 's', 'b', 'e', 'str', 'd', 'inlineStr', 'x'),
        s: fc.constantFrom(undefined, '0', '1', '2', '99', '-1', 'x'),
        v: value,
        r: fc.constantFrom(undefined, 'B2', 'C2', 'ZZZ2', 'A', '$B$2', '2B'),
      })
      .map(({ t, s, v, r }) => `<c${attr('r', r)}${attr('t', t)}${attr('s', s)}><v>${v.replace(/</g, '&lt;')}</v></c>`);
    await fc.assert(
      fc.asyncProperty(fc.array(cellXml, { minLength: 1, maxLength: 4 }), async (cells) => {
        const sheet = sheetXml(`${inlineRow(1, ['A', 'B', 'C'])}<row r="2">${cells.join('')}</row>`);
        await readTable('types.xlsx', xlsx(sheet, { styles, sharedStrings: shared })).then(
          (table) => expect(table.rows.flat().every((c) => typeof c === 'string')).toBe(true),
          (error: unknown) => {
            if (!(error instanceof UserError)) throw error;
          },
        );
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
