import { crc32, createInflateRaw } from 'node:zlib';

/**
 * Just enough ZIP to read an .xlsx: the central directory (ZIP64 included) and each entry's bytes
 * inflated as a stream of chunks, never the whole part at once. Nothing here trusts the sizes the
 * archive states: `ZipBudget` counts the bytes actually inflated, and a CRC mismatch or a broken
 * deflate stream is reported as damage. Errors are `ZipError`s whose message is a short reason.
 */
export class ZipError extends Error {
  override readonly name = 'ZipError';
}

/** Thrown when the inflated bytes pass the budget; `limit` is the budget in bytes. */
export class ZipBudgetError extends Error {
  override readonly name = 'ZipBudgetError';
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes when unpacked`);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** As stated by the archive: a hint, never trusted. */
  size: number;
  localHeaderOffset: number;
}

/** A running count of inflated bytes, shared by every part read from one workbook. */
export class ZipBudget {
  used = 0;
  constructor(readonly limit: number) {}
  take(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) throw new ZipBudgetError(this.limit);
  }
}

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndOfCentralDirectory(bytes: Uint8Array, dv: DataView): number {
  // The record is 22 bytes, followed by a comment of at most 65,535.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (dv.getUint32(i, true) === EOCD) return i;
  }
  return -1;
}

const UTF8 = new TextDecoder('utf-8');
const CP437ISH = new TextDecoder('latin1');

/** Lists the archive's entries. Throws ZipError when it is not a zip, or cut short. */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  if (bytes.length < 22) throw new ZipError('it is not a zip archive');
  const dv = view(bytes);
  const eocd = findEndOfCentralDirectory(bytes, dv);
  if (eocd < 0) {
    throw new ZipError(dv.getUint32(0, true) === LOCAL ? 'it is cut short or damaged (the end of the archive is missing)' : 'it is not a zip archive');
  }
  let count = dv.getUint16(eocd + 10, true);
  let dirSize = dv.getUint32(eocd + 12, true);
  let dirOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || dv.getUint32(locator, true) !== ZIP64_LOCATOR) throw new ZipError('it is damaged (its ZIP64 directory is missing)');
    const zip64 = Number(dv.getBigUint64(locator + 8, true));
    if (zip64 + 56 > bytes.length || dv.getUint32(zip64, true) !== ZIP64_EOCD) throw new ZipError('it is damaged (its ZIP64 directory is missing)');
    count = Number(dv.getBigUint64(zip64 + 32, true));
    dirSize = Number(dv.getBigUint64(zip64 + 40, true));
    dirOffset = Number(dv.getBigUint64(zip64 + 48, true));
  }
  if (dirOffset + dirSize > bytes.length) throw new ZipError('it is cut short or damaged (its directory points past the end of the file)');
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || dv.getUint32(p, true) !== CENTRAL) throw new ZipError('it is damaged (its directory is unreadable)');
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    const crc = dv.getUint32(p + 16, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let size = dv.getUint32(p + 24, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    let localHeaderOffset = dv.getUint32(p + 42, true);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise code page 437, of which the parts we look for use only ASCII.
    const name = (flags & 0x800 ? UTF8 : CP437ISH).decode(nameBytes).replaceAll('\\', '/');
    // ZIP64 extra field: the values stated as 0xFFFFFFFF above follow, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd && extraEnd <= bytes.length) {
      const id = dv.getUint16(e, true);
      const length = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          const value = q + 8 <= e + 4 + length ? Number(dv.getBigUint64(q, true)) : undefined;
          q += 8;
          return value;
        };
        if (size === 0xffffffff) size = next() ?? size;
        if (compressedSize === 0xffffffff) compressedSize = next() ?? compressedSize;
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next() ?? localHeaderOffset;
      }
      e += 4 + length;
    }
    entries.push({ name, method, flags, crc, compressedSize, size, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's stored (compressed) bytes. */
function rawData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const dv = view(bytes);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL) throw new ZipError(`it is damaged (part ${entry.name} cannot be found)`);
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ZipError(`it is cut short (part ${entry.name} runs past the end of the file)`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * The entry's bytes as they inflate, in chunks of about `chunkSize`; each chunk is counted against
 * `budget` before it is handed on, so a part that inflates past it stops there (ZipBudgetError).
 * Ending the iteration early stops the inflation.
 */
export async function* inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: ZipBudget, chunkSize = 256 * 1024): AsyncGenerator<Uint8Array> {
  if (entry.flags & 0x1) throw new ZipError(`it is encrypted (part ${entry.name})`);
  // A stated size past the budget is refused before anything is unpacked; a smaller one is not trusted.
  if (entry.size > budget.limit - budget.used) throw new ZipBudgetError(budget.limit);
  const data = rawData(bytes, entry);
  let crc = 0;
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += chunkSize) {
      const chunk = data.subarray(i, Math.min(data.length, i + chunkSize));
      budget.take(chunk.length);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } else if (entry.method === 8) {
    const inflater = createInflateRaw({ chunkSize });
    inflater.end(data);
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        budget.take(chunk.length);
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ZipBudgetError) throw error;
      throw new ZipError(`it is damaged (part ${entry.name} does not unpack: ${(error as Error).message})`);
    } finally {
      inflater.destroy();
    }
  } else {
    throw new ZipError(`part ${entry.name} is compressed with a method Pairwise does not read (${entry.method})`);
  }
  if (crc >>> 0 !== entry.crc >>> 0) throw new ZipError(`it is damaged (part ${entry.name} fails its checksum)`);
}
