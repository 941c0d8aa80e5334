import { isAscii, isUtf8 } from 'node:buffer';
import { UserError } from '../errors';

/**
 * What a file is, by its first bytes rather than its name, and its text decoded: a PNG or a PDF renamed
 * .csv is named as such instead of failing later as a file with unknown columns, and UTF-16 (Excel's
 * "Unicode Text") is read like UTF-8.
 */
export interface Binary {
  kind: 'zip' | 'ole' | 'other';
  /** "a PNG image", for the error. */
  what: string;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const SIGNATURES: [readonly number[], Binary][] = [
  [[0x50, 0x4b, 0x03, 0x04], { kind: 'zip', what: 'a zip archive' }],
  [[0x50, 0x4b, 0x05, 0x06], { kind: 'zip', what: 'an empty zip archive' }],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], { kind: 'ole', what: 'an old Office file (.xls, or a password-protected workbook)' }],
  [ascii('%PDF-'), { kind: 'other', what: 'a PDF document' }],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], { kind: 'other', what: 'a PNG image' }],
  [[0xff, 0xd8, 0xff], { kind: 'other', what: 'a JPEG image' }],
  [ascii('GIF8'), { kind: 'other', what: 'a GIF image' }],
  [[0x1f, 0x8b], { kind: 'other', what: 'a gzip archive' }],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], { kind: 'other', what: 'a 7-Zip archive' }],
  [ascii('Rar!'), { kind: 'other', what: 'a RAR archive' }],
  [[0x7f, 0x45, 0x4c, 0x46], { kind: 'other', what: 'a program (ELF)' }],
  [ascii('SQLite format 3\0'), { kind: 'other', what: 'an SQLite database' }],
];

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32';

/** By byte order mark, or for UTF-16 without one, by where the zero bytes of ASCII characters fall. */
function encodingOf(bytes: Uint8Array): { encoding: Encoding; bom: number } | undefined {
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) return { encoding: 'utf-32', bom: 4 };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bom: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', bom: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', bom: 2 };
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return { encoding: 'utf-16le', bom: 0 };
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return { encoding: 'utf-16be', bom: 0 };
  return undefined;
}

/** A known binary format by its signature, or any file whose start is not text; null for text. */
export function describeBinary(bytes: Uint8Array): Binary | null {
  for (const [signature, binary] of SIGNATURES) if (startsWith(bytes, signature)) return binary;
  if (encodingOf(bytes)) return null;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return { kind: 'other', what: 'a binary file, not text' };
    // Tab, line feed, vertical tab, form feed and carriage return are text; Ctrl-Z ends old DOS files.
    if (b < 0x20 && !(b >= 0x09 && b <= 0x0d) && b !== 0x1a) control++;
  }
  return control > sample.length * 0.05 ? { kind: 'other', what: 'a binary file, not text' } : null;
}

/** The file's text: UTF-8 (with or without BOM), UTF-16 LE/BE, or, when it is not valid UTF-8, Windows-1252. */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  const found = encodingOf(bytes);
  if (found?.encoding === 'utf-32') {
    throw new UserError(`“${fileName}” is saved as UTF-32, which Pairwise does not read: save it as CSV UTF-8.`);
  }
  if (found?.encoding === 'utf-16le' || found?.encoding === 'utf-16be') {
    return new TextDecoder(found.encoding).decode(bytes.subarray(found.bom));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Excel on Windows still saves "CSV" in the ANSI code page.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * A CSV's text for the parser. UTF-8 (the usual case) is given as its bytes, one character per byte
 * (latin1), with `decodeCell` to turn a parsed cell back into its characters: the CSV's structure (quotes,
 * delimiters, line breaks) is ASCII, and no byte of a UTF-8 multi-byte character is ASCII, so cells split
 * exactly where they would in the decoded text. Why: V8 stores a string in two bytes per character as soon
 * as one character is past U+00FF, so one "…" in a header made the whole 55 MB file, and every cell and value
 * cut from it, twice as large and slower to scan, copy and write. Cells are decoded one by one, and only
 * those with a byte past ASCII. Other encodings are decoded whole, as decodeText does; `decodeCell` is
 * then null. The leading byte order marks dropped are those decodeText and a U+FEFF strip would drop.
 */
export function csvText(bytes: Uint8Array, fileName: string, asBytesFrom = CSV_AS_BYTES_FROM): CsvText {
  const found = encodingOf(bytes);
  if (bytes.length < asBytesFrom || (found && found.encoding !== 'utf-8') || !isUtf8(bytes)) {
    const text = decodeText(bytes, fileName).replace(/^\uFEFF/, '');
    return { text, decodeCell: null, asciiFrom: 0, decodedStart: (length) => text.slice(0, length) };
  }
  let start = found ? found.bom : 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf], start)) start += 3;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
  const text = body.toString('latin1');
  const asciiFrom = lastNonAscii(body) + 1;
  if (asciiFrom === 0) return { text, decodeCell: null, asciiFrom, decodedStart: (length) => text.slice(0, length) };
  // A match ends in bytes past ASCII, so it lies wholly before `asciiFrom`: a file with "…" in its header only
  // is searched to there, not through its 55 MB (~50 ms).
  if (QUOTE_THEN_UNICODE_SPACE.test(text.slice(0, asciiFrom))) {
    // The parser takes white space between a closing quote and the delimiter as spaces (String.trim), and
    // trim knows the no-break and other Unicode spaces, which as bytes are letters: such a file is decoded whole.
    const decoded = decodeText(bytes, fileName).replace(/^\uFEFF/, '');
    return { text: decoded, decodeCell: null, asciiFrom: 0, decodedStart: (length) => decoded.slice(0, length) };
  }
  return {
    text,
    decodeCell: (cell) => (NOT_ASCII.test(cell) ? Buffer.from(cell, 'latin1').toString('utf8') : cell),
    asciiFrom,
    // A character takes at most 4 bytes: 4 × length bytes hold the first `length` characters whole.
    decodedStart: (length) => body.subarray(0, length * 4).toString('utf8').slice(0, length),
  };
}

/**
 * A UTF-8 file this large or larger is parsed as bytes. A registration export of a few MB is decoded whole:
 * the byte path's extra steps (line breaks guessed on a decoded start, cells checked) cost it ~10 ms more
 * than they save; a file of 55 MB saves ~300 ms of CPU and half its memory.
 */
export const CSV_AS_BYTES_FROM = 8_000_000;

export interface CsvText {
  /** The text to parse: decoded, or UTF-8's bytes one character each. */
  text: string;
  /** For bytes: a cell's characters. Null when the text is decoded already or all ASCII. */
  decodeCell: ((cell: string) => string) | null;
  /** Every character from this offset of `text` on is ASCII (a cell found past it needs no decoding). */
  asciiFrom: number;
  /** The first `length` characters of the decoded text. */
  decodedStart: (length: number) => string;
}

const NOT_ASCII = /[\x80-\xff]/;
/** A quote, ASCII white space, then a Unicode space as UTF-8 bytes (U+00A0, U+1680, U+2000–200A, U+2028/9, U+202F, U+205F, U+3000, U+FEFF). */
const QUOTE_THEN_UNICODE_SPACE = /"[\t\n\v\f\r ]*(?:\xc2\xa0|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]|\xe2\x81\x9f|\xe3\x80\x80|\xef\xbb\xbf)/;

/** The offset of the last byte past ASCII, or -1: whole blocks are checked from the end (a registration export is mostly ASCII after its header). */
function lastNonAscii(bytes: Uint8Array): number {
  const BLOCK = 65536;
  for (let end = bytes.length; end > 0; end -= BLOCK) {
    const begin = Math.max(0, end - BLOCK);
    if (isAscii(bytes.subarray(begin, end))) continue;
    for (let i = end - 1; i >= begin; i--) if (bytes[i]! >= 0x80) return i;
  }
  return -1;
}
