import type { QuestionResult, SurveyResults } from '../feedback/contract';
import type { Dashboard } from './contract';
import { COLOR, CONTENT_WIDTH, ensureSpace, heading, PAGE, paragraph, table, type Pdf } from './pdf-doc';
import { dayText } from './period';

/**
 * The report's sections on what the goals and feedback work record: goals, satisfaction over time and
 * survey results. Survey figures are printed exactly as the feedback work's results give them: a group
 * it hides is left out by name and figures, and only their number is said.
 */

export function goalsSection(doc: Pdf, goals: NonNullable<Dashboard['goals']>): void {
  heading(doc, 'Goals', 13);
  const open = goals.total - goals.reached;
  const top = doc.y + 4;
  const parts = [
    { label: 'Reached', n: goals.reached, color: COLOR.good },
    { label: 'Open, moving', n: open - goals.stuck, color: COLOR.primarySoft },
    { label: 'Open, stuck', n: goals.stuck, color: COLOR.warn },
  ];
  let x = PAGE.margin;
  for (const p of parts) {
    const w = goals.total === 0 ? 0 : (p.n / goals.total) * CONTENT_WIDTH;
    if (w > 0) doc.rect(x, top, w, 14).fill(p.color);
    x += w;
  }
  let lx = PAGE.margin;
  for (const p of parts) {
    doc.rect(lx, top + 22, 9, 9).fill(p.color);
    const text = `${p.label}: ${p.n}`;
    doc.font('regular').fontSize(9).fillColor(COLOR.ink).text(text, lx + 13, top + 21, { lineBreak: false });
    lx += 13 + doc.widthOfString(text) + 22;
  }
  doc.x = PAGE.margin;
  doc.y = top + 40;
  paragraph(doc, `${goals.reached} of ${goals.total} goals reached across ${goals.pairsWithGoals} pairs; ${goals.stuck} open goals have had no progress for the program's stuck period.`, { size: 9.5, color: COLOR.muted });
}

export function satisfactionSection(doc: Pdf, months: Dashboard['satisfaction']): void {
  heading(doc, 'Satisfaction over time', 13);
  if (months.length === 0) {
    paragraph(doc, 'No pair has rated its match yet.', { color: COLOR.muted });
    return;
  }
  const h = 90;
  ensureSpace(doc, h + 30);
  const top = doc.y + 14;
  const slot = Math.min(70, CONTENT_WIDTH / months.length);
  months.forEach((m, i) => {
    const bh = (m.averageMatch / 5) * h;
    const x = PAGE.margin + i * slot + slot * 0.2;
    doc.rect(x, top + h - bh, slot * 0.6, bh).fill(COLOR.primary);
    doc.font('bold').fontSize(8.5).fillColor(COLOR.ink).text(m.averageMatch.toFixed(1), x - 4, top + h - bh - 12, { width: slot * 0.6 + 8, align: 'center', lineBreak: false });
    doc.font('regular').fontSize(7.5).fillColor(COLOR.muted).text(monthText(m.month), PAGE.margin + i * slot, top + h + 4, { width: slot, align: 'center', lineBreak: false });
  });
  doc.moveTo(PAGE.margin, top + h).lineTo(PAGE.margin + CONTENT_WIDTH, top + h).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
  doc.x = PAGE.margin;
  doc.y = top + h + 20;
  table(doc, [{ header: 'Month', width: 0.4 }, { header: 'Ratings', width: 0.3, align: 'right' }, { header: 'Average (1–5)', width: 0.3, align: 'right' }], months.map((m) => [monthText(m.month), String(m.ratings), m.averageMatch.toFixed(2)]), 8.5);
}

const figure = (q: QuestionResult) =>
  q.nps ? `NPS ${q.nps.score}` : q.mean !== null ? q.mean.toFixed(2) : q.distribution ? q.distribution.map((d) => `${d.label}: ${d.count}`).join(', ') : '—';

export function surveysSection(doc: Pdf, surveys: readonly SurveyResults[]): void {
  heading(doc, 'Survey results');
  if (surveys.length === 0) {
    paragraph(doc, 'No survey of this cohort is closed yet: results are shown once a survey is closed.', { color: COLOR.muted });
    return;
  }
  for (const r of surveys) {
    heading(doc, r.survey.title, 12);
    if (!r.shown) {
      paragraph(doc, r.notice ?? 'The results are not shown.', { color: COLOR.muted });
      continue;
    }
    paragraph(doc, `${r.respondents} of ${r.invited} invited answered (${r.rate ?? 0}%), closed ${r.survey.closedAt ? dayText(r.survey.closedAt) : ''}. Groups with fewer than ${r.k} answers are not shown.`, { size: 9.5, color: COLOR.muted });
    const rows: string[][] = [];
    let hidden = 0;
    for (const q of r.questions) {
      if (q.type === 'text') continue;
      rows.push([q.text, q.answered === null ? '—' : String(q.answered), figure(q)]);
      for (const b of q.byGroup) {
        for (const g of b.groups) {
          if (g.hidden || g.count === null) {
            hidden += 1;
            continue;
          }
          rows.push([`    ${b.attribute}: ${g.label}`, String(g.count), g.nps !== null ? `NPS ${g.nps}` : g.mean !== null ? g.mean.toFixed(2) : '—']);
        }
      }
    }
    if (rows.length > 0) table(doc, [{ header: 'Question', width: 0.6 }, { header: 'Answers', width: 0.15, align: 'right' }, { header: 'Result', width: 0.25, align: 'right' }], rows, 8.5);
    if (hidden > 0) paragraph(doc, `${hidden} group figure${hidden === 1 ? ' is' : 's are'} not shown, to keep answers anonymous.`, { size: 9, color: COLOR.muted });
  }
}

function monthText(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}
