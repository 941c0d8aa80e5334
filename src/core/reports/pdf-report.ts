import { BADGE_LABEL } from './badges';
import type { BadgeKind } from './contract';
import type { ReportModel, SummaryFigure } from './model';
import { funnelChart, healthChart, mentorLoadChart, weeklyChart } from './pdf-charts';
import { COLOR, CONTENT_WIDTH, ensureSpace, footers, heading, newPdf, PAGE, paragraph, pdfBytes, table, type Pdf } from './pdf-doc';
import { periodText, dayText } from './period';
import { goalsSection, satisfactionSection, surveysSection } from './pdf-feedback';

/** At-risk pairs named in the PDF at most (longest without a session first). */
const MAX_NAMED = 60;

const fmt = (n: number, unit: SummaryFigure['unit']) =>
  unit === 'percent' ? `${Math.round(n * 100)}%` : n.toLocaleString('en-GB', { maximumFractionDigits: unit === 'decimal' ? 1 : 0 });

function changeText(f: SummaryFigure): string {
  if (f.change === null) return 'first report';
  if (f.change === 0) return 'no change';
  const amount = f.unit === 'percent' ? `${Math.abs(Math.round(f.change * 100))} pts` : Math.abs(f.change).toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return `${f.change > 0 ? '▲' : '▼'} ${amount}`;
}

function cover(doc: Pdf, m: ReportModel): void {
  const d = m.dashboard;
  doc.rect(0, 0, PAGE.width, 300).fill(COLOR.primary);
  doc.font('bold').fontSize(11).fillColor('#dbe7f7').text((m.organisation || 'Mentoring program').toUpperCase(), PAGE.margin, 90, { width: CONTENT_WIDTH });
  doc.font('bold').fontSize(34).fillColor('#ffffff').text('Progress report', PAGE.margin, 120, { width: CONTENT_WIDTH });
  doc.font('regular').fontSize(16).fillColor('#ffffff').text(`${d.cohort.programName} · ${d.cohort.name}`, PAGE.margin, 170, { width: CONTENT_WIDTH });
  doc.font('regular').fontSize(11).fillColor('#dbe7f7').text(periodText(d), PAGE.margin, 200, { width: CONTENT_WIDTH });
  if (d.department) doc.text(`Department: ${d.department}`, PAGE.margin, 218, { width: CONTENT_WIDTH });

  const rows: [string, string][] = [
    ['Organisation', m.organisation || '—'],
    ['Program', d.cohort.programName],
    ['Cohort', d.cohort.name],
    ['Period', periodText(d)],
    ['Figures as of', dayText(d.asOf)],
    ['Previous report', m.previous ? dayText(m.previous.madeAt) : 'none: this is the first'],
  ];
  let y = 350;
  for (const [k, v] of rows) {
    doc.font('regular').fontSize(10).fillColor(COLOR.muted).text(k, PAGE.margin, y, { width: 130 });
    doc.font('bold').fontSize(10.5).fillColor(COLOR.ink).text(v, PAGE.margin + 130, y, { width: CONTENT_WIDTH - 130 });
    y = Math.max(doc.y, y + 14) + 8;
  }
  doc.font('regular').fontSize(9).fillColor(COLOR.faint).text(`Made with Pairwise on ${dayText(m.madeAt)}. Survey results follow the program's anonymity rules; pairs at risk are counted, not named, unless the coordinator chose to name them.`, PAGE.margin, PAGE.height - 120, { width: CONTENT_WIDTH });
}

function summaryCards(doc: Pdf, m: ReportModel): void {
  const cols = 4;
  const gap = 10;
  const w = (CONTENT_WIDTH - gap * (cols - 1)) / cols;
  const h = 80;
  const rows = Math.ceil(m.summary.length / cols);
  ensureSpace(doc, rows * (h + gap));
  const top = doc.y + 4;
  m.summary.forEach((f, i) => {
    const x = PAGE.margin + (i % cols) * (w + gap);
    const y = top + Math.floor(i / cols) * (h + gap);
    doc.roundedRect(x, y, w, h, 5).fill(COLOR.band);
    doc.font('bold').fontSize(20).fillColor(COLOR.ink).text(fmt(f.value, f.unit), x + 9, y + 8, { width: w - 18, lineBreak: false });
    doc.font('regular').fontSize(8.5).fillColor(COLOR.muted).text(f.label, x + 9, y + 35, { width: w - 18, height: 26 });
    const good = f.key === 'atRisk' ? (f.change ?? 0) < 0 : (f.change ?? 0) > 0;
    doc.font('regular').fontSize(8).fillColor(f.change === null || f.change === 0 ? COLOR.faint : good ? COLOR.good : COLOR.bad).text(changeText(f), x + 9, y + h - 14, { width: w - 18, lineBreak: false });
  });
  doc.x = PAGE.margin;
  doc.y = top + rows * (h + gap);
}

/** The progress report: cover, summary with changes, the charts with their numbers, highlights, risks, surveys, recognition. */
export async function reportPdf(m: ReportModel, fontsDir: string): Promise<Uint8Array> {
  const d = m.dashboard;
  const title = `Progress report · ${d.cohort.programName} · ${d.cohort.name}`;
  const doc = await newPdf(fontsDir, { title, author: m.organisation || 'Pairwise' });
  cover(doc, m);

  doc.addPage();
  heading(doc, 'Summary');
  paragraph(doc, m.previous ? `Changes are since the previous report of ${dayText(m.previous.madeAt)}.` : 'This is the first report for this cohort: the next one will show the changes since this one.', { color: COLOR.muted, size: 9.5 });
  summaryCards(doc, m);
  heading(doc, 'Highlights', 13);
  for (const h of m.highlights) paragraph(doc, h, { bullet: true });

  heading(doc, 'From registration to completion', 16, 200);
  funnelChart(doc, d.funnel);
  table(
    doc,
    [{ header: 'Stage', width: 0.4 }, { header: 'People', width: 0.15, align: 'right' }, { header: 'Mentees', width: 0.15, align: 'right' }, { header: 'Mentors', width: 0.15, align: 'right' }, { header: 'Of registered', width: 0.15, align: 'right' }],
    d.funnel.map((f) => [f.label, String(f.people), String(f.mentees), String(f.mentors), `${Math.round(f.ofRegistered * 100)}%`]),
    9,
  );
  heading(doc, 'Pairs by health', 13);
  healthChart(doc, d.health);
  heading(doc, 'Mentor load', 13);
  mentorLoadChart(doc, d.mentors);
  const capacity = d.mentors.reduce((n, x) => n + x.capacity, 0);
  const mentees = d.mentors.reduce((n, x) => n + x.mentees, 0);
  paragraph(doc, `${d.mentors.length.toLocaleString('en-GB')} mentors with ${mentees.toLocaleString('en-GB')} active mentees for ${capacity.toLocaleString('en-GB')} places (${capacity === 0 ? 0 : Math.round((mentees / capacity) * 100)}% of capacity).`, { size: 9.5, color: COLOR.muted });

  heading(doc, 'Sessions per week', 16, 220);
  paragraph(doc, `${d.sessionsHeld.toLocaleString('en-GB')} sessions held; the pairs' cadences called for ${d.sessionsExpected.toLocaleString('en-GB')} in the period.`, { color: COLOR.muted, size: 9.5 });
  weeklyChart(doc, d.weeks);
  const recent = d.weeks.slice(-12);
  table(
    doc,
    [{ header: recent.length < d.weeks.length ? 'Week of (last 12 weeks)' : 'Week of', width: 0.5 }, { header: 'Held', width: 0.25, align: 'right' }, { header: 'Expected', width: 0.25, align: 'right' }],
    recent.map((w) => [dayText(w.week), String(w.held), w.expected.toLocaleString('en-GB')]),
    8.5,
  );
  if (d.goals) goalsSection(doc, d.goals);
  satisfactionSection(doc, d.satisfaction);

  heading(doc, 'Risks', 16, 80);
  for (const line of m.risks.lines) paragraph(doc, line, { bullet: true });
  if (m.risks.names && m.risks.names.length > 0) {
    // A report read in five minutes names the first pairs; the Excel export lists them all.
    const shown = m.risks.names.slice(0, MAX_NAMED);
    table(doc, [{ header: 'Mentee', width: 0.3 }, { header: 'Mentor', width: 0.3 }, { header: 'Why', width: 0.4 }], shown.map((r) => [r.mentee, r.mentor, r.rule]), 9);
    if (m.risks.names.length > shown.length) paragraph(doc, `… and ${m.risks.names.length - shown.length} more pairs at risk: the Excel export lists them all.`, { size: 9, color: COLOR.muted });
  } else if (m.risks.atRisk > 0) {
    paragraph(doc, 'The pairs are not named in this report.', { size: 9, color: COLOR.muted });
  }

  surveysSection(doc, m.surveys);

  heading(doc, 'Recognition');
  const counts = new Map<BadgeKind, number>();
  for (const b of m.badges) counts.set(b.kind, (counts.get(b.kind) ?? 0) + 1);
  if (counts.size === 0) paragraph(doc, 'No badges earned yet: the first comes with a pair\'s first session.', { color: COLOR.muted });
  else table(doc, [{ header: 'Badge', width: 0.7 }, { header: 'People', width: 0.3, align: 'right' }], (Object.keys(BADGE_LABEL) as BadgeKind[]).filter((k) => counts.has(k)).map((k) => [BADGE_LABEL[k], String(counts.get(k))]));
  if (m.leaderboard) {
    heading(doc, 'Leaderboard', 13);
    paragraph(doc, 'Shown because the coordinator opted in.', { size: 9, color: COLOR.muted });
    table(doc, [{ header: 'Person', width: 0.3 }, { header: 'Role', width: 0.12 }, { header: 'Badges', width: 0.1, align: 'right' }, { header: 'Earned', width: 0.48 }], m.leaderboard.map((l) => [l.name, l.role, String(l.badges), l.labels]), 9);
  }
  footers(doc, title, true);
  return pdfBytes(doc);
}
