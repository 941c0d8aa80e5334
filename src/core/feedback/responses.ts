import { randomInt } from 'node:crypto';
import { foldKey } from '../db/fold';
import type { Store } from '../db/store';
import { UserError } from '../errors';
import { cellOk, type FormField, type FormFields } from '../forms/fields';
import { columnOfField, readForm, withRowProblems, type FormFile, type FormRead } from '../forms/read';
import { ImportRejectedError } from '../import/commit';
import type { RowProblem } from '../import/contract';
import { generaliseAttributes, type Attributes } from './generalise';
import { maskNames, nameMatcher } from './masking';
import { readAnswer, TEXT_ANSWER_MAX } from './questions';
import { forgetResponses, withSecureDelete } from './forget';
import { getSurvey, invitedMembers, type SurveyDefinition } from './surveys';

/**
 * Getting a survey's answers in, from the form tool's export. For an anonymous survey the respondent's
 * email is used here only (is it a member the survey asks? is it in the file twice? what role and
 * department does the survey keep?) and is never written anywhere. What is written carries no order
 * either: the responses are shuffled, their ids are random UUIDs, and the whole batch has one change-log
 * timestamp and one row time (Writer.withOneStamp); survey_responses is a WITHOUT ROWID table, so not
 * even the file's row order follows the writes. docs/privacy.md says what this promises and what not.
 */

const EMAIL_FIELD = 'email';
export const questionKey = (id: string) => `q_${id}`;

export function surveyFields(def: SurveyDefinition): FormFields {
  const fields: Record<string, FormField> = {
    [EMAIL_FIELD]: {
      key: EMAIL_FIELD,
      label: 'Respondent email',
      keywords: ['respondent email', 'email address', 'email', 'e-mail', 'username'],
      unless: ['mentor s', 'mentee s', 'manager', 'partner'],
      // An attributed survey is nothing without its respondents; an anonymous one can go without (then unchecked).
      required: !def.anonymous,
      maxLength: 320,
      parse: (cell) => cellOk(cell.trim()),
    },
  };
  for (const q of def.questions) {
    const key = questionKey(q.id);
    fields[key] = { key, label: q.text, keywords: [q.text], required: false, maxLength: q.type === 'text' ? TEXT_ANSWER_MAX : 200, parse: (cell) => readAnswer(q, cell) };
  }
  return fields;
}

export interface ReadResponses {
  read: FormRead<FormFields>;
  fields: FormFields;
  notes: string[];
  /** Valid answers, one per respondent, with the member they came from (null without an email column). */
  answers: { line: number; memberIndex: number | null; answers: Record<string, number | string> }[];
  members: ReturnType<typeof invitedMembers>;
}

export async function readResponses(store: Store, def: SurveyDefinition, file: FormFile): Promise<ReadResponses> {
  const fields = surveyFields(def);
  const first = await readForm(file, fields);
  const members = invitedMembers(store, def.cohortId, def.roles);
  const notes: string[] = [];
  if (first.missingFields.length > 0) return { read: first, fields, notes, answers: [], members };
  const hasEmail = first.mapping.some((m) => m.field === EMAIL_FIELD);
  if (!hasEmail) notes.push('No column is mapped to the respondent’s email: answers cannot be checked against the cohort, de-duplicated or grouped.');
  const byEmail = new Map(members.map((m, i) => [m.email_key ?? foldKey(m.email), i]));
  const extra: RowProblem[] = [];
  const emailColumn = columnOfField(first, fields, EMAIL_FIELD);
  const lastLineOf = new Map<number, number>();
  const rows: ReadResponses['answers'] = [];
  for (const row of first.rows) {
    const values = row.values as Record<string, unknown>;
    const answers: Record<string, number | string> = {};
    for (const q of def.questions) {
      const value = values[questionKey(q.id)];
      if (typeof value === 'number' || (typeof value === 'string' && value !== '')) answers[q.id] = value;
    }
    if (Object.keys(answers).length === 0) {
      extra.push({ line: row.line, column: '(all questions)', value: '', message: 'answers none of the survey’s questions' });
      continue;
    }
    let memberIndex: number | null = null;
    if (hasEmail) {
      const email = typeof values[EMAIL_FIELD] === 'string' ? (values[EMAIL_FIELD] as string) : '';
      const index = email === '' ? undefined : byEmail.get(foldKey(email));
      if (index === undefined) {
        extra.push({ line: row.line, column: emailColumn, value: email, message: email === '' ? 'has no email, so it cannot be checked against the cohort' : `is not a ${def.roles.join(' or ')} of ${def.cohortName}` });
        continue;
      }
      memberIndex = index;
      lastLineOf.set(index, row.line);
    }
    rows.push({ line: row.line, memberIndex, answers });
  }
  // Someone who answered twice: the later answer is the one they meant; the earlier ones are dropped.
  const kept = rows.filter((r) => r.memberIndex === null || lastLineOf.get(r.memberIndex) === r.line);
  if (kept.length < rows.length) notes.push(`${rows.length - kept.length} earlier answer${rows.length - kept.length === 1 ? '' : 's'} from someone who answered again will be dropped (their last answer is kept).`);
  return { read: withRowProblems(first, extra), fields, notes, answers: kept, members };
}

/** Fisher–Yates with the system's cryptographic randomness: the stored order says nothing about the file's. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function cohortNames(store: Store, cohortId: string): string[] {
  return store
    .all(
      store.q
        .selectFrom('cohort_members as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .select('p.full_name')
        .where('m.cohort_id', '=', cohortId)
        .where('m.deleted_at', 'is', null),
    )
    .map((r) => r.full_name);
}

export async function importResponses(
  store: Store,
  input: FormFile & { surveyId: string; skipInvalid: boolean },
  now: Date,
): Promise<{ imported: number; replaced: number; problems: RowProblem[] }> {
  const def = getSurvey(store, input.surveyId);
  if (def.closedAt) throw new UserError('This survey is closed: its answers can no longer change');
  const { read, answers } = await readResponses(store, def, input);
  if (read.missingFields.length > 0) throw new UserError(`No column is mapped to ${read.missingFields.join(', ')}`);
  if (read.problems.length > 0 && !input.skipInvalid) throw new ImportRejectedError(read.problems);
  if (answers.length === 0) throw new UserError('The file holds no answers to import');
  const members = invitedMembers(store, def.cohortId, def.roles);
  const matcher = nameMatcher(cohortNames(store, def.cohortId));
  const attributes: Attributes[] = answers.map((a) => {
    const m = a.memberIndex === null ? undefined : members[a.memberIndex];
    return { role: m?.role ?? null, department: m?.department?.trim() || null, team: m?.team?.trim() || null };
  });
  const generalised = def.anonymous ? generaliseAttributes(attributes, def.groupBy, def.k) : { rows: attributes, dropped: {} };
  const rows = answers.map((a, i) => {
    const kept = generalised.rows[i]!;
    const text = (value: number | string) => (typeof value === 'string' && def.anonymous ? maskNames(value, matcher) : value);
    return {
      survey_id: def.id,
      person_id: def.anonymous || a.memberIndex === null ? null : members[a.memberIndex]!.person_id,
      role: def.groupBy.includes('role') ? (kept.role ?? null) : null,
      department: def.groupBy.includes('department') ? (kept.department ?? null) : null,
      team: def.groupBy.includes('team') ? (kept.team ?? null) : null,
      answers: JSON.stringify(Object.fromEntries(def.questions.filter((q) => q.id in a.answers).map((q) => [q.id, text(a.answers[q.id]!)]))),
    };
  });
  const old = store.all(store.q.selectFrom('survey_responses').select('id').where('survey_id', '=', def.id).where('deleted_at', 'is', null));
  withSecureDelete(store, () =>
    store.transact((w) => {
      forgetResponses(store, old.map((r) => r.id), now);
      w.withOneStamp(() => {
        for (const row of def.anonymous ? shuffled(rows) : rows) w.insert('survey_responses', row);
      });
      w.update('surveys', def.id, { small_groups: JSON.stringify(generalised.dropped), imported_at: now.toISOString() });
    }),
  );
  return { imported: rows.length, replaced: old.length, problems: read.problems };
}
