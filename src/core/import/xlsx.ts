import { inflateEntry, readCentralDirectory, ZipBudget, ZipError, type ZipEntry } from './zip';
import { attribute, decodeOoxmlEscapes, eachAttribute, MAX_TEXT, TagScanner, tooLongText, XmlScanError, type TagHandler } from './xml-scan';

/**
 * Reads the first sheet with data of an .xlsx workbook as a grid of cell texts, streaming: each part
 * is unpacked in chunks (zip.ts) and scanned as it arrives (xml-scan.ts), so memory holds the shared
 * strings and the cells that have a value, never a whole part. Only cells with a value are kept; a row
 * is as long as its last such cell. The caller's `onCell` sees every kept cell first and may refuse it
 * (the row and column limits). Cell texts follow what the exceljs-based reader gave: numbers as
 * JavaScript prints them, dates (by their number format) as YYYY-MM-DD, booleans "true"/"false".
 */

export interface XlsxLimits {
  /** Bytes all parts read may unpack to, together. */
  unpackedBytes: number;
  /** Called for each cell with a value, before it is kept; throws to refuse the file. */
  onCell(row: number, column: number, sheet: string): void;
}

/** A workbook that cannot be read; the message is the reason, for "… is not a readable .xlsx workbook: …". */
export class XlsxError extends Error {
  override readonly name = 'XlsxError';
}

interface Part {
  entry: ZipEntry;
}

class Workbook {
  private readonly byName = new Map<string, ZipEntry>();
  readonly budget: ZipBudget;

  constructor(
    private readonly bytes: Uint8Array,
    unpackedBytes: number,
  ) {
    for (const entry of readCentralDirectory(bytes)) this.byName.set(entry.name.replace(/^\//, '').toLowerCase(), entry);
    this.budget = new ZipBudget(unpackedBytes);
  }

  part(path: string): Part | undefined {
    const entry = this.byName.get(path.replace(/^\//, '').toLowerCase());
    return entry ? { entry } : undefined;
  }

  has(path: string): boolean {
    return this.byName.has(path.toLowerCase());
  }

  /** Whether any part lies in this folder ("word/"). */
  hasFolder(folder: string): boolean {
    for (const name of this.byName.keys()) if (name.startsWith(folder)) return true;
    return false;
  }

  /** Streams a part through a scanner; the handler collects what it needs. */
  async scan(part: Part, handler: TagHandler & { scanner?: TagScanner }): Promise<void> {
    const scanner = new TagScanner(handler);
    handler.scanner = scanner;
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of inflateEntry(this.bytes, part.entry, this.budget)) scanner.feed(decoder.decode(chunk, { stream: true }));
    scanner.feed(decoder.decode());
  }
}

/** `xl/workbook.xml` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`; absolute targets start at the root. */
function resolve(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  type: string;
  target: string;
}

async function relationships(book: Workbook, of: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  const part = book.part(relsPath(of));
  if (!part) return rels;
  await book.scan(part, {
    capturing: false,
    open(name, attrs) {
      if (name !== 'Relationship' || attribute(attrs, 'TargetMode') === 'External') return;
      const id = attribute(attrs, 'Id');
      const target = attribute(attrs, 'Target');
      if (id && target) rels.set(id, { type: attribute(attrs, 'Type') ?? '', target: resolve(of, target) });
    },
    close() {},
  });
  return rels;
}

const byType = (rels: Map<string, Relationship>, suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;

interface SheetRef {
  name: string;
  path: string;
}

async function workbookPart(book: Workbook, path: string): Promise<{ sheets: SheetRef[]; date1904: boolean }> {
  const rels = await relationships(book, path);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  await book.scan(book.part(path)!, {
    capturing: false,
    open(name, attrs) {
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attribute(attrs, 'date1904') ?? '');
      if (name !== 'sheet') return;
      // The relationship id is r:id, whatever prefix the writer gave the relationships namespace.
      const id = /(?:^|\s)[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
      const rel = id ? rels.get(id[1] ?? id[2] ?? '') : undefined;
      if (rel && /\/worksheet$/.test(rel.type)) sheets.push({ name: attribute(attrs, 'name') ?? '', path: rel.target });
    },
    close() {},
  });
  return { sheets, date1904 };
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30 and the East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** exceljs's rule, kept so cells read as before: outside quotes and [brackets], any of y m d h s b. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style index (the `s` of a cell): does its number format show a date? */
async function dateStyles(book: Workbook, path: string | undefined): Promise<boolean[]> {
  const part = path ? book.part(path) : undefined;
  if (!part) return [];
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await book.scan(part, {
    capturing: false,
    open(name, attrs) {
      if (name === 'numFmt') custom.set(Number(attribute(attrs, 'numFmtId')), attribute(attrs, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(attribute(attrs, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formats.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_FORMAT_IDS.has(id)));
}

async function sharedStrings(book: Workbook, path: string | undefined): Promise<string[]> {
  const part = path ? book.part(path) : undefined;
  if (!part) return [];
  const strings: string[] = [];
  let current = '';
  let inItem = false;
  let phonetic = 0;
  const handler: TagHandler & { scanner?: TagScanner } = {
    capturing: false,
    open(name, _attrs, selfClosing) {
      if (name === 'si') {
        inItem = true;
        current = '';
      } else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && inItem && phonetic === 0 && !selfClosing) handler.capturing = true;
    },
    close(name) {
      if (name === 't' && handler.capturing) {
        handler.capturing = false;
        current += handler.scanner!.takeText();
        if (current.length > MAX_TEXT) throw tooLongText();
      } else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si' && inItem) {
        inItem = false;
        strings.push(decodeOoxmlEscapes(current));
      }
    },
  };
  await book.scan(part, handler);
  return strings;
}

/** "XFD1048576" → [1048576, 16384]; undefined when it is not a cell reference. */
export function parseCellRef(ref: string): [row: number, column: number] | undefined {
  let i = 0;
  if (ref.charCodeAt(i) === 36 /* $ */) i++;
  let column = 0;
  const lettersStart = i;
  for (let c = ref.charCodeAt(i) | 0x20; c >= 97 && c <= 122 && i - lettersStart < 3; c = ref.charCodeAt(++i) | 0x20) column = column * 26 + (c - 96);
  if (i === lettersStart) return undefined;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const digitsStart = i;
  for (let c = ref.charCodeAt(i); c >= 48 && c <= 57 && i - digitsStart < 7; c = ref.charCodeAt(++i)) row = row * 10 + (c - 48);
  return i === digitsStart || i !== ref.length ? undefined : [row, column];
}

export function cellRef(row: number, column: number): string {
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** A date-formatted number as YYYY-MM-DD; one no date can hold (1e20) stays the number it is. */
function excelDate(serial: number, date1904: boolean): string {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
}

interface SheetContext {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
  limits: XlsxLimits;
}

/** The sheet's cells with a value, as rows (index 0 = row 1); rows before the last with a value are [] when empty. */
async function readSheet(book: Workbook, sheet: SheetRef, context: SheetContext): Promise<string[][]> {
  const part = book.part(sheet.path);
  if (!part) throw new XlsxError(`its sheet “${sheet.name}” is missing`);
  const grid: string[][] = [];
  let row = 0;
  let column = 0;
  let type = '';
  let style = -1;
  let value: string | null = null;
  let inline: string | null = null;
  let inInline = false;
  let phonetic = 0;
  const handler: TagHandler & { scanner?: TagScanner } = {
    capturing: false,
    open(name, attrs, selfClosing) {
      switch (name) {
        case 'row': {
          const r = attribute(attrs, 'r');
          row = r !== undefined && /^\d{1,7}$/.test(r) ? Number(r) : row + 1;
          column = 0;
          break;
        }
        case 'c': {
          let r: string | undefined;
          type = '';
          style = -1;
          eachAttribute(attrs, (key, text) => {
            if (key === 'r') r = text;
            else if (key === 't') type = text;
            else if (key === 's') style = Number(text);
          });
          const at = r === undefined ? undefined : parseCellRef(r);
          if (at) {
            if (row === 0) row = at[0];
            column = at[1];
          } else column += 1;
          value = null;
          inline = null;
          break;
        }
        case 'v':
          if (!selfClosing) handler.capturing = true;
          value = '';
          break;
        case 'is':
          inInline = true;
          inline = '';
          break;
        case 'rPh':
          phonetic += 1;
          break;
        case 't':
          if (inInline && phonetic === 0 && !selfClosing) handler.capturing = true;
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
          if (handler.capturing) value = handler.scanner!.takeText();
          handler.capturing = false;
          break;
        case 't':
          if (handler.capturing) inline = (inline ?? '') + handler.scanner!.takeText();
          if (inline !== null && inline.length > MAX_TEXT) throw tooLongText();
          handler.capturing = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phonetic -= 1;
          break;
        case 'c': {
          const text = cellText();
          if (text === '') break;
          if (row < 1) throw new XlsxError('a cell has no row');
          context.limits.onCell(row, column, sheet.name);
          const cells = (grid[row - 1] ??= []);
          while (cells.length < column - 1) cells.push('');
          cells[column - 1] = text;
          break;
        }
      }
    },
  };
  const cellText = (): string => {
    if (inline !== null && (type === 'inlineStr' || value === null)) return decodeOoxmlEscapes(inline);
    if (value === null) return '';
    switch (type) {
      case 's': {
        if (value.trim() === '') return '';
        const index = Number(value);
        const text = context.strings[index];
        if (!Number.isInteger(index) || text === undefined) throw new XlsxError(`cell ${cellRef(row, column)} refers to a text that is not in the workbook`);
        return text;
      }
      case 'str':
      case 'inlineStr':
        return decodeOoxmlEscapes(value);
      case 'b':
        return value.trim() === '1' || value.trim().toLowerCase() === 'true' ? 'true' : value.trim() === '' ? '' : 'false';
      case 'e':
        return value.trim();
      case 'd': {
        const date = new Date(value.trim());
        return Number.isNaN(date.getTime()) ? value.trim() : date.toISOString().slice(0, 10);
      }
      default: {
        const trimmed = value.trim();
        if (trimmed === '') return '';
        const number = Number(trimmed);
        if (!Number.isFinite(number)) return trimmed;
        if (style >= 0 && context.dates[style]) return excelDate(number, context.date1904);
        return String(number);
      }
    }
  };
  await book.scan(part, handler);
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}

/** What the zip holds when it is not a workbook, for the error. */
function notAWorkbook(book: Workbook): string {
  if (book.has('mimetype') && book.has('content.xml')) return 'it is an OpenDocument file (.ods): save it as .xlsx or CSV';
  if (book.hasFolder('word/')) return 'it is a Word document, not a workbook';
  if (book.hasFolder('ppt/')) return 'it is a PowerPoint presentation, not a workbook';
  return 'it is a zip archive, but holds no workbook';
}

/**
 * The grid of the first sheet that has a value, and that sheet's name. Throws XlsxError (with a reason),
 * ZipError, ZipBudgetError, or whatever `limits.onCell` throws.
 */
export async function readXlsxGrid(bytes: Uint8Array, limits: XlsxLimits): Promise<{ grid: string[][]; sheet: string } | null> {
  let book: Workbook;
  try {
    book = new Workbook(bytes, limits.unpackedBytes);
  } catch (error) {
    if (error instanceof ZipError) throw new XlsxError(error.message);
    throw error;
  }
  try {
    const root = await relationships(book, '');
    const main = byType(root, '/officeDocument') ?? 'xl/workbook.xml';
    if (!book.part(main)) throw new XlsxError(notAWorkbook(book));
    const { sheets, date1904 } = await workbookPart(book, main);
    const rels = await relationships(book, main);
    const dates = await dateStyles(book, byType(rels, '/styles'));
    const strings = await sharedStrings(book, byType(rels, '/sharedStrings'));
    for (const sheet of sheets) {
      const grid = await readSheet(book, sheet, { strings, dates, date1904, limits });
      if (grid.length > 0) return { grid, sheet: sheet.name };
    }
    return null;
  } catch (error) {
    if (error instanceof ZipError || error instanceof XmlScanError) throw new XlsxError(error.message);
    throw error;
  }
}
