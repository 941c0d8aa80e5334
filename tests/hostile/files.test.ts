import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readTable } from '../../src/core/import/read-table';
import { cliImport, fingerprint, stillWorks, workspace } from './build';

/** A refused import through the CLI: exit code 1 and the message, nothing written, the process still working. */
async function refused(name: string, bytes: Uint8Array | string, message: string) {
  const { dir, db } = await workspace();
  const before = fingerprint(db);
  const result = await cliImport(dir, db, name, bytes);
  expect(result).toEqual({ code: 1, stdout: '', stderr: message });
  expect(fingerprint(db)).toBe(before);
  await stillWorks(dir, db);
}

const CSV = 'Full name,Email,Role\nAna Ruiz,ana@example.org,Mentor\nBen Li,ben@example.org,Mentee\n';
const ROWS = [['Ana Ruiz', 'ana@example.org', 'Mentor'], ['Ben Li', 'ben@example.org', 'Mentee']];

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const bytes = order === 'le' ? le : Buffer.from(le).swap16();
  return new Uint8Array(Buffer.concat([bom ? Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0), bytes]));
}

describe('files that are not what they seem', () => {
  it('a PNG or a PDF renamed .csv is named as such, not reported as unmapped columns', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
    await refused('photo.csv', png, '“photo.csv” is not a text file: it is a PNG image. Export the registration form as CSV or .xlsx and choose that file.');
    await refused('scan.csv', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n', '“scan.csv” is not a text file: it is a PDF document. Export the registration form as CSV or .xlsx and choose that file.');
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 32);
    await refused('noise.csv', noise, '“noise.csv” is not a text file: it is a binary file, not text. Export the registration form as CSV or .xlsx and choose that file.');
  });

  it('a workbook saved under a .csv name is read as the workbook it is', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Responses');
    sheet.addRow(['Full name', 'Email', 'Role']);
    for (const row of ROWS) sheet.addRow(row);
    const table = await readTable('export.csv', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(table).toEqual({ headers: ['Full name', 'Email', 'Role'], rows: ROWS });
  });

  it('UTF-16 files (Excel’s "Unicode Text"), LE or BE with a BOM and LE without, read like UTF-8', async () => {
    const text = 'Full name\tEmail\tRole\nZoë Ångström\tzoe@example.org\tMentor\n李 雷\tli@example.org\tMentee\n';
    const expected = { headers: ['Full name', 'Email', 'Role'], rows: [['Zoë Ångström', 'zoe@example.org', 'Mentor'], ['李 雷', 'li@example.org', 'Mentee']] };
    expect(await readTable('unicode.txt', utf16(text, 'le', true))).toEqual(expected);
    expect(await readTable('unicode.txt', utf16(text, 'be', true))).toEqual(expected);
    expect(await readTable('unicode.txt', utf16(text, 'le', false))).toEqual(expected);
    const { dir, db } = await workspace();
    const imported = await cliImport(dir, db, 'unicode.csv', utf16(CSV, 'le', true));
    expect(imported).toMatchObject({ code: 0, stdout: 'Imported into Hostile / Spring: 2 added, 0 updated, 0 unchanged, 0 skipped.' });
    await refused('wide.csv', new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), '“wide.csv” is saved as UTF-32, which Pairwise does not read: save it as CSV UTF-8.');
  });
});

describe('files with no rows or ambiguous columns', () => {
  it('a header-only file is an error, and no cohort is created', async () => {
    for (const [name, bytes] of [
      ['header.csv', 'Full name,Email,Role\n'],
      ['blank-lines.csv', 'Full name,Email,Role\n\n , , \n\n'],
    ] as const) {
      await refused(name, bytes, `“${name}” has a header row but the file has no rows: nothing to import`);
    }
  });

  it('two columns with one name are an error naming both, by position and name', async () => {
    await refused(
      'twice.csv',
      'Full name,Email,Role,email \nAna,ana@example.org,Mentor,ana@other.org\n',
      '“twice.csv” has two columns named alike: column 2 “Email” and column 4 “email”. Rename one of them so that every column has its own name.',
    );
  });

  it('CSV past the row and column limits is refused naming the limit and the line', async () => {
    const wide = `${Array.from({ length: 501 }, (_, i) => `Column ${i + 1}`).join(',')}\n`;
    await refused(
      'wide.csv',
      wide,
      '“wide.csv” has more than 500 columns (line 1 has 501), the limit for one file. Delete the columns after your data, or export only the form\'s answers.',
    );
    // Trailing empty cells past the limit (a sheet's formatted but empty columns) are not data.
    expect((await readTable('padded.csv', new TextEncoder().encode(`Full name,Email,Role${','.repeat(2000)}\nAna,ana@example.org,Mentor\n`))).headers).toHaveLength(500);

    const long = `Full name,Email,Role\n${'Ana,ana@example.org,Mentor\n'.repeat(50_001)}`;
    await refused(
      'long.csv',
      long,
      '“long.csv” has more than 50,000 rows (line 50,002 has data), the limit for one file: Pairwise reads at most 50,000 rows after the header. Split it into smaller files, or delete what lies below your data.',
    );
    // Blank lines at the end cost nothing and are not rows; a million of them in a 2 MB file read in a moment.
    const started = performance.now();
    const table = await readTable('trailing.csv', new TextEncoder().encode(`${CSV}${',,\n'.repeat(1_000_000)}`));
    expect(table.rows).toEqual(ROWS);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
