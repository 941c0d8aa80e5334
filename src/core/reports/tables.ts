import { toCsvBytes, type CsvCell } from '../files/csv';
import { toXlsx, type XlsxSheet } from '../files/xlsx';
import { resultSheets } from '../feedback/export';
import { BADGE_LABEL } from './badges';
import type { BadgeKind } from './contract';
import type { ReportModel } from './model';
import { periodText } from './period';

/**
 * The report's content as tables, one per section: the XLSX has one sheet per table (numbers as number
 * cells, header frozen), the CSV has them one after another, each under its title row.
 */
export function reportTables(m: ReportModel): XlsxSheet[] {
  const d = m.dashboard;
  const sheets: XlsxSheet[] = [
    {
      name: 'Report',
      columns: [{ header: 'Field', width: 28 }, { header: 'Value', width: 50 }],
      rows: [
        ['Organisation', m.organisation],
        ['Program', d.cohort.programName],
        ['Cohort', d.cohort.name],
        ['Department', d.department ?? 'All'],
        ['Period', periodText(d)],
        ['Figures as of', d.asOf],
        ['Previous report', m.previous?.madeAt ?? ''],
      ],
    },
    {
      name: 'Summary',
      columns: [{ header: 'Figure', width: 36 }, { header: 'Value', width: 12 }, { header: 'Change since last report', width: 24 }],
      rows: m.summary.map((f) => [f.label, f.value, f.change]),
    },
    {
      name: 'Funnel',
      columns: [{ header: 'Stage', width: 22 }, { header: 'People', width: 10 }, { header: 'Mentees', width: 10 }, { header: 'Mentors', width: 10 }, { header: 'Share of registered', width: 20 }],
      rows: d.funnel.map((f) => [f.label, f.people, f.mentees, f.mentors, Math.round(f.ofRegistered * 1000) / 1000]),
    },
    {
      name: 'Sessions per week',
      columns: [{ header: 'Week of', width: 14 }, { header: 'Held', width: 10 }, { header: 'Expected', width: 10 }],
      rows: d.weeks.map((w) => [w.week, w.held, w.expected]),
    },
    {
      name: 'Health',
      columns: [{ header: 'Health', width: 20 }, { header: 'Pairs', width: 10 }],
      rows: d.health.map((h) => [h.label, h.pairs]),
    },
    {
      name: 'Mentor load',
      columns: [{ header: 'Mentor', width: 28 }, { header: 'Department', width: 18 }, { header: 'Capacity', width: 10 }, { header: 'Active mentees', width: 14 }, { header: 'Sessions held', width: 14 }, { header: 'Pairs at risk', width: 12 }],
      rows: d.mentors.map((x) => [x.name, x.department, x.capacity, x.mentees, x.held, x.atRisk]),
    },
    {
      name: 'Risks',
      columns: [{ header: 'Risk', width: 60 }],
      rows: [...m.risks.lines.map((l) => [l]), ...(m.risks.names ?? []).map((r) => [`${r.mentee} – ${r.mentor}: ${r.rule}`])],
    },
    {
      // As in the PDF: how many earned each badge (everyone's badges: reports.badges, the mentor view).
      name: 'Badges',
      columns: [{ header: 'Badge', width: 24 }, { header: 'People', width: 10 }],
      rows: badgeCounts(m),
    },
  ];
  if (d.goals) {
    sheets.push({ name: 'Goals', columns: [{ header: 'Goals', width: 16 }, { header: 'Count', width: 10 }], rows: [['Set', d.goals.total], ['Reached', d.goals.reached], ['Stuck', d.goals.stuck], ['Pairs with goals', d.goals.pairsWithGoals]] });
  }
  sheets.push({
    name: 'Satisfaction',
    columns: [{ header: 'Month', width: 12 }, { header: 'Ratings', width: 10 }, { header: 'Average match rating (1-5)', width: 26 }],
    rows: d.satisfaction.map((x) => [x.month, x.ratings, x.averageMatch]),
  });
  // Survey figures exactly as the feedback work exports them (suppression applied), without the comments.
  m.surveys.forEach((r, i) => {
    if (!r.shown) return;
    for (const sheet of resultSheets(r)) {
      if (sheet.name === 'Comments') continue;
      sheets.push({ ...sheet, name: `Survey ${i + 1} ${sheet.name}`.slice(0, 31) });
    }
  });
  if (m.leaderboard) {
    sheets.push({ name: 'Leaderboard', columns: [{ header: 'Person', width: 28 }, { header: 'Role', width: 10 }, { header: 'Badges', width: 10 }, { header: 'Earned', width: 50 }], rows: m.leaderboard.map((l) => [l.name, l.role, l.badges, l.labels]) });
  }
  return sheets;
}

export function reportXlsx(m: ReportModel): Promise<Uint8Array> {
  return toXlsx(reportTables(m));
}

export function reportCsv(m: ReportModel): Uint8Array {
  const rows: CsvCell[][] = [];
  for (const sheet of reportTables(m)) {
    if (rows.length > 0) rows.push([]);
    rows.push([sheet.name]);
    rows.push(sheet.columns.map((c) => c.header));
    for (const r of sheet.rows) rows.push([...r]);
  }
  return toCsvBytes(rows);
}

function badgeCounts(m: ReportModel): [string, number][] {
  const counts = new Map<BadgeKind, number>();
  for (const b of m.badges) counts.set(b.kind, (counts.get(b.kind) ?? 0) + 1);
  return (Object.keys(BADGE_LABEL) as BadgeKind[]).filter((k) => counts.has(k)).map((k) => [BADGE_LABEL[k], counts.get(k)!]);
}
