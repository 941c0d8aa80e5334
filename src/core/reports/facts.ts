import type { Store } from '../db/store';
import type { MentorRating, SurveyResults } from '../feedback/contract';
import { mentorAverageRatings, pairFeedbackRows } from '../feedback/pair-ratings';
import { loadSurveyResults } from '../feedback/results';
import { listSurveys } from '../feedback/surveys';
import type { Goal } from '../goals/contract';
import { loadGoals, settingsOfCohort } from '../goals/goals';

/**
 * What the goals and feedback work record, read through their own core functions: the cohort's goals, the
 * pair ratings, each mentor's average and the closed surveys' results. Survey results come from
 * loadSurveyResults, which applies k and complementary suppression: reports never count answers themselves.
 */
export interface CohortFacts {
  goals: Goal[];
  ratings: { pairId: string; matchRating: number; ratedAt: string }[];
  mentorRatings: MentorRating[];
  surveys: SurveyResults[];
}

export function loadFacts(store: Store, cohortId: string, asOf: Date): CohortFacts {
  const goals = loadGoals(store, { cohortId }, asOf, settingsOfCohort(store, cohortId).goalStuckDays);
  const asOfIso = asOf.toISOString();
  const ratings = pairFeedbackRows(store, { cohortId })
    .filter((r) => r.ratedAt <= asOfIso)
    .map((r) => ({ pairId: r.pairId, matchRating: r.matchRating, ratedAt: r.ratedAt }));
  const surveys = listSurveys(store, cohortId)
    .filter((s) => s.closedAt !== null)
    .map((s) => loadSurveyResults(store, s.id));
  return { goals, ratings, mentorRatings: mentorAverageRatings(store, cohortId), surveys };
}

/** A top-rated mentor: mentees rated the match 4.5 or more on average, from at least two ratings. */
export const TOP_RATED = { average: 4.5, ratings: 2 } as const;

export function topRatedMentors(facts: CohortFacts): Map<string, string | null> {
  return new Map(facts.mentorRatings.filter((m) => m.ratings >= TOP_RATED.ratings && (m.averageMatch ?? 0) >= TOP_RATED.average).map((m) => [m.mentorId, null]));
}

/** Who reached a goal first and when: the mentee, and the mentor too for a goal of the pair. */
export function goalReachers(facts: CohortFacts): Map<string, string> {
  const out = new Map<string, string>();
  const sorted = facts.goals.filter((g) => g.status === 'reached').sort((a, b) => a.progressChangedAt.localeCompare(b.progressChangedAt));
  for (const g of sorted) {
    const ids = g.scope === 'pair' ? [g.mentee.memberId, g.mentor.memberId] : [g.mentee.memberId];
    for (const id of ids) if (!out.has(id)) out.set(id, g.progressChangedAt);
  }
  return out;
}
