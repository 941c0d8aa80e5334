import type { Store } from '../db/store';
import { ProgramSettings } from '../domain/program';
import { MatchResultSchema } from '../matching/schemas';
import type { MentorRating, PairRating } from './contract';

/**
 * Reading pair feedback back: the latest rating of each pair (pair health), each mentor's average (the
 * mentor view), the cohort's summary and low ratings (the Feedback page), and one row per rating with the
 * match's criteria (the data a learned match score will train on).
 */

function ratingRows(store: Store, filter: { cohortId?: string; pairIds?: readonly string[] }) {
  let query = store.q
    .selectFrom('pair_ratings as r')
    .innerJoin('pairs as p', 'p.id', 'r.pair_id')
    .innerJoin('cohort_members as mr', 'mr.id', 'p.mentor_id')
    .innerJoin('people as pr', 'pr.id', 'mr.person_id')
    .innerJoin('cohort_members as me', 'me.id', 'p.mentee_id')
    .innerJoin('people as pe', 'pe.id', 'me.person_id')
    .select(['r.id', 'r.pair_id', 'r.cohort_id', 'r.side', 'r.match_rating', 'r.session_rating', 'r.would_recommend', 'r.comment', 'r.rated_at'])
    .select(['p.mentor_id', 'p.publication_id', 'p.mentee_id', 'p.score', 'pr.full_name as mentor_name', 'pe.full_name as mentee_name'])
    .where('r.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .orderBy('r.rated_at')
    .orderBy('r.id');
  if (filter.cohortId) query = query.where('r.cohort_id', '=', filter.cohortId);
  if (filter.pairIds) query = query.where('r.pair_id', 'in', filter.pairIds.length > 0 ? [...filter.pairIds] : ['']);
  return store.all(query);
}
type RatingRow = ReturnType<typeof ratingRows>[number];

function toRating(r: RatingRow): PairRating {
  return {
    id: r.id,
    pairId: r.pair_id,
    side: r.side,
    raterName: r.side === 'mentor' ? r.mentor_name : r.mentee_name,
    mentorName: r.mentor_name,
    menteeName: r.mentee_name,
    matchRating: r.match_rating,
    sessionRating: r.session_rating,
    wouldRecommend: r.would_recommend === null ? null : r.would_recommend === 1,
    comment: r.comment,
    ratedAt: r.rated_at,
  };
}

/** Each side's latest rating of each pair (ratings come in date order). */
function latestBySide<R extends { pair_id: string; side: string }>(rows: readonly R[]): Map<string, R[]> {
  const latest = new Map<string, R>();
  for (const r of rows) latest.set(`${r.pair_id}|${r.side}`, r);
  const byPair = new Map<string, R[]>();
  for (const r of latest.values()) {
    const list = byPair.get(r.pair_id);
    if (list) list.push(r);
    else byPair.set(r.pair_id, [r]);
  }
  return byPair;
}

export interface LatestRating {
  rating: number;
  side: 'mentor' | 'mentee';
  ratedAt: string;
}

/** A rating of the match as pair health and the reports' satisfaction read it. */
export interface MatchRatingRow {
  pair_id: string;
  side: 'mentor' | 'mentee';
  match_rating: number;
  rated_at: string;
}

/** A cohort's ratings of the match, in date order (ties by id): four columns, no joins. */
export function matchRatingRows(store: Store, cohortId: string): MatchRatingRow[] {
  return store
    .prepare(
      `SELECT pair_id, side, match_rating, rated_at FROM pair_ratings INDEXED BY pair_ratings_by_time
       WHERE cohort_id = ? AND deleted_at IS NULL ORDER BY rated_at, id`,
    )
    .all(cohortId) as MatchRatingRow[];
}

/**
 * A pair's latest rating: of each side's latest rating of the match, the lower one (a mentee's 2 is not
 * undone by the mentor's 5 the next day). Pairs without a rating are absent. `rows` in date order
 * (matchRatingRows).
 */
export function latestRatingsOf(rows: readonly MatchRatingRow[]): Map<string, LatestRating> {
  const out = new Map<string, LatestRating>();
  for (const [pairId, sides] of latestBySide(rows)) {
    const worst = sides.reduce((a, b) => (b.match_rating < a.match_rating ? b : a));
    out.set(pairId, { rating: worst.match_rating, side: worst.side, ratedAt: worst.rated_at });
  }
  return out;
}

/** Each pair's latest rating (latestRatingsOf over matchRatingRows). */
export function latestPairRatings(store: Store, cohortId: string): Map<string, LatestRating> {
  return latestRatingsOf(matchRatingRows(store, cohortId));
}

/** The program's threshold: a latest rating below it puts a pair at risk. */
export function ratingThreshold(settings: ProgramSettings): number {
  return settings.lowRatingThreshold;
}

const avg = (xs: readonly number[]) => (xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100);

/** Per mentor (cohort member id): the mentees' ratings of their matches, for the mentor view and the Feedback page. */
export function mentorAverageRatings(store: Store, cohortId: string): MentorRating[] {
  const rows = ratingRows(store, { cohortId });
  const byMentor = new Map<string, RatingRow[]>();
  for (const r of rows) {
    const list = byMentor.get(r.mentor_id);
    if (list) list.push(r);
    else byMentor.set(r.mentor_id, [r]);
  }
  return [...byMentor].map(([mentorId, all]) => {
    const fromMentees = all.filter((r) => r.side === 'mentee');
    const recommend = fromMentees.filter((r) => r.would_recommend !== null);
    return {
      mentorId,
      mentorName: all[0]!.mentor_name,
      pairs: new Set(all.map((r) => r.pair_id)).size,
      ratings: fromMentees.length,
      averageMatch: avg(fromMentees.map((r) => r.match_rating)),
      latestMatch: fromMentees.at(-1)?.match_rating ?? null,
      averageSession: avg(fromMentees.flatMap((r) => (r.session_rating === null ? [] : [r.session_rating]))),
      recommendShare: recommend.length === 0 ? null : Math.round((recommend.filter((r) => r.would_recommend === 1).length / recommend.length) * 1000) / 10,
    };
  }).sort((a, b) => (a.averageMatch ?? 99) - (b.averageMatch ?? 99) || a.mentorName.localeCompare(b.mentorName));
}

export function pairRatingsSummary(store: Store, cohortId: string) {
  const settings = store.first(
    store.q.selectFrom('cohorts as c').innerJoin('programs as p', 'p.id', 'c.program_id').select('p.settings').where('c.id', '=', cohortId),
  );
  const threshold = ratingThreshold(ProgramSettings.parse(JSON.parse(settings?.settings ?? '{}')));
  const rows = ratingRows(store, { cohortId });
  const recommend = rows.filter((r) => r.would_recommend !== null);
  const low = [...latestBySide(rows).values()].flat().filter((r) => r.match_rating < threshold);
  return {
    threshold,
    ratings: rows.length,
    averageMatch: avg(rows.map((r) => r.match_rating)),
    averageSession: avg(rows.flatMap((r) => (r.session_rating === null ? [] : [r.session_rating]))),
    recommendShare: recommend.length === 0 ? null : Math.round((recommend.filter((r) => r.would_recommend === 1).length / recommend.length) * 1000) / 10,
    distribution: [1, 2, 3, 4, 5].map((v) => ({ label: String(v), count: rows.filter((r) => r.match_rating === v).length })),
    byMentor: mentorAverageRatings(store, cohortId),
    low: low.sort((a, b) => a.match_rating - b.match_rating || b.rated_at.localeCompare(a.rated_at)).map(toRating),
  };
}

/** One rating with its pair's match: the run that made it and each criterion's score (training data). */
export interface PairFeedbackRow {
  ratingId: string;
  pairId: string;
  cohortId: string;
  runId: string | null;
  side: 'mentor' | 'mentee';
  matchRating: number;
  sessionRating: number | null;
  wouldRecommend: boolean | null;
  ratedAt: string;
  score: number;
  /** Criterion -> its value in the run's scoring (0–1), as the match was made. */
  criteria: Record<string, number>;
}

/** Ratings per pair, run and criterion: filter by cohort or by run. */
export function pairFeedbackRows(store: Store, filter: { cohortId?: string; runId?: string }): PairFeedbackRow[] {
  const runs = new Map<string, { runId: string; criteria: Map<string, Record<string, number>> }>();
  const runOf = (publicationId: string) => {
    let run = runs.get(publicationId);
    if (!run) {
      const row = store.first(
        store.q.selectFrom('publications as pub').innerJoin('match_runs as r', 'r.id', 'pub.run_id').select(['r.id', 'r.result']).where('pub.id', '=', publicationId),
      );
      const criteria = new Map<string, Record<string, number>>();
      if (row) {
        const result = MatchResultSchema.safeParse(JSON.parse(row.result));
        if (result.success) {
          for (const a of result.data.assignments) criteria.set(`${a.menteeId}|${a.mentorId}`, Object.fromEntries(Object.entries(a.breakdown).map(([c, s]) => [c, s.value])));
        }
      }
      run = { runId: row?.id ?? '', criteria };
      runs.set(publicationId, run);
    }
    return run;
  };
  return ratingRows(store, { cohortId: filter.cohortId })
    .map((r) => ({ r, run: runOf(r.publication_id) }))
    .filter(({ run }) => filter.runId === undefined || run.runId === filter.runId)
    .map(({ r, run }) => ({
      ratingId: r.id,
      pairId: r.pair_id,
      cohortId: r.cohort_id,
      runId: run.runId || null,
      side: r.side,
      matchRating: r.match_rating,
      sessionRating: r.session_rating,
      wouldRecommend: r.would_recommend === null ? null : r.would_recommend === 1,
      ratedAt: r.rated_at,
      score: r.score,
      criteria: run.criteria.get(`${r.mentee_id}|${r.mentor_id}`) ?? {},
    }));
}
