/**
 * The one way Pairwise writes CSV. Every CSV the app writes for people to open goes through `toCsv`, so
 * every such file is safe to open in Excel, LibreOffice or Google Sheets.
 *
 * Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with `=`, `+`, `-` or
 * `@` as a formula (`=HYPERLINK("http://evil.example/")`), and a leading tab or carriage return can
 * hide such a start. A **text** cell that starts with one of these, after any leading spaces, is written
 * with a `'` in front: spreadsheets show it as text, and the apostrophe tells a reader it was escaped.
 * **Number** cells are data and are written as numbers, never escaped: a score of -0.5 stays `-0.5`.
 * So give numbers as numbers (not pre-formatted strings) and text as strings.
 */

/** A cell: text, a number (written as is; NaN and ±Infinity as empty), or empty. */
export type CsvCell = string | number | null | undefined;

/** Text a spreadsheet would read as a formula: starts with = + - @, possibly after spaces, or with a tab or CR. */
const FORMULA_START = /^(?:[\t\r]| *[=+\-@])/;

/** A text cell as a spreadsheet can open it safely: `'` in front of anything that would start a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return neutraliseFormula(cell);
}

/** RFC 4180 quoting: quotes around a cell with a comma, quote, line break or outer spaces; quotes doubled. */
function quote(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, so Excel reads accented names (Chloé, Müller) right. Default true. */
  bom?: boolean;
}

/**
 * The text of a CSV file: comma-separated, CRLF line ends (and after the last row), formula starts
 * neutralised in text cells. Put the header row first.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const body = rows.map((row) => row.map((cell) => quote(cellText(cell))).join(',')).join('\r\n');
  return `${options.bom === false ? '' : '\uFEFF'}${body}${rows.length > 0 ? '\r\n' : ''}`;
}

/** `toCsv` as UTF-8 bytes, ready to save. */
export function toCsvBytes(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): Uint8Array {
  return new TextEncoder().encode(toCsv(rows, options));
}
