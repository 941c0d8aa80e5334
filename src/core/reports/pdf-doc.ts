import { join } from 'node:path';

/** pdfkit's document type, without loading pdfkit at start (it is loaded on first use, like exceljs). */
export type Pdf = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89, margin: 56 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const COLOR = {
  ink: '#1f2933',
  muted: '#52606d',
  faint: '#9aa5b1',
  rule: '#d9e2ec',
  band: '#f0f4f8',
  primary: '#1e5aa8',
  primarySoft: '#9cbce6',
  expected: '#c2410c',
  good: '#2f855a',
  warn: '#b7791f',
  bad: '#c53030',
} as const;

/**
 * A new A4 document with the bundled Noto Sans CJK JP subsets registered as 'regular' and 'bold' (Latin with
 * accents, Greek, Cyrillic, kana and JIS kanji): pdfkit embeds only the glyphs used, and writes a ToUnicode
 * map so the text can be selected and extracted. The default font is ours, so pdfkit never reads its
 * built-in Helvetica metrics.
 */
export async function newPdf(fontsDir: string, info: { title: string; author: string; subject?: string }, autoFirstPage = true): Promise<Pdf> {
  const { default: PDFDocument } = await import('pdfkit');
  const regular = join(fontsDir, 'NotoSans-Regular.ttf');
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    autoFirstPage,
    bufferPages: true,
    font: regular,
    lang: 'en',
    displayTitle: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject ?? info.title, Creator: 'Pairwise', Producer: 'Pairwise (pdfkit)' },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', join(fontsDir, 'NotoSans-Bold.ttf'));
  doc.registerFont('cjk-regular', join(fontsDir, 'NotoSansJP-Regular.otf'));
  doc.registerFont('cjk-bold', join(fontsDir, 'NotoSansJP-Bold.otf'));
  withScriptFallback(doc);
  doc.font('regular');
  return doc;
}

/** Chinese characters, kana, CJK punctuation and full-width forms: what Noto Sans has no glyph for. */
const CJK_CHAR = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\u31f0-\\u31ff\\uff00-\\uffef]';
/** A run of CJK, spaces between CJK characters included (田中 智子 stays one run, so it does not wrap apart). */
const CJK = new RegExp(`(${CJK_CHAR}+(?:\\s+${CJK_CHAR}+)*)`, 'u');

/**
 * pdfkit draws a string in one font. Noto Sans has every Latin, Greek and Cyrillic letter but no CJK;
 * Noto Sans CJK has CJK but not all of Latin Extended (Ł, Ş, Č…). So text() is wrapped: a string with
 * CJK in it is written as runs, CJK runs in the CJK face of the same weight, chained with `continued`
 * so wrapping and alignment still apply to the whole string.
 */
function withScriptFallback(doc: Pdf): void {
  let weight: 'regular' | 'bold' = 'regular';
  const setFont = doc.font.bind(doc);
  const write = doc.text.bind(doc) as (text: string, ...rest: unknown[]) => Pdf;
  (doc as { font: unknown }).font = (name: string, ...rest: unknown[]) => {
    if (name === 'regular' || name === 'bold') weight = name;
    return (setFont as (n: string, ...r: unknown[]) => Pdf)(name, ...rest);
  };
  (doc as { text: unknown }).text = (text: string, ...rest: unknown[]) => {
    const parts = String(text).split(CJK).filter((p) => p !== '');
    if (parts.length <= 1 && !CJK.test(String(text))) return write(text, ...rest);
    const hasXY = typeof rest[0] === 'number';
    const options = ((hasXY ? rest[2] : rest[0]) ?? {}) as Record<string, unknown>;
    parts.forEach((part, i) => {
      setFont(CJK.test(part) ? `cjk-${weight}` : weight);
      const last = i === parts.length - 1;
      const opts = { ...options, continued: last ? (options.continued ?? false) : true };
      if (i === 0 && hasXY) write(part, rest[0], rest[1], opts);
      else write(part, opts);
    });
    setFont(weight);
    return doc;
  };
}

/** Ends the document and resolves with its bytes. */
export function pdfBytes(doc: Pdf): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

/** Starts a new page when fewer than `height` points are left above the bottom margin. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > PAGE.height - PAGE.margin - 20) doc.addPage();
}

/** A section heading, moved to a new page with what follows when fewer than `keepWith` points would fit under it. */
export function heading(doc: Pdf, text: string, size = 16, keepWith = 140): void {
  ensureSpace(doc, size * 3 + keepWith);
  doc.moveDown(0.6).font('bold').fontSize(size).fillColor(COLOR.ink).text(text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  const y = doc.y + 3;
  doc.moveTo(PAGE.margin, y).lineTo(PAGE.margin + CONTENT_WIDTH, y).lineWidth(0.7).strokeColor(COLOR.rule).stroke();
  doc.y = y + 8;
}

export function paragraph(doc: Pdf, text: string, options: { size?: number; color?: string; bullet?: boolean } = {}): void {
  const size = options.size ?? 10.5;
  doc.font('regular').fontSize(size).fillColor(options.color ?? COLOR.ink);
  if (options.bullet) {
    const x = PAGE.margin + 12;
    ensureSpace(doc, doc.heightOfString(text, { width: CONTENT_WIDTH - 12 }) + 4);
    const y = doc.y;
    doc.circle(PAGE.margin + 4, y + size * 0.62, 1.8).fill(COLOR.primary);
    doc.fillColor(options.color ?? COLOR.ink).text(text, x, y, { width: CONTENT_WIDTH - 12 });
  } else {
    ensureSpace(doc, doc.heightOfString(text, { width: CONTENT_WIDTH }) + 4);
    doc.text(text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  }
  doc.moveDown(0.35);
}

export interface PdfColumn {
  header: string;
  /** Share of the content width. */
  width: number;
  align?: 'left' | 'right';
}

/** A table with a shaded header row, repeated on each new page, and hairlines between rows. */
export function table(doc: Pdf, columns: readonly PdfColumn[], rows: readonly (readonly string[])[], size = 9.5): void {
  const widths = columns.map((c) => c.width * CONTENT_WIDTH);
  const pad = 5;
  const rowHeight = (cells: readonly string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((cell, k) => doc.heightOfString(cell, { width: widths[k]! - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: readonly string[], header: boolean, h = rowHeight(cells, header ? 'bold' : 'regular')) => {
    const y = doc.y;
    if (header) doc.rect(PAGE.margin, y, CONTENT_WIDTH, h).fill(COLOR.band);
    let x = PAGE.margin;
    cells.forEach((cell, k) => {
      doc.font(header ? 'bold' : 'regular').fontSize(size).fillColor(header ? COLOR.muted : COLOR.ink);
      doc.text(cell, x + pad, y + pad, { width: widths[k]! - 2 * pad, align: columns[k]!.align ?? 'left' });
      x += widths[k]!;
    });
    doc.moveTo(PAGE.margin, y + h).lineTo(PAGE.margin + CONTENT_WIDTH, y + h).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    doc.y = y + h;
  };
  const headers = columns.map((c) => c.header);
  // A short table stays on one page; a long one starts with its header and at least one row.
  const whole = rows.length <= 14 ? rows.reduce((n, r) => n + rowHeight(r, 'regular'), 0) : rows[0] ? rowHeight(rows[0], 'regular') : 0;
  ensureSpace(doc, rowHeight(headers, 'bold') + whole);
  drawRow(headers, true);
  for (const row of rows) {
    const h = rowHeight(row, 'regular');
    if (doc.y + h > PAGE.height - PAGE.margin - 20) {
      doc.addPage();
      drawRow(headers, true);
    }
    drawRow(row, false, h);
  }
  doc.x = PAGE.margin;
  doc.moveDown(0.6);
}

/** "Page 2 of 5" and a short title on every page but the cover, written once the page count is known. */
export function footers(doc: Pdf, title: string, skipFirst: boolean): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    if (skipFirst && i === range.start) continue;
    doc.switchToPage(i);
    // Text below the bottom margin would make pdfkit start a page: lift the margin while writing the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = PAGE.height - PAGE.margin + 14;
    doc.font('regular').fontSize(8).fillColor(COLOR.faint);
    doc.text(title, PAGE.margin, y, { width: CONTENT_WIDTH * 0.75, lineBreak: false, height: 12 });
    doc.text(`Page ${i + 1} of ${range.count}`, PAGE.margin, y, { width: CONTENT_WIDTH, align: 'right', lineBreak: false, height: 12 });
    doc.page.margins.bottom = bottom;
  }
}
