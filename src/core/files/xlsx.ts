/**
 * The one way Pairwise writes an Excel workbook for people to open. Cells are typed, never guessed: a
 * string is written as a text cell (shown as typed, `=HYPERLINK(…)` included: a text cell is never a
 * formula), a number as a number cell. Only plain strings and numbers are accepted, so no value can reach
 * exceljs as a formula, hyperlink or rich-text object. Characters XML cannot carry (control characters
 * other than tab and line breaks) become U+FFFD instead of making a file Excel refuses to open.
 */

export type XlsxCell = string | number | null | undefined;

export interface XlsxColumn {
  header: string;
  /** In characters; 20 by default. */
  width?: number;
}

export interface XlsxSheet {
  name: string;
  columns: readonly XlsxColumn[];
  rows: readonly (readonly XlsxCell[])[];
}

const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function cellValue(cell: XlsxCell): string | number | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  return String(cell).replace(NOT_XML, '\ufffd');
}

/** A workbook of one sheet per entry: a bold, frozen header row with a filter, then the rows. */
export async function toXlsx(sheets: readonly XlsxSheet[]): Promise<Uint8Array> {
  // exceljs is loaded on first use: it is slow to load and only exports need it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Pairwise';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({ width: c.width ?? 20 }));
    const header = sheet.getRow(1);
    spec.columns.forEach((c, k) => (header.getCell(k + 1).value = cellValue(c.header)));
    header.font = { bold: true };
    spec.rows.forEach((values, r) => {
      const row = sheet.getRow(r + 2);
      values.forEach((value, k) => (row.getCell(k + 1).value = cellValue(value)));
    });
    if (spec.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
