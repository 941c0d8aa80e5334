import Papa from 'papaparse';
import { UserError } from '../errors';
import { formatCount, IMPORT_LIMITS } from './limits';
import { csvText, describeBinary } from './sniff';
import { cellRef, readXlsxGrid, XlsxError } from './xlsx';
import { ZipBudgetError } from './zip';

/** A file as rows of cells. `rows[0]` is the first data row, which is line 2 of the file. */
export interface Table {
  headers: string[];
  rows: string[][];
}

export type ImportLimits = typeof IMPORT_LIMITS;

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter is read off the header row: answers like "English; Spanish" in a comma file fool a
 * guess over the data rows of a small file, while form headers almost never contain a delimiter.
 */
export function headerDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: string = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

const quoted = (fileName: string) => `“${fileName}”`;

function tooManyRows(fileName: string, limits: ImportLimits, where: string): UserError {
  return new UserError(
    `${quoted(fileName)} has more than ${formatCount(limits.rows)} rows (${where}), the limit for one file: Pairwise reads at most ${formatCount(limits.rows)} rows after the header. Split it into smaller files, or delete what lies below your data.`,
  );
}

function tooManyColumns(fileName: string, limits: ImportLimits, where: string): UserError {
  return new UserError(
    `${quoted(fileName)} has more than ${formatCount(limits.columns)} columns (${where}), the limit for one file. Delete the columns after your data, or export only the form's answers.`,
  );
}

/** Upper bound on a text's cells, counted without regard to quotes: delimiters plus line breaks. */
function cellsAtMost(text: string, delimiter: string): number {
  // A text has no more cells than characters: a small file needs no count.
  if (text.length <= WHOLE_PARSE_CELLS) return text.length + 1;
  let count = 1;
  for (const char of [delimiter, '\n']) for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/** Whole-text parsing is fastest; past this many cells (an upper bound) rows are taken one at a time and checked as they come. */
const WHOLE_PARSE_CELLS = 4_000_000;

/**
 * Pairwise's own CSV files (rows to fix, exports) put a ' before a cell that would start a formula
 * (src/core/files/csv.ts); reading one back takes it off again, so such a file re-imports as it was.
 */
function unescapeFormula(cell: string): string {
  return cell.charCodeAt(0) === 39 && /^'(?:[\t\r]| *[=+\-@])/.test(cell) ? cell.slice(1) : cell;
}

/**
 * A text this long or longer is taken row by row as the parser reads it: each row's cells are checked
 * while they are still in the CPU's caches (~130 ms less for 55 MB; a few ms more for a 2 MB export).
 */
const ROW_BY_ROW_FROM = 8_000_000;

/** Where readCsv changes method (tests lower them): `asBytesFrom` (see csvText) and `rowByRowFrom` (ROW_BY_ROW_FROM). */
export interface CsvReadOptions {
  asBytesFrom?: number;
  rowByRowFrom?: number;
}

export function readCsv(bytes: Uint8Array, fileName = 'the file', limits: ImportLimits = IMPORT_LIMITS, options: CsvReadOptions = {}): Table {
  const { text, decodeCell, asciiFrom, decodedStart } = csvText(bytes, fileName, options.asBytesFrom);
  // The cells so far are at least this long in the text (delimiters and quotes aside): a cell that starts past
  // `asciiFrom` is ASCII and needs no decoding.
  let before = 0;
  const delimiter = headerDelimiter(text);
  // The parser guesses line breaks from the first 1 MB of its input: guessed from the decoded text's (its
  // first 1,048,576 characters, as the parser cuts it), so that a file read as bytes breaks lines alike.
  const newline = decodeCell ? (Papa.parse<string[]>(decodedStart(1024 * 1024), { delimiter, preview: 1 }).meta.linebreak as '\r' | '\n' | '\r\n') : undefined;
  const grid: string[][] = [];
  let blankRun = 0;
  let line = 0;
  const take = (row: string[]) => {
    line += 1;
    if (row.length > limits.columns && row.slice(limits.columns).some((c) => c !== '')) {
      throw tooManyColumns(fileName, limits, `line ${formatCount(line)} has ${formatCount(row.length)}`);
    }
    if (row.length > limits.columns) row.length = limits.columns;
    if (decodeCell && before < asciiFrom) {
      for (let k = 0; k < row.length; k++) {
        const cell = row[k]!;
        if (before < asciiFrom) row[k] = decodeCell(cell);
        before += cell.length;
      }
    }
    for (let k = 0; k < row.length; k++) row[k] = unescapeFormula(row[k]!);
    // Blank rows are kept (and skipped later) so that reported line numbers match the file, but not
    // stored until a row with content follows them: blank lines at the end cost nothing.
    if (row.every((c) => c === '')) {
      blankRun += 1;
      return;
    }
    if (line > limits.rows + 1) throw tooManyRows(fileName, limits, `line ${formatCount(line)} has data`);
    for (; blankRun > 0; blankRun--) grid.push([]);
    grid.push(row);
  };
  const quoteError = (errors: Papa.ParseError[], lineOf: (e: Papa.ParseError) => number) => {
    const fatal = errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
    if (fatal) throw new UserError(`line ${lineOf(fatal)}: ${fatal.message.replace(/\.$/, '')} — check the quotes in the file`);
  };
  const wholeParse = cellsAtMost(text, delimiter) <= WHOLE_PARSE_CELLS;
  if (wholeParse && text.length < (options.rowByRowFrom ?? ROW_BY_ROW_FROM)) {
    // Blank lines are kept by the parser (skipEmptyLines: false) for the same reason.
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter, newline });
    quoteError(parsed.errors, (e) => (e.row ?? 0) + 1);
    for (const row of parsed.data) take(row);
  } else if (wholeParse) {
    // Row by row, with the outcome of the whole parse above: the first quote error anywhere in the file
    // wins over a limit met before it (rows past that limit are parsed for quotes, not kept).
    let rows = 0;
    let quoteFailure: unknown;
    let takeFailure: unknown;
    Papa.parse<string[]>(text, {
      skipEmptyLines: false,
      delimiter,
      newline,
      step: (result, parser) => {
        rows += 1;
        try {
          quoteError(result.errors, () => rows);
        } catch (error) {
          quoteFailure = error;
          parser.abort();
          return;
        }
        if (takeFailure !== undefined) return;
        try {
          take(result.data);
        } catch (error) {
          takeFailure = error;
        }
      },
    });
    if (quoteFailure !== undefined) throw quoteFailure;
    if (takeFailure !== undefined) throw takeFailure;
  } else {
    let failure: unknown;
    Papa.parse<string[]>(text, {
      skipEmptyLines: false,
      delimiter,
      newline,
      step: (result, parser) => {
        try {
          quoteError(result.errors, () => line + 1);
          take(result.data);
        } catch (error) {
          failure = error;
          parser.abort();
        }
      },
    });
    if (failure) throw failure;
  }
  return toTable(grid, fileName);
}

export async function readXlsx(bytes: Uint8Array, fileName = 'the file', limits: ImportLimits = IMPORT_LIMITS): Promise<Table> {
  let read: Awaited<ReturnType<typeof readXlsxGrid>>;
  try {
    read = await readXlsxGrid(bytes, {
      unpackedBytes: limits.xlsxUnpackedBytes,
      onCell(row, column) {
        if (column > limits.columns) throw tooManyColumns(fileName, limits, `cell ${cellRef(row, column)} is in column ${formatCount(column)}`);
        if (row > limits.rows + 1) throw tooManyRows(fileName, limits, `cell ${cellRef(row, column)} is on row ${formatCount(row)}`);
      },
    });
  } catch (error) {
    if (error instanceof ZipBudgetError) {
      throw new UserError(
        `${quoted(fileName)} unpacks to more than ${formatCount(limits.xlsxUnpackedBytes / 1_000_000)} MB, the limit for one workbook; a registration export is far smaller. Save the sheet as CSV, or split it into smaller files.`,
      );
    }
    if (error instanceof XlsxError) throw new UserError(`${quoted(fileName)} is not a readable .xlsx workbook: ${error.message}. Export it again from the form, or save it as CSV.`);
    throw error;
  }
  if (!read) throw new UserError(`${quoted(fileName)}: the workbook has no sheet with data`);
  return toTable(read.grid, fileName, true);
}

/** Header cells compare trimmed, white space collapsed, case-blind: "Email" and "email " are one name. */
const headerKey = (header: string) => header.trim().replace(/\s+/g, ' ').toLowerCase();

/** `widen`: a sheet's header is as wide as its widest row (a cell right of the header's last is "Column 7"). */
function toTable(grid: string[][], fileName: string, widen = false): Table {
  const [header, ...rows] = grid;
  if (!header || header.every((h) => h.trim() === '')) throw new UserError('The file is empty: expected a header row');
  let width = header.length;
  if (widen) for (const row of rows) width = Math.max(width, row.length);
  const headers = Array.from({ length: width }, (_, i) => header[i]?.trim() || `Column ${i + 1}`);
  const seen = new Map<string, number>();
  headers.forEach((name, i) => {
    const earlier = seen.get(headerKey(name));
    if (earlier !== undefined) {
      throw new UserError(
        `${quoted(fileName)} has two columns named alike: column ${earlier + 1} “${headers[earlier]}” and column ${i + 1} “${name}”. Rename one of them so that every column has its own name.`,
      );
    }
    seen.set(headerKey(name), i);
  });
  if (!rows.some((r) => r.some((c) => c.trim() !== ''))) throw new UserError(`${quoted(fileName)} has a header row but the file has no rows: nothing to import`);
  return { headers, rows };
}

export async function readTable(fileName: string, bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): Promise<Table> {
  if (bytes.length > limits.fileBytes) {
    throw new UserError(`${quoted(fileName)} is larger than ${formatCount(limits.fileBytes / 1_000_000)} MB, the limit for one file. Split it into smaller files.`);
  }
  const lower = fileName.toLowerCase();
  const binary = describeBinary(bytes);
  // Read by what the file is: a workbook saved under another name still reads as one.
  if (binary?.kind === 'zip') return readXlsx(bytes, fileName, limits);
  if (binary?.kind === 'ole') {
    throw new UserError(`${quoted(fileName)} is an old .xls workbook, or a password-protected one: save it as .xlsx (without a password) or as CSV.`);
  }
  if (lower.endsWith('.xlsx')) {
    throw new UserError(`${quoted(fileName)} is not a readable .xlsx workbook: ${binary ? `it is ${binary.what}` : 'it is not a zip archive (a text file? name it .csv)'}. Export it again from the form, or save it as CSV.`);
  }
  if (lower.endsWith('.xls')) throw new UserError('Old .xls workbooks are not supported: save as .xlsx or .csv');
  if (!/\.(csv|tsv|txt)$/.test(lower)) throw new UserError(`"${fileName}" is not a .csv, .tsv or .xlsx file`);
  if (binary) {
    throw new UserError(`${quoted(fileName)} is not a text file: it is ${binary.what}. Export the registration form as CSV or .xlsx and choose that file.`);
  }
  return readCsv(bytes, fileName, limits);
}
