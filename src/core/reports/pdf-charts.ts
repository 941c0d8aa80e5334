import type { Dashboard } from './contract';
import { COLOR, CONTENT_WIDTH, ensureSpace, PAGE, type Pdf } from './pdf-doc';

/**
 * Charts drawn as vector paths (rectangles and lines), each with its numbers written beside the marks, so
 * a printout or a screen reader of the extracted text needs no picture.
 */
const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
const pct = (n: number) => `${Math.round(n * 100)}%`;

/** Horizontal bars: one per funnel stage, the count and the share of registered people at the end. */
export function funnelChart(doc: Pdf, funnel: Dashboard['funnel']): void {
  const labelW = 120;
  const valueW = 90;
  const barW = CONTENT_WIDTH - labelW - valueW;
  const rowH = 22;
  ensureSpace(doc, funnel.length * rowH + 10);
  const top = doc.y;
  const max = Math.max(1, ...funnel.map((f) => f.people));
  funnel.forEach((f, i) => {
    const y = top + i * rowH;
    doc.font('regular').fontSize(9.5).fillColor(COLOR.ink).text(f.label, PAGE.margin, y + 4, { width: labelW - 8, lineBreak: false });
    doc.rect(PAGE.margin + labelW, y + 2, barW, rowH - 6).fill(COLOR.band);
    const w = (f.people / max) * barW;
    if (w > 0) doc.rect(PAGE.margin + labelW, y + 2, Math.max(1.5, w), rowH - 6).fill(i === 0 ? COLOR.primarySoft : COLOR.primary);
    doc.font('bold').fontSize(9.5).fillColor(COLOR.ink).text(fmt(f.people), PAGE.margin + labelW + barW + 8, y + 4, { width: 40, align: 'right', lineBreak: false });
    doc.font('regular').fontSize(8.5).fillColor(COLOR.muted).text(pct(f.ofRegistered), PAGE.margin + labelW + barW + 50, y + 4.6, { width: valueW - 50, align: 'right', lineBreak: false });
  });
  doc.x = PAGE.margin;
  doc.y = top + funnel.length * rowH + 8;
}

/** Columns of sessions held per week, with the expected sessions as a stepped line over them. */
export function weeklyChart(doc: Pdf, weeks: Dashboard['weeks']): void {
  const h = 150;
  const axisW = 30;
  ensureSpace(doc, h + 50);
  const top = doc.y + 6;
  const left = PAGE.margin + axisW;
  const width = CONTENT_WIDTH - axisW;
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.held, w.expected)));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const yOf = (v: number) => top + h - (v / yMax) * h;
  doc.lineWidth(0.5);
  for (let v = 0; v <= yMax; v += step) {
    doc.moveTo(left, yOf(v)).lineTo(left + width, yOf(v)).strokeColor(COLOR.rule).stroke();
    doc.font('regular').fontSize(7.5).fillColor(COLOR.muted).text(fmt(v), PAGE.margin, yOf(v) - 4, { width: axisW - 5, align: 'right', lineBreak: false });
  }
  const slot = width / Math.max(1, weeks.length);
  const barW = Math.max(1, slot * 0.66);
  weeks.forEach((w, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    if (w.held > 0) doc.rect(x, yOf(w.held), barW, yOf(0) - yOf(w.held)).fill(COLOR.primary);
  });
  doc.lineWidth(1.6).strokeColor(COLOR.expected);
  weeks.forEach((w, i) => {
    const x0 = left + i * slot;
    if (i === 0) doc.moveTo(x0, yOf(w.expected));
    else doc.lineTo(x0, yOf(w.expected));
    doc.lineTo(x0 + slot, yOf(w.expected));
  });
  if (weeks.length > 0) doc.stroke();
  const every = Math.max(1, Math.ceil(weeks.length / 8));
  weeks.forEach((w, i) => {
    if (i % every !== 0) return;
    doc.font('regular').fontSize(7.5).fillColor(COLOR.muted).text(shortDate(w.week), left + i * slot - 10, top + h + 4, { width: 50, lineBreak: false });
  });
  const ly = top + h + 20;
  doc.rect(left, ly + 2, 9, 9).fill(COLOR.primary);
  doc.font('regular').fontSize(8.5).fillColor(COLOR.ink).text('Sessions held', left + 13, ly + 1, { lineBreak: false });
  doc.moveTo(left + 100, ly + 6.5).lineTo(left + 115, ly + 6.5).lineWidth(1.6).strokeColor(COLOR.expected).stroke();
  doc.text("Expected by the pairs' cadences", left + 119, ly + 1, { lineBreak: false });
  doc.x = PAGE.margin;
  doc.y = ly + 18;
}

/** One bar split by health, and the counts in words beside it. */
export function healthChart(doc: Pdf, health: Dashboard['health']): void {
  const total = health.reduce((n, h) => n + h.pairs, 0);
  ensureSpace(doc, 50);
  const top = doc.y + 4;
  const color = { 'on-track': COLOR.good, 'needs-attention': COLOR.warn, 'at-risk': COLOR.bad } as const;
  let x = PAGE.margin;
  if (total === 0) doc.rect(x, top, CONTENT_WIDTH, 16).fill(COLOR.band);
  for (const h of health) {
    const w = total === 0 ? 0 : (h.pairs / total) * CONTENT_WIDTH;
    if (w > 0) doc.rect(x, top, w, 16).fill(color[h.health]);
    x += w;
  }
  let lx = PAGE.margin;
  for (const h of health) {
    doc.rect(lx, top + 26, 9, 9).fill(color[h.health]);
    const text = `${h.label}: ${fmt(h.pairs)} (${total === 0 ? '0%' : pct(h.pairs / total)})`;
    doc.font('regular').fontSize(9).fillColor(COLOR.ink).text(text, lx + 13, top + 25, { lineBreak: false });
    lx += 13 + doc.widthOfString(text) + 22;
  }
  doc.x = PAGE.margin;
  doc.y = top + 44;
}

/** Mentors by how many active mentees they have (0, 1, 2, 3 or more), the count over each column. */
export function mentorLoadChart(doc: Pdf, mentors: Dashboard['mentors']): void {
  const buckets = ['No mentee', '1 mentee', '2 mentees', '3 or more'];
  const counts = [0, 0, 0, 0];
  for (const m of mentors) counts[Math.min(3, m.mentees)]! += 1;
  const h = 90;
  ensureSpace(doc, h + 40);
  const top = doc.y + 14;
  const max = Math.max(1, ...counts);
  const slot = CONTENT_WIDTH / 4;
  counts.forEach((c, i) => {
    const bh = (c / max) * h;
    const x = PAGE.margin + i * slot + slot * 0.25;
    if (bh > 0) doc.rect(x, top + h - bh, slot * 0.5, bh).fill(COLOR.primary);
    doc.font('bold').fontSize(9.5).fillColor(COLOR.ink).text(fmt(c), x, top + h - bh - 13, { width: slot * 0.5, align: 'center', lineBreak: false });
    doc.font('regular').fontSize(8.5).fillColor(COLOR.muted).text(buckets[i]!, PAGE.margin + i * slot, top + h + 4, { width: slot, align: 'center', lineBreak: false });
  });
  doc.moveTo(PAGE.margin, top + h).lineTo(PAGE.margin + CONTENT_WIDTH, top + h).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
  doc.x = PAGE.margin;
  doc.y = top + h + 22;
}

function niceStep(max: number): number {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

export function shortDate(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}
