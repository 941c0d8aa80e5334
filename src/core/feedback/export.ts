import { toCsvBytes, type CsvCell } from '../files/csv';
import { fileNamePart } from '../files/names';
import { toXlsx, type XlsxSheet } from '../files/xlsx';
import { UserError } from '../errors';
import type { Breakdown, SurveyResults } from './contract';

/**
 * A survey's results as a file. It is built from surveyResults' output only, so a file holds exactly
 * what the screen shows: hidden groups say "hidden" and why, comments come masked, shuffled and undated.
 */

const HIDDEN = { small: 'hidden: fewer than k answers', complement: 'hidden: would reveal a smaller group' } as const;

type Row = CsvCell[];

function groupRows(kind: string, question: string, breakdowns: readonly Breakdown[]): Row[] {
  return breakdowns.flatMap((b) =>
    b.groups.map((g): Row => [kind, question, `${b.attribute}: ${g.label}`, g.invited, g.count, g.rate, g.mean, g.nps, g.hidden ? HIDDEN[g.reason ?? 'small'] : '']),
  );
}

export function resultSheets(results: SurveyResults): XlsxSheet[] {
  if (!results.shown) throw new UserError(results.notice ?? 'This survey’s results are not shown');
  const { survey, k } = results;
  const summary: Row[] = [
    ['Survey', survey.title],
    ['Cohort', survey.cohortName],
    ['Kind', survey.anonymous ? 'Anonymous' : 'Attributed: answers are kept with respondents’ names'],
    ['Minimum group size (k)', k],
    ['Invited', results.invited],
    ['Respondents', results.respondents],
    ['Response rate (%)', results.rate],
  ];
  const answers: Row[] = results.questions.flatMap((q) =>
    q.answered === null
      ? [[q.text, '', null, 'hidden: fewer than k answers']]
      : [
          ...(q.distribution ?? []).map((d): Row => [q.text, d.label, d.count, '']),
          ...(q.mean !== null ? [[q.text, 'mean', q.mean, ''] as Row] : []),
          ...(q.nps ? [[q.text, 'NPS', q.nps.score, `${q.nps.promoters} promoters, ${q.nps.passives} passives, ${q.nps.detractors} detractors`] as Row] : []),
        ],
  );
  const groups: Row[] = [...groupRows('response rate', '', results.responseRates), ...results.questions.flatMap((q) => groupRows('question', q.text, q.byGroup))];
  const comments: Row[] = results.questions.flatMap((q) => q.comments.map((c): Row => [q.text, c]));
  return [
    { name: 'Summary', columns: [{ header: 'Item', width: 28 }, { header: 'Value', width: 50 }], rows: summary },
    { name: 'Answers', columns: [{ header: 'Question', width: 50 }, { header: 'Answer' }, { header: 'Count' }, { header: 'Note', width: 40 }], rows: answers },
    {
      name: 'Groups',
      columns: ['Figure', 'Question', 'Group', 'Invited', 'Answers', 'Rate (%)', 'Mean', 'NPS', 'Note'].map((header) => ({ header, width: header === 'Question' || header === 'Note' ? 40 : 16 })),
      rows: groups,
    },
    { name: 'Comments', columns: [{ header: 'Question', width: 50 }, { header: 'Comment (names masked)', width: 80 }], rows: comments },
  ];
}

export async function exportResults(results: SurveyResults, format: 'csv' | 'xlsx'): Promise<{ fileName: string; dataBase64: string }> {
  const sheets = resultSheets(results);
  const base = `${fileNamePart(results.survey.title, 'survey')}-results`;
  if (format === 'xlsx') return { fileName: `${base}.xlsx`, dataBase64: Buffer.from(await toXlsx(sheets)).toString('base64') };
  // One CSV holds every sheet, each row led by its sheet's name.
  const rows: CsvCell[][] = [['Sheet', 'Column 1', 'Column 2', 'Column 3', 'Column 4', 'Column 5', 'Column 6', 'Column 7', 'Column 8', 'Column 9']];
  for (const sheet of sheets) {
    rows.push([sheet.name, ...sheet.columns.map((c) => c.header)]);
    for (const row of sheet.rows) rows.push([sheet.name, ...row]);
  }
  return { fileName: `${base}.csv`, dataBase64: Buffer.from(toCsvBytes(rows)).toString('base64') };
}
