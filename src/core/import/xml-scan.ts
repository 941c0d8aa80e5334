/**
 * A small streaming tag scanner for the parts of an .xlsx (SpreadsheetML as Excel, Google Sheets,
 * LibreOffice and exceljs write it): text arrives in chunks, tags are reported as they complete, and
 * element text is kept only while the handler asks for it (`capturing`). It is not a validating XML
 * parser: it reads well-formed parts correctly and never loops or backtracks on anything else. Every
 * step is an indexOf forward, so time is linear in the input, and what it holds between chunks is a
 * tag or an entity cut in two, never more than MAX_TAG characters.
 */
export interface TagHandler {
  /** While true, text between tags is collected (entities decoded); `takeText` hands it over. */
  capturing: boolean;
  /** `name` without its namespace prefix; `attrs` is the raw attribute text. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
}

/** A tag longer than this is not SpreadsheetML: the part is damaged or not what it claims to be. */
export const MAX_TAG = 64 * 1024;

/**
 * The longest text one element may hold. Excel keeps at most 32,767 characters in a cell and Google
 * Sheets 50,000; a longer one is not a form's answer, and is refused before it fills memory.
 */
export const MAX_TEXT = 100_000;

export class XmlScanError extends Error {
  override readonly name = 'XmlScanError';
}

export const tooLongText = () =>
  new XmlScanError(`a cell holds more than ${MAX_TEXT.toLocaleString('en-US')} characters, more than a spreadsheet app writes in one cell`);

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function fromCode(code: number, whole: string): string {
  return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
}

/** XML reads a line break written as CR LF or CR as LF (XML 1.0, 2.11); `&#13;` stays a CR. */
function textOf(raw: string): string {
  return decodeEntities(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
}

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
    name ? NAMED[name]! : fromCode(dec !== undefined ? Number(dec) : parseInt(hex!, 16), whole),
  );
}

/** SpreadsheetML writes characters XML cannot hold as `_xHHHH_` (`_x000D_` for a carriage return). */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Calls `each(name, value)` for every attribute of a tag's attribute text, in one pass (name with its
 * prefix, value with entities decoded). Stops at anything that is not `name="value"` or `name='value'`.
 */
export function eachAttribute(attrs: string, each: (name: string, value: string) => void): void {
  const n = attrs.length;
  let i = 0;
  while (i < n) {
    const eq = attrs.indexOf('=', i);
    if (eq < 0) return;
    let nameEnd = eq;
    while (nameEnd > i && isSpace(attrs.charCodeAt(nameEnd - 1))) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > i && !isSpace(attrs.charCodeAt(nameStart - 1))) nameStart--;
    let q = eq + 1;
    while (q < n && isSpace(attrs.charCodeAt(q))) q++;
    const quote = attrs.charCodeAt(q);
    if (quote !== 34 && quote !== 39) return;
    const end = attrs.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (end < 0) return;
    const value = attrs.slice(q + 1, end);
    each(attrs.slice(nameStart, nameEnd), value.includes('&') ? decodeEntities(value) : value);
    i = end + 1;
  }
}

/** The value of attribute `name` (exactly, prefix included); undefined when absent. */
export function attribute(attrs: string, name: string): string | undefined {
  let found: string | undefined;
  eachAttribute(attrs, (key, value) => {
    if (found === undefined && key === name) found = value;
  });
  return found;
}

export class TagScanner {
  private rest = '';
  private text = '';

  constructor(private readonly handler: TagHandler) {}

  private grew(): void {
    if (this.text.length > MAX_TEXT) throw tooLongText();
  }

  /** The text collected since the last call. */
  takeText(): string {
    const text = this.text;
    this.text = '';
    return text;
  }

  feed(chunk: string): void {
    const buf = this.rest.length > 0 ? this.rest + chunk : chunk;
    this.rest = '';
    const h = this.handler;
    const n = buf.length;
    let pos = 0;
    while (pos < n) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        if (h.capturing) {
          // Keep an entity cut in two ("&am" + "p;") for the next chunk (anything longer is no entity),
          // and a CR that may be the first half of CR LF.
          const amp = buf.lastIndexOf('&');
          let cut = amp >= pos && n - amp < 12 && buf.indexOf(';', amp) < 0 ? amp : n;
          if (cut === n && buf.charCodeAt(n - 1) === 13) cut = n - 1;
          this.text += textOf(buf.slice(pos, cut));
          this.grew();
          pos = cut;
        } else pos = n;
        break;
      }
      if (lt > pos && h.capturing) {
        this.text += textOf(buf.slice(pos, lt));
        this.grew();
      }
      const next = buf.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        const cdata = buf.startsWith('<![CDATA[', lt);
        const closing = cdata ? ']]>' : buf.startsWith('<!--', lt) ? '-->' : '>';
        const end = buf.indexOf(closing, lt + 2);
        if (end < 0) {
          if (n - lt > (cdata ? MAX_TEXT : MAX_TAG)) throw new XmlScanError('a comment or text section that never ends');
          pos = lt;
          break;
        }
        if (cdata && h.capturing) {
          this.text += buf.slice(lt + 9, end);
          this.grew();
        }
        pos = end + closing.length;
        continue;
      }
      const gt = buf.indexOf('>', lt + 1);
      if (gt < 0) {
        if (n - lt > MAX_TAG) throw new XmlScanError(`a tag longer than ${MAX_TAG} characters`);
        pos = lt;
        break;
      }
      pos = gt + 1;
      if (next === 63 /* ? */) continue;
      if (next === 47 /* / */) {
        let start = lt + 2;
        let stop = gt;
        while (stop > start && isSpace(buf.charCodeAt(stop - 1))) stop--;
        for (let i = start; i < stop; i++) if (buf.charCodeAt(i) === 58 /* : */) start = i + 1;
        h.close(buf.slice(start, stop));
        continue;
      }
      const selfClosing = buf.charCodeAt(gt - 1) === 47;
      const end = selfClosing ? gt - 1 : gt;
      let nameStart = lt + 1;
      let nameEnd = nameStart;
      while (nameEnd < end && !isSpace(buf.charCodeAt(nameEnd))) {
        if (buf.charCodeAt(nameEnd) === 58 /* : */) nameStart = nameEnd + 1;
        nameEnd++;
      }
      const name = buf.slice(nameStart, nameEnd);
      h.open(name, nameEnd < end ? buf.slice(nameEnd, end) : '', selfClosing);
      if (selfClosing) h.close(name);
    }
    if (pos < n) this.rest = buf.slice(pos);
  }

  /** After the last chunk: true when nothing was left half-read. */
  get complete(): boolean {
    return this.rest.trim() === '';
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
