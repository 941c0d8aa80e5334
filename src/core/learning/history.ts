/**
 * A program's training data: every published pair that was rated, with the per-criterion values the run
 * that made it computed, and its match rating (the mean of the latest rating from each side). Anonymous
 * survey answers are never read here: they cannot be tied to a pair, by design (docs/privacy.md).
 */
import type { Store } from '../db/store';
import type { MatchResult } from '../matching';
import type { Breakdown } from '../matching/scoring';
import { PAIR_CRITERIA } from '../matching/settings';
import type { RatedPair } from './evaluate';

export function ratedPairs(store: Store, programId: string): RatedPair[] {
  const ratings = store.all(
    store.q
      .selectFrom('pair_ratings as r')
      .innerJoin('pairs as p', 'p.id', 'r.pair_id')
      .innerJoin('cohorts as c', 'c.id', 'p.cohort_id')
      .innerJoin('publications as pub', 'pub.id', 'p.publication_id')
      .select(['r.pair_id', 'r.side', 'r.match_rating', 'r.rated_at', 'p.cohort_id', 'p.mentee_id', 'p.mentor_id', 'pub.run_id'])
      .where('c.program_id', '=', programId)
      .where('r.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .where('c.deleted_at', 'is', null)
      .orderBy('r.rated_at'),
  );
  if (ratings.length === 0) return [];
  // The latest rating of each side of each pair (ordered by time, so later ones overwrite).
  const bySide = new Map<string, Map<string, number>>();
  for (const r of ratings) {
    let sides = bySide.get(r.pair_id);
    if (!sides) bySide.set(r.pair_id, (sides = new Map()));
    sides.set(r.side, r.match_rating);
  }
  const pairs = new Map(ratings.map((r) => [r.pair_id, r]));
  const runIds = [...new Set(ratings.map((r) => r.run_id))];
  const breakdowns = new Map<string, Breakdown>();
  for (const runId of runIds) {
    const row = store.first(store.q.selectFrom('match_runs').select('result').where('id', '=', runId));
    if (!row) continue;
    const result = JSON.parse(row.result) as MatchResult;
    for (const a of result.assignments) {
      const b = {} as Breakdown;
      for (const c of PAIR_CRITERIA) b[c] = a.breakdown[c].value;
      breakdowns.set(`${runId}:${a.menteeId}:${a.mentorId}`, b);
    }
  }
  const starts = new Map(
    store
      .all(
        store.q
          .selectFrom('pairs as p')
          .innerJoin('cohorts as c', 'c.id', 'p.cohort_id')
          .select(['p.cohort_id', (eb) => eb.fn.min<string>('p.started_at').as('start')])
          .where('c.program_id', '=', programId)
          .groupBy('p.cohort_id'),
      )
      .map((r) => [r.cohort_id, r.start]),
  );
  const out: RatedPair[] = [];
  for (const [pairId, sides] of bySide) {
    const pair = pairs.get(pairId)!;
    // A pair the coordinator placed by hand after the run (no assignment in its run) has no criterion
    // values to learn from: it is left out rather than guessed.
    const breakdown = breakdowns.get(`${pair.run_id}:${pair.mentee_id}:${pair.mentor_id}`);
    if (!breakdown) continue;
    const values = [...sides.values()];
    out.push({ cohortId: pair.cohort_id, cohortStart: starts.get(pair.cohort_id)!, breakdown, rating: values.reduce((s, v) => s + v, 0) / values.length });
  }
  return out.sort((a, b) => a.cohortStart.localeCompare(b.cohortStart) || a.cohortId.localeCompare(b.cohortId));
}
