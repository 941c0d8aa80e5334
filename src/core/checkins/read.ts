import type { Store } from '../db/store';
import { columnOfField, readForm, withRowProblems, type FormFile, type FormRead, type FormRow } from '../forms';
import type { RowProblem } from '../import/contract';
import { CHECKIN_FIELDS, type CheckinFields } from './fields';
import { cohortRespondents, findRespondent, type Respondent } from './match';

export interface CheckinRow {
  line: number;
  values: FormRow<CheckinFields>['values'];
  respondent: Respondent;
}

export interface CheckinRead {
  read: FormRead<CheckinFields>;
  rows: CheckinRow[];
}

/**
 * Reads a check-in export for a cohort: every cell by its field (src/core/forms), then each answer
 * matched to the respondent's active pair, and the answers checked against each other and the clock:
 * "did not meet" with meetings counted, a last meeting after today or before the pair started, the same
 * person's answer twice in one file (same submission time, or both without one), an answer imported before. Each of those is a row problem naming the line and the column.
 */
/** The cohort's imported answers by what identifies one: pair, respondent, submission time, meeting date, comments. */
function importedAnswers(store: Store, cohortId: string): Map<string, { file: string; line: number }> {
  const rows = store.all(
    store.q
      .selectFrom('checkins')
      .select(['pair_id', 'respondent_member_id', 'submitted_at', 'last_met_on', 'comments', 'file_name', 'file_line'])
      .where('cohort_id', '=', cohortId)
      .where('deleted_at', 'is', null),
  );
  return new Map(
    rows.map((r) => [`${r.pair_id}:${r.respondent_member_id}:${r.submitted_at ?? ''}:${r.last_met_on ?? ''}:${r.comments}`, { file: r.file_name, line: r.file_line }]),
  );
}

export async function readCheckins(store: Store, cohortId: string, input: FormFile, today: string): Promise<CheckinRead> {
  const read = await readForm(input, CHECKIN_FIELDS);
  if (read.missingFields.length > 0) return { read, rows: [] };
  const column = (key: keyof CheckinFields) => columnOfField(read, CHECKIN_FIELDS, key);
  const index = cohortRespondents(store, cohortId);
  const extra: RowProblem[] = [];
  const rows: CheckinRow[] = [];
  const firstLine = new Map<string, number>();
  const imported = importedAnswers(store, cohortId);
  for (const { line, values } of read.rows) {
    const before = extra.length;
    const problem = (key: keyof CheckinFields, value: string, message: string) => extra.push({ line, column: column(key), value, message });
    const found = findRespondent(index, {
      email: values.respondentEmail,
      emailColumn: column('respondentEmail'),
      partner: values.partnerEmail,
      partnerColumn: column('partnerEmail'),
    });
    if (!found.ok) {
      extra.push({ line, ...found.problem });
      continue;
    }
    const { respondent } = found;
    // The same person's answers at different times are separate check-ins; the same submission twice is not.
    const key = `${respondent.pair.pairId}:${respondent.person.memberId}:${values.submittedAt ?? ''}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) problem('respondentEmail', values.respondentEmail, `${respondent.person.name} answered on line ${earlier} already: keep one answer`);
    else firstLine.set(key, line);
    // The same file (or an export overlapping an earlier one) imported again would count each answer twice.
    const earlierImport = imported.get(`${key}:${values.lastMetOn ?? ''}:${values.comments ?? ''}`);
    if (earlierImport) problem('respondentEmail', values.respondentEmail, `this answer was imported before (“${earlierImport.file}”, line ${earlierImport.line}): leave it out, or remove that check-in first`);
    if (values.met === false && (values.timesMet ?? 0) > 0) problem('timesMet', String(values.timesMet), 'the answer says they did not meet, but counts meetings');
    if (values.met === false && values.lastMetOn !== null && values.lastMetOn >= respondent.pair.startedAt.slice(0, 10)) {
      // A date before the pair began can be an old acquaintance's; one since then contradicts "did not meet".
      problem('lastMetOn', values.lastMetOn, 'the answer says they did not meet, but gives a meeting date since the pair started');
    }
    if (values.lastMetOn !== null && values.lastMetOn > today) problem('lastMetOn', values.lastMetOn, `is after today (${today})`);
    else if (values.lastMetOn !== null && values.lastMetOn < respondent.pair.startedAt.slice(0, 10)) {
      problem('lastMetOn', values.lastMetOn, `is before the pair started (${respondent.pair.startedAt.slice(0, 10)})`);
    }
    if (extra.length === before) rows.push({ line, values, respondent });
  }
  return { read: withRowProblems(read, extra), rows };
}
