import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { cli } from '../unit/cli-run';
import { tempDir } from '../unit/temp';

/**
 * Builds hostile files on the fly (nothing large is committed): zip archives entry by entry, minimal
 * .xlsx workbooks around a sheet's XML, and the workspace and CLI helpers the hostile tests share.
 */

export interface ZipInput {
  name: string;
  /** The entry's bytes, or its compressed bytes with their CRC and true size (`deflated`). */
  data?: Uint8Array | string;
  deflated?: { bytes: Uint8Array; crc: number; size: number };
  /** What the archive states as the unpacked size (default: the true size). */
  statedSize?: number;
  method?: 0 | 8;
}

const utf8 = (text: string | Uint8Array) => (typeof text === 'string' ? new TextEncoder().encode(text) : text);

/** A plain zip archive (no ZIP64, no data descriptors), as Excel and exceljs write them. */
export function zip(entries: ZipInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    let body: Uint8Array;
    let crc: number;
    let size: number;
    let method = entry.method ?? 8;
    if (entry.deflated) {
      ({ bytes: body, crc, size } = entry.deflated);
      method = 8;
    } else {
      const raw = utf8(entry.data ?? '');
      crc = crc32(raw);
      size = raw.length;
      body = method === 8 ? deflateRawSync(raw) : raw;
    }
    const stated = entry.statedSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(stated, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(body));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(stated, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Form responses 1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `<worksheet>…<sheetData>` + rows + `</sheetData></worksheet>`. */
export const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

/** One row of inline-string cells at row `r`, from column A. */
export function inlineRow(r: number, cells: readonly string[]): string {
  const column = (i: number) => {
    let letters = '';
    for (let c = i + 1; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
    return letters;
  };
  return `<row r="${r}">${cells.map((text, i) => `<c r="${column(i)}${r}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`).join('')}</row>`;
}

/** A minimal workbook whose one sheet is `sheet` (its whole XML, or a prepared deflated entry). */
export function xlsx(sheet: string | ZipInput['deflated'], options: { sharedStrings?: string; styles?: string; statedSheetSize?: number } = {}): Uint8Array {
  const sheetEntry: ZipInput =
    typeof sheet === 'string'
      ? { name: 'xl/worksheets/sheet1.xml', data: sheet, statedSize: options.statedSheetSize }
      : { name: 'xl/worksheets/sheet1.xml', deflated: sheet, statedSize: options.statedSheetSize };
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    ...(options.sharedStrings !== undefined ? [{ name: 'xl/sharedStrings.xml', data: options.sharedStrings }] : []),
    ...(options.styles !== undefined ? [{ name: 'xl/styles.xml', data: options.styles }] : []),
    sheetEntry,
  ]);
}

/**
 * A sheet part that unpacks to `size` bytes (blank space between the header row and the end), deflated
 * as a stream so that the test itself never holds it: 400 MB pack into well under 1 MB.
 */
export async function hugeSheet(size: number, header: readonly string[]): Promise<NonNullable<ZipInput['deflated']>> {
  const head = Buffer.from(sheetXml(inlineRow(1, header)).replace('</sheetData></worksheet>', ''));
  const tail = Buffer.from('</sheetData></worksheet>');
  const filler = Buffer.alloc(1 << 20, 0x20);
  const deflater = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0;
  const write = async (chunk: Buffer) => {
    crc = crc32(chunk, crc);
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once('drain', resolve));
  };
  await write(head);
  let left = size - head.length - tail.length;
  while (left > 0) {
    const piece = left >= filler.length ? filler : filler.subarray(0, left);
    await write(piece);
    left -= piece.length;
  }
  await write(tail);
  deflater.end();
  await done;
  return { bytes: new Uint8Array(Buffer.concat(out)), crc, size };
}

/** A workspace file made by the CLI, ready to be imported into; closed. */
export async function workspace(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'workspace.sqlite');
  const made = await cli('call', 'programs.create', JSON.stringify({ name: 'Existing' }), '--db', db);
  if (made.code !== 0) throw new Error(`could not make a workspace: ${made.stderr}`);
  return { dir, db };
}

/** SHA-256 of the workspace file and of its -wal and -shm companions where they exist. */
export function fingerprint(db: string): string {
  const hash = createHash('sha256');
  for (const path of [db, `${db}-wal`, `${db}-shm`]) {
    hash.update(path.slice(db.length) + ':');
    hash.update(existsSync(path) ? readFileSync(path) : Buffer.from('absent'));
  }
  return hash.digest('hex');
}

/** Writes `bytes` as `name` in `dir` and runs `pairwise import` on it in this process. */
export async function cliImport(dir: string, db: string, name: string, bytes: Uint8Array | string, ...more: string[]) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return cli('import', file, '--db', db, '--program', 'Hostile', '--cohort', 'Spring', ...more);
}

/** The process is alive and the workspace usable: an ordinary import right after works. */
export async function stillWorks(dir: string, db: string): Promise<void> {
  const after = await cliImport(dir, db, 'after.csv', 'Full name,Email,Role\nAna Ruiz,ana@example.org,mentor\n');
  if (after.code !== 0 || !after.stdout.includes('1 added')) throw new Error(`a later import failed: ${after.stderr || after.stdout}`);
}
