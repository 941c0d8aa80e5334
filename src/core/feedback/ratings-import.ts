import { foldKey } from '../db/fold';
import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import { columnOfField, readForm, withRowProblems, type FormFile, type FormRead } from '../forms/read';
import { ImportRejectedError } from '../import/commit';
import type { RowProblem } from '../import/contract';
import { RATING_FIELDS } from './rating-fields';

/**
 * Pair feedback comes in from a form export: each row is one side's rating of its pair, found by the
 * respondent's email among the cohort's active pairs (a mentor with several mentees also needs the
 * partner's email). Rows that match no active pair are row problems; the import is all or nothing.
 */

interface PairSide {
  pairId: string;
  side: 'mentor' | 'mentee';
  personId: string;
  partnerEmailKey: string;
}

function activeSides(store: Store, cohortId: string): Map<string, PairSide[]> {
  const rows = store.all(
    store.q
      .selectFrom('pairs as p')
      .innerJoin('cohort_members as mr', 'mr.id', 'p.mentor_id')
      .innerJoin('people as pr', 'pr.id', 'mr.person_id')
      .innerJoin('cohort_members as me', 'me.id', 'p.mentee_id')
      .innerJoin('people as pe', 'pe.id', 'me.person_id')
      .select(['p.id', 'pr.id as mentor_person', 'pr.email as mentor_email', 'pe.id as mentee_person', 'pe.email as mentee_email'])
      .where('p.cohort_id', '=', cohortId)
      .where('p.status', '=', 'active')
      .where('p.deleted_at', 'is', null),
  );
  const byEmail = new Map<string, PairSide[]>();
  const add = (email: string, side: PairSide) => byEmail.set(foldKey(email), [...(byEmail.get(foldKey(email)) ?? []), side]);
  for (const r of rows) {
    add(r.mentor_email, { pairId: r.id, side: 'mentor', personId: r.mentor_person, partnerEmailKey: foldKey(r.mentee_email) });
    add(r.mentee_email, { pairId: r.id, side: 'mentee', personId: r.mentee_person, partnerEmailKey: foldKey(r.mentor_email) });
  }
  return byEmail;
}

export interface ReadRatings {
  read: FormRead<typeof RATING_FIELDS>;
  ratings: { line: number; side: PairSide; values: FormRead<typeof RATING_FIELDS>['rows'][number]['values'] }[];
}

export async function readRatings(store: Store, cohortId: string, file: FormFile): Promise<ReadRatings> {
  const cohort = store.first(store.q.selectFrom('cohorts').select(['id', 'name']).where('id', '=', cohortId).where('deleted_at', 'is', null));
  if (!cohort) throw new NotFoundError(`No cohort with id ${cohortId}`);
  const read = await readForm(file, RATING_FIELDS);
  if (read.missingFields.length > 0) return { read, ratings: [] };
  const sides = activeSides(store, cohortId);
  const extra: RowProblem[] = [];
  const ratings: ReadRatings['ratings'] = [];
  const seen = new Map<string, number>();
  const emailColumn = columnOfField(read, RATING_FIELDS, 'email');
  const partnerColumn = columnOfField(read, RATING_FIELDS, 'partnerEmail');
  for (const row of read.rows) {
    const { email, partnerEmail } = row.values;
    const candidates = sides.get(foldKey(email)) ?? [];
    const side = partnerEmail ? candidates.find((c) => c.partnerEmailKey === foldKey(partnerEmail)) : candidates.length === 1 ? candidates[0] : undefined;
    if (!side) {
      const problem =
        candidates.length === 0
          ? { column: emailColumn, value: email, message: `is not in an active pair of ${cohort.name}` }
          : partnerEmail
            ? { column: partnerColumn, value: partnerEmail, message: `is not paired with ${email} in ${cohort.name}` }
            : { column: emailColumn, value: email, message: `is in ${candidates.length} pairs: add a column with the partner’s email to say which` };
      extra.push({ line: row.line, ...problem });
      continue;
    }
    const key = `${side.pairId}|${side.side}|${row.values.ratedAt ?? ''}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      extra.push({ line: row.line, column: emailColumn, value: email, message: `rates the same pair at the same time as line ${earlier}` });
      continue;
    }
    seen.set(key, row.line);
    ratings.push({ line: row.line, side, values: row.values });
  }
  return { read: withRowProblems(read, extra), ratings: ratings.filter((r) => !extra.some((p) => p.line === r.line)) };
}

export async function importRatings(
  store: Store,
  input: FormFile & { cohortId: string; skipInvalid: boolean },
  now: Date,
): Promise<{ imported: number; replaced: number; problems: RowProblem[] }> {
  const { read, ratings } = await readRatings(store, input.cohortId, input);
  if (read.missingFields.length > 0) throw new UserError(`No column is mapped to ${read.missingFields.join(', ')}`);
  if (read.problems.length > 0 && !input.skipInvalid) throw new ImportRejectedError(read.problems);
  if (ratings.length === 0) throw new UserError('The file holds no ratings to import');
  const nowIso = now.toISOString();
  let updated = 0;
  store.transact((w) => {
    for (const { side, values } of ratings) {
      const ratedAt = values.ratedAt ?? nowIso;
      const fields = {
        match_rating: values.matchRating,
        session_rating: values.sessionRating,
        would_recommend: values.wouldRecommend === null ? null : values.wouldRecommend ? (1 as const) : (0 as const),
        comment: values.comment ?? '',
      };
      // The same person's rating of the same pair at the same time, imported again: update it, do not add a second.
      // Without the form's timestamp the time is the import's, so the same answer imported on another day is
      // found by its content instead (else every re-import would count it again in averages and health).
      const sameRating = store.q.selectFrom('pair_ratings').select('id').where('pair_id', '=', side.pairId).where('person_id', '=', side.personId).where('deleted_at', 'is', null);
      const existing = store.first(
        values.ratedAt
          ? sameRating.where('rated_at', '=', ratedAt)
          : sameRating
              .where('match_rating', '=', fields.match_rating)
              .where('session_rating', fields.session_rating === null ? 'is' : '=', fields.session_rating)
              .where('would_recommend', fields.would_recommend === null ? 'is' : '=', fields.would_recommend)
              .where('comment', '=', fields.comment),
      );
      if (existing) {
        w.update('pair_ratings', existing.id, fields);
        updated += 1;
      } else {
        w.insert('pair_ratings', { pair_id: side.pairId, cohort_id: input.cohortId, person_id: side.personId, side: side.side, rated_at: ratedAt, ...fields });
      }
    }
  });
  return { imported: ratings.length - updated, replaced: updated, problems: read.problems };
}
