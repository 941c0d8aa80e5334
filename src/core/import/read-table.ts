import Papa from 'papaparse';
import type ExcelJS from 'exceljs';
import { UserError } from '../errors';

/** A file as rows of cells. `rows[0]` is the first data row, which is line 2 of the file. */
export interface Table {
  headers: string[];
  rows: string[][];
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Excel on Windows still saves "CSV" in the ANSI code page.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

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

export function readCsv(bytes: Uint8Array): Table {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, {
    // Blank lines are kept (and skipped later) so that reported line numbers match the file.
    skipEmptyLines: false,
    delimiter: headerDelimiter(text),
  });
  const fatal = parsed.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
  if (fatal) {
    throw new UserError(`line ${(fatal.row ?? 0) + 1}: ${fatal.message.replace(/\.$/, '')} — check the quotes in the file`);
  }
  return toTable(parsed.data);
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlinks (emails)
    if ('result' in value) return value.result === undefined || value.result === null ? '' : String(value.result);
  }
  return String(value);
}

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  // Loaded on first use: exceljs takes ~0.2 s to load, which every CLI command would pay otherwise.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UserError(`This is not a readable .xlsx workbook (${(error as Error).message})`);
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new UserError('The workbook has no sheet with data');
  const grid: string[][] = [];
  // exceljs recomputes columnCount over every row on each read: take it once, or reading is quadratic.
  const columnCount = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= columnCount; c++) cells.push(cellText(row.getCell(c)));
    grid[rowNumber - 1] = cells;
  });
  // eachRow skips trailing empties but keeps gaps as holes: keep line numbers true to the sheet.
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return toTable(grid);
}

function toTable(grid: string[][]): Table {
  const [header, ...rows] = grid;
  if (!header || header.every((h) => h.trim() === '')) throw new UserError('The file is empty: expected a header row');
  const headers = header.map((h, i) => h.trim() || `Column ${i + 1}`);
  return { headers, rows };
}

export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(bytes);
  if (lower.endsWith('.xls')) throw new UserError('Old .xls workbooks are not supported: save as .xlsx or .csv');
  if (/\.(csv|tsv|txt)$/.test(lower)) return readCsv(bytes);
  throw new UserError(`"${fileName}" is not a .csv, .tsv or .xlsx file`);
}
