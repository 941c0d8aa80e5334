import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/core/import/read-table';
import { workerImportRunner } from '../../src/core/import/runner';
import { cliImport, fingerprint, hugeSheet, inlineRow, sheetXml, stillWorks, workspace, xlsx, zip } from './build';

const HEADER = ['Full name', 'Email', 'Role'];
const ANA = ['Ana Ruiz', 'ana@example.org', 'Mentor'];

/** Runs a refused import through the CLI: exit code 1, the message, the workspace byte for byte as before, and the process still working. */
async function refused(name: string, bytes: Uint8Array, message: string) {
  const { dir, db } = await workspace();
  const before = fingerprint(db);
  const result = await cliImport(dir, db, name, bytes);
  expect(result).toEqual({ code: 1, stdout: '', stderr: message });
  expect(fingerprint(db)).toBe(before);
  await stillWorks(dir, db);
}

describe('hostile .xlsx files', () => {
  it('a 1.6 KB workbook with a header and one cell at XFD1048576 is refused by its column, at once, without filling the rows', async () => {
    const bytes = xlsx(sheetXml(`${inlineRow(1, HEADER)}<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>`));
    expect(bytes.length).toBeLessThan(2000);
    const started = performance.now();
    await refused(
      'tiny.xlsx',
      bytes,
      '“tiny.xlsx” has more than 500 columns (cell XFD1048576 is in column 16,384), the limit for one file. Delete the columns after your data, or export only the form\'s answers.',
    );
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a value far below the data is refused by the row limit, naming the cell', async () => {
    const bytes = xlsx(sheetXml(`${inlineRow(1, HEADER)}${inlineRow(2, ANA)}<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>`));
    await refused(
      'far.xlsx',
      bytes,
      '“far.xlsx” has more than 50,000 rows (cell A1048576 is on row 1,048,576), the limit for one file: Pairwise reads at most 50,000 rows after the header. Split it into smaller files, or delete what lies below your data.',
    );
  });

  it('cells with no value (formatting only) are not read, however far out they are', async () => {
    const bytes = xlsx(sheetXml(`${inlineRow(1, HEADER)}${inlineRow(2, ANA)}<row r="1048576"><c r="XFD1048576" s="0"/></row>`));
    const table = await readTable('styled.xlsx', bytes);
    expect(table).toEqual({ headers: HEADER, rows: [ANA] });
  });

  it('a workbook that unpacks to 400 MB is refused without being read into memory: stated size at once, a lying size while unpacking', async () => {
    const size = 400_000_000;
    const sheet = await hugeSheet(size, HEADER);
    const message =
      '“big.xlsx” unpacks to more than 200 MB, the limit for one workbook; a registration export is far smaller. Save the sheet as CSV, or split it into smaller files.';
    const honest = xlsx(sheet);
    expect(honest.length).toBeLessThan(1_000_000);
    let started = performance.now();
    await expect(readTable('big.xlsx', honest)).rejects.toThrow(message);
    expect(performance.now() - started).toBeLessThan(200);

    // The archive says the sheet is 2 KB: the running count of unpacked bytes stops it at 200 MB.
    const lying = xlsx(sheet, { statedSheetSize: 2048 });
    started = performance.now();
    await refused('big.xlsx', lying, message);
    expect(performance.now() - started).toBeLessThan(15_000);

    // In the import worker with a 64 MB heap, the limit (not the heap) stops it: the sheet is never held whole.
    const { db } = await workspace();
    const runner = workerImportRunner({ workerFile: join(__dirname, '../../src/core/import/worker.ts'), dbPath: db, execArgv: ['--import', 'tsx'], maxMemoryMb: 64 });
    const run = runner.run({ program: 'P', cohort: 'C', fileName: 'big.xlsx', dataBase64: Buffer.from(lying).toString('base64'), skipInvalid: false }, () => {});
    await expect(run).rejects.toThrow(message);
  }, 60_000);

  it('a cell of more text than any spreadsheet app writes in one is refused while it unpacks', async () => {
    const bytes = xlsx(sheetXml(`${inlineRow(1, HEADER)}${inlineRow(2, ['x'.repeat(150_000), 'ana@example.org', 'Mentor'])}`));
    await refused(
      'long.xlsx',
      bytes,
      '“long.xlsx” is not a readable .xlsx workbook: a cell holds more than 100,000 characters, more than a spreadsheet app writes in one cell. Export it again from the form, or save it as CSV.',
    );
  });

  it('broken workbooks get a clear error that names the file and what is wrong, never the zip library’s', async () => {
    const good = xlsx(sheetXml(`${inlineRow(1, HEADER)}${inlineRow(2, ANA)}`));
    const cases: [string, Uint8Array, string][] = [
      ['text.xlsx', new TextEncoder().encode('Full name,Email\nAna,ana@example.org\n'), 'it is not a zip archive (a text file? name it .csv)'],
      ['scan.xlsx', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'it is a PDF document'],
      ['cut.xlsx', good.subarray(0, Math.floor(good.length / 2)), 'it is cut short or damaged (the end of the archive is missing)'],
      ['other.xlsx', zip([{ name: 'notes.txt', data: 'hello' }]), 'it is a zip archive, but holds no workbook'],
      ['doc.xlsx', zip([{ name: 'word/document.xml', data: '<w:document/>' }]), 'it is a Word document, not a workbook'],
    ];
    // One flipped byte inside the sheet's compressed data: its checksum (or its deflate stream) fails.
    const flipped = new Uint8Array(good);
    const at = Buffer.from(good).lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46;
    const offset = new DataView(flipped.buffer).getUint32(at + 42, true) + 30 + 'xl/worksheets/sheet1.xml'.length + 10;
    flipped[offset]! ^= 0xff;
    for (const [name, bytes, reason] of cases) {
      await refused(name, bytes, `“${name}” is not a readable .xlsx workbook: ${reason}. Export it again from the form, or save it as CSV.`);
    }
    const damaged = await readTable('flipped.xlsx', flipped).catch((error: Error) => error.message);
    expect(damaged).toMatch(/^“flipped\.xlsx” is not a readable \.xlsx workbook: it is damaged \(part xl\/worksheets\/sheet1\.xml (fails its checksum|does not unpack: .*)\)\. Export it again/);
    expect(damaged).not.toMatch(/https?:/);
    await refused('old.xlsx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), '“old.xlsx” is an old .xls workbook, or a password-protected one: save it as .xlsx (without a password) or as CSV.');
  });

  it('reads what real writers put in a sheet: shared strings with runs and phonetics, entities, CR LF, namespace prefixes, gaps', async () => {
    const shared = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>Full name</t></si><si><r><rPr><b/></rPr><t>Ana </t></r><r><t xml:space="preserve">Ruiz</t></r><rPh sb="0" eb="1"><t>アナ</t></rPh></si><si><t>line&#13;&#10;two_x000D_</t></si></sst>`;
    const sheet = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Email</x:t></x:is></x:c><x:c r="D1" t="str"><x:v>Notes</x:v></x:c></x:row><x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" t="inlineStr"><x:is><x:t>ana&amp;co@example.org</x:t></x:is></x:c><x:c r="D3" t="s"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const table = await readTable('real.xlsx', xlsx(sheet, { sharedStrings: shared }));
    expect(table).toEqual({ headers: ['Full name', 'Email', 'Column 3', 'Notes'], rows: [[], ['Ana Ruiz', 'ana&co@example.org', '', 'line\r\ntwo\r']] });
  });

  it('date-formatted cells read as dates, and a number no date can hold reads as the number instead of failing', async () => {
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`;
    const sheet = sheetXml(`${inlineRow(1, ['Full name', 'Start', 'Other'])}<row r="2"><c r="A2" t="inlineStr"><is><t>Ana</t></is></c><c r="B2" s="1"><v>46000</v></c><c r="C2" s="2"><v>1e20</v></c></row>`);
    expect(await readTable('dates.xlsx', xlsx(sheet, { styles }))).toEqual({ headers: ['Full name', 'Start', 'Other'], rows: [['Ana', '2025-12-09', '100000000000000000000']] });
  });
});
