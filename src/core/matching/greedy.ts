import type { Member } from '../domain/participant';
import { prepareCohort, type PreparedCohort } from './cohort';
import { breakdownOf, SCORE_SCALE, slotCost, weightedScore } from './scoring';
import type { MatchSettings } from './settings';
import { cosinePair } from './tfidf';

export interface GreedyResult {
  /** Same objective as the optimiser: Σ pair scores + Σ load bonuses (locked pairs included). */
  readonly objective: number;
  readonly totalScore: number;
  readonly matched: number;
  readonly assignments: readonly { menteeId: string; mentorId: string; score: number; locked: boolean }[];
}

/**
 * The matching a coordinator would make by hand: best-scoring allowed pair first (ties by mentee id,
 * then mentor id), skipping anyone already taken. Same rules, locks and capacities as the optimiser,
 * so "gain over greedy" measures only what optimisation adds.
 */
export function greedyMatchPrepared(c: PreparedCohort): GreedyResult {
  const t = c.table;
  const order = new Int32Array(t.mentor.length);
  const rowOf = new Int32Array(t.mentor.length);
  for (let i = 0; i < t.nMentees; i++) rowOf.fill(i, t.rowStart[i]!, t.rowStart[i + 1]!);
  for (let p = 0; p < order.length; p++) order[p] = p;
  // Arcs are stored by mentee then mentor, so index order is the id tie-break.
  order.sort((a, b) => t.cost[a]! - t.cost[b]! || a - b);
  const load = Int32Array.from(c.lockedCount);
  const taken = new Uint8Array(t.nMentees);
  const pairs: { i: number; j: number; locked: boolean }[] = c.locks.map((l) => ({ i: l.mentee, j: l.mentor, locked: true }));
  for (const l of c.locks) taken[l.mentee] = 1;
  const present = (i: number) => c.menteeExclusion[i] === null;
  for (const p of order) {
    const i = rowOf[p]!;
    const j = t.mentor[p]!;
    if (taken[i] || !present(i) || load[j]! >= c.capacity[j]! || c.mentorExclusion[j] !== null) continue;
    // In max-score mode a pair that does not add to the total is not worth making.
    if (c.settings.mode === 'max-score' && -t.cost[p]! - slotCost(c.crit, c.capacity[j]!, load[j]!) <= 0) continue;
    taken[i] = 1;
    load[j]! += 1;
    pairs.push({ i, j, locked: false });
  }
  pairs.sort((a, b) => a.i - b.i);
  const seen = new Int32Array(c.mentors.length);
  let objective = 0;
  let totalScore = 0;
  const assignments = pairs.map(({ i, j, locked }) => {
    const score = weightedScore(c.crit, breakdownOf(c.features, c.crit, i, j, cosinePair(c.features.tfidf, i, j), c.rules.overlap(i, j)));
    totalScore += score;
    objective += score - slotCost(c.crit, c.capacity[j]!, seen[j]!++) / SCORE_SCALE;
    return { menteeId: c.mentees[i]!.id, mentorId: c.mentors[j]!.id, score, locked };
  });
  return { objective, totalScore, matched: assignments.length, assignments };
}

export function greedyMatch(members: readonly Member[], settings: MatchSettings): GreedyResult {
  return greedyMatchPrepared(prepareCohort(members, settings));
}
