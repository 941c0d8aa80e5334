import type { Store } from '../db/store';
import { timeOrderedIds } from '../db/ids';
import { NotFoundError } from '../errors';
import { decodeBase64, formPreview } from '../forms';
import type { FormFileInput } from '../forms/contract';
import { ImportRejectedError } from '../import';
import { CHECKIN_FIELDS } from './fields';
import type { Checkin, CheckinImportResult, CheckinPreview } from './contract';
import { readCheckins } from './read';

type Input = FormFileInput & { cohortId: string };

const toRead = (input: Input) => ({
  fileName: input.fileName,
  bytes: decodeBase64(input.dataBase64),
  ...(input.mapping ? { mapping: input.mapping } : {}),
  ...(input.mappingOverrides !== undefined ? { mappingOverrides: input.mappingOverrides } : {}),
});

/** Today's date on the injected clock (UTC): a meeting reported after it is a problem. */
const todayOf = (now: Date) => now.toISOString().slice(0, 10);

function assertCohort(store: Store, cohortId: string): void {
  if (!store.first(store.q.selectFrom('cohorts').select('id').where('id', '=', cohortId).where('deleted_at', 'is', null))) {
    throw new NotFoundError(`No cohort with id ${cohortId}`);
  }
}

export async function previewCheckins(store: Store, input: Input, now: Date): Promise<CheckinPreview> {
  assertCohort(store, input.cohortId);
  const { read, rows } = await readCheckins(store, input.cohortId, toRead(input), todayOf(now));
  return { ...formPreview(read, CHECKIN_FIELDS), pairsCovered: new Set(rows.map((r) => r.respondent.pair.pairId)).size };
}

/**
 * All answers or none: a file with a problem writes nothing (ImportRejectedError names every problem)
 * unless the coordinator chose to skip those rows. One transaction through the writer.
 */
export async function importCheckins(store: Store, input: Input & { skipInvalid: boolean }, now: Date): Promise<CheckinImportResult> {
  assertCohort(store, input.cohortId);
  const { read, rows } = await readCheckins(store, input.cohortId, toRead(input), todayOf(now));
  if (read.missingFields.length > 0) throw new ImportRejectedError([{ line: 1, column: read.missingFields.join(', '), value: '', message: 'no column is mapped to this required field' }]);
  if (read.problems.length > 0 && !input.skipInvalid) throw new ImportRejectedError(read.problems);
  // Time-ordered ids: a big import appends to the primary-key index instead of writing all over it.
  const ids = timeOrderedIds(now.getTime(), rows.length);
  store.transact((w) => {
    for (const [i, { line, values, respondent }] of rows.entries()) {
      w.insert('checkins', {
        id: ids[i]!,
        pair_id: respondent.pair.pairId,
        cohort_id: input.cohortId,
        respondent_member_id: respondent.person.memberId,
        respondent_role: respondent.role,
        met: values.met === null ? null : values.met ? 1 : 0,
        times_met: values.timesMet,
        last_met_on: values.lastMetOn,
        goal_progress: values.goalProgress === '' ? null : values.goalProgress,
        comments: values.comments ?? '',
        submitted_at: values.submittedAt === '' ? null : values.submittedAt,
        file_name: input.fileName,
        file_line: line,
      });
    }
  });
  return {
    imported: rows.length,
    skipped: read.invalidLines.length,
    pairsCovered: new Set(rows.map((r) => r.respondent.pair.pairId)).size,
    problems: read.problems,
  };
}

export function listCheckins(store: Store, by: { cohortId?: string; pairId?: string }): Checkin[] {
  let query = store.q
    .selectFrom('checkins as c')
    .innerJoin('cohort_members as m', 'm.id', 'c.respondent_member_id')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .selectAll('c')
    .select(['p.full_name'])
    .where('c.deleted_at', 'is', null);
  query = by.pairId !== undefined ? query.where('c.pair_id', '=', by.pairId) : query.where('c.cohort_id', '=', by.cohortId!);
  return store.all(query.orderBy('c.last_met_on', 'desc').orderBy('c.created_at', 'desc').orderBy('c.file_line')).map((r) => ({
    id: r.id,
    pairId: r.pair_id,
    cohortId: r.cohort_id,
    respondent: { memberId: r.respondent_member_id, name: r.full_name, role: r.respondent_role },
    met: r.met === null ? null : r.met === 1,
    timesMet: r.times_met,
    lastMetOn: r.last_met_on,
    goalProgress: r.goal_progress,
    comments: r.comments,
    submittedAt: r.submitted_at,
    fileName: r.file_name,
    fileLine: r.file_line,
    importedAt: r.created_at,
  }));
}

export function removeCheckin(store: Store, id: string): { id: string } {
  if (!store.first(store.q.selectFrom('checkins').select('id').where('id', '=', id).where('deleted_at', 'is', null))) throw new NotFoundError(`No check-in with id ${id}`);
  store.transact((w) => w.remove('checkins', id));
  return { id };
}
