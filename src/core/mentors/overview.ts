import type { Store } from '../db/store';
import { mentorAverageRatings } from '../feedback/pair-ratings';
import { pairsOverview } from '../pairs/overview';
import type { MentorRow } from './contract';

/** Per mentor, from the pair overview (one pass over the cohort's sessions and goals) and the roster. */
export function mentorsOverview(store: Store, cohortId: string, asOf: Date): { asOf: string; mentors: MentorRow[] } {
  const overview = pairsOverview(store, cohortId, asOf);
  const mentors = store.all(
    store.q
      .selectFrom('cohort_members as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['m.id', 'p.full_name', 'p.email', 'm.capacity'])
      .where('m.cohort_id', '=', cohortId)
      .where('m.role', '=', 'mentor')
      .where('m.deleted_at', 'is', null)
      .orderBy('p.full_name'),
  );
  const rows = new Map<string, MentorRow>(
    mentors.map((m) => [
      m.id,
      {
        memberId: m.id,
        name: m.full_name,
        email: m.email,
        capacity: m.capacity,
        mentees: 0,
        load: null,
        pairs: [],
        sessionsHeld: 0,
        goalsTotal: 0,
        goalsReached: 0,
        pairsNeedingAttention: 0,
        latestRating: null,
        averageRating: null,
      },
    ]),
  );
  for (const pair of overview.pairs) {
    const row = rows.get(pair.mentor.memberId);
    if (!row) continue;
    row.mentees += 1;
    row.pairs.push({ pairId: pair.pairId, menteeName: pair.mentee.name, health: pair.health, held: pair.held });
    row.sessionsHeld += pair.held;
    row.goalsTotal += pair.goalsTotal;
    row.goalsReached += pair.goalsReached;
    if (pair.health !== 'on-track') row.pairsNeedingAttention += 1;
  }
  for (const row of rows.values()) row.load = row.capacity > 0 ? row.mentees / row.capacity : null;
  // Pair feedback: the mentees' ratings of each mentor's matches (feedback/pair-ratings.ts).
  for (const rating of mentorAverageRatings(store, cohortId)) {
    const row = rows.get(rating.mentorId);
    if (row) {
      row.latestRating = rating.latestMatch;
      row.averageRating = rating.averageMatch;
    }
  }
  return { asOf: overview.asOf, mentors: [...rows.values()] };
}
