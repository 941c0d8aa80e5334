import type { Store } from '../db/store';
import type { SurveyResults } from '../feedback/contract';
import { matchRatingRows, mentorAverageRatings, type MatchRatingRow } from '../feedback/pair-ratings';
import { loadSurveyResults } from '../feedback/results';
import { listSurveys } from '../feedback/surveys';
import { settingsOfCohort } from '../goals/goals';
import { goalFiguresByPair, type GoalFigures } from '../goals/stuck';

/**
 * What the goals and feedback work record. Goal figures come from the goals work's goalFiguresByPair (SQLite
 * counts, its stuck rule), survey results from the feedback work's loadSurveyResults, which applies k and
 * complementary suppression: reports never count survey answers themselves. Ratings are plain rows
 * (pair, side, rating, when) read once for satisfaction by month.
 */
export interface CohortFacts {
  goalsByPair: Map<string, { total: number; reached: number; stuck: number }>;
  /** The ratings of the match given up to asOf, in date order (the rows as read: a year has 10,000). */
  ratings: readonly MatchRatingRow[];
  surveys: SurveyResults[];
}

/** `given`: what the caller read already for the same cohort and asOf (CohortData's goals and ratings); the rest is read here. */
export function loadFacts(store: Store, cohortId: string, asOf: Date, given: { goals?: Map<string, GoalFigures>; ratings?: readonly MatchRatingRow[] } = {}): CohortFacts {
  const goals = given.goals ?? goalFiguresByPair(store, cohortId, asOf, settingsOfCohort(store, cohortId).goalStuckDays).byPair;
  const until = asOf.toISOString();
  const ratings = (given.ratings ?? matchRatingRows(store, cohortId)).filter((r) => r.rated_at <= until);
  const surveys = listSurveys(store, cohortId)
    .filter((s) => s.closedAt !== null)
    .map((s) => loadSurveyResults(store, s.id));
  return { goalsByPair: goals, ratings, surveys };
}

/** A top-rated mentor: mentees rated the match 4.5 or more on average (the feedback work's average), from at least two ratings. */
export const TOP_RATED = { average: 4.5, ratings: 2 } as const;

export function topRatedMentors(store: Store, cohortId: string): Map<string, string | null> {
  return new Map(
    mentorAverageRatings(store, cohortId)
      .filter((m) => m.ratings >= TOP_RATED.ratings && (m.averageMatch ?? 0) >= TOP_RATED.average)
      .map((m) => [m.mentorId, null]),
  );
}

/** Who reached a goal first and when (the goal's last progress change): the mentee, and the mentor too for a goal of the pair. */
export function goalReachers(store: Store, cohortId: string, asOf: Date): Map<string, string> {
  const rows = store
    .prepare(
      `SELECT g.scope, g.progress_changed_at AS at, p.mentee_id AS mentee, p.mentor_id AS mentor FROM goals g JOIN pairs p ON p.id = g.pair_id
       WHERE g.cohort_id = ? AND g.status = 'reached' AND g.deleted_at IS NULL AND g.progress_changed_at <= ? ORDER BY g.progress_changed_at`,
    )
    .all(cohortId, asOf.toISOString()) as { scope: 'mentee' | 'pair'; at: string; mentee: string; mentor: string }[];
  const out = new Map<string, string>();
  for (const g of rows) {
    for (const id of g.scope === 'pair' ? [g.mentee, g.mentor] : [g.mentee]) if (!out.has(id)) out.set(id, g.at);
  }
  return out;
}
