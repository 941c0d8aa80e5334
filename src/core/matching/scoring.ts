/**
 * The definition of a pair's score: criterion weights from the settings, the per-criterion
 * breakdown of a pair, the weighted score, a mentor slot's load bonus, and how scores are
 * quantised to integer costs. This is the reference the explanations and the greedy baseline use
 * pair by pair; the fast pair-table builder (pair-table.ts and the modules it uses) computes the
 * same numbers, bit for bit, for every pair at once.
 */
import type { CohortFeatures } from './features';
import { shareLanguage } from './features';
import { criterionShares, PAIR_CRITERIA, type MatchSettings, type PairCriterion } from './settings';

/**
 * Scores are quantised to integers (score × SCORE_SCALE) before solving, so optimality and ties
 * are decided exactly, and the same input always yields the same matching.
 */
export const SCORE_SCALE = 1_000_000;

/** Criterion weights normalised so a pair's score is a weighted mean in [0, 1]. */
export interface Criteria {
  readonly weight: Readonly<Record<PairCriterion, number>>;
  /** Bonus (same 0..1 scale) for a mentor's first slot; slot k of capacity c earns it × (c − k)/c. */
  readonly loadBonus: number;
  readonly settings: MatchSettings['criteria'];
  readonly rules: MatchSettings['rules'];
}

export function criteriaFrom(settings: MatchSettings): Criteria {
  const { weight, loadBonus } = criterionShares(settings.criteria, settings.score);
  return { weight, loadBonus, settings: settings.criteria, rules: settings.rules };
}

export type Breakdown = Record<PairCriterion, number>;

/** Per-criterion values in [0, 1] (before weighting): the "why" of a pair. */
export function breakdownOf(
  f: CohortFeatures,
  crit: Criteria,
  i: number,
  j: number,
  cosine: number,
  overlapMin: number,
): Breakdown {
  const s = crit.settings;
  const e = f.mentees;
  const r = f.mentors;
  const gap = r.seniority[j]! - e.seniority[i]!;
  let seniority = 0;
  if (!Number.isNaN(gap)) {
    const { minYears, maxYears, toleranceYears } = s.seniority;
    const dist = gap < minYears ? minYears - gap : gap > maxYears ? gap - maxYears : 0;
    seniority = Math.max(0, 1 - dist / toleranceYears);
  }
  const da = e.department[i]!;
  const db = r.department[j]!;
  const department =
    da < 0 || db < 0 ? 0 : s.department.prefer === 'prefer-same' ? Number(da === db) : Number(da !== db);
  return {
    content: Math.min(1, Math.max(0, cosine)),
    language: shareLanguage(f, i, j) ? 1 : 0,
    seniority,
    department,
    availability: overlapMin < 0 ? 0 : Math.min(1, overlapMin / 60 / s.availability.targetHours),
  };
}

export function weightedScore(crit: Criteria, b: Breakdown): number {
  let total = 0;
  for (const k of PAIR_CRITERIA) total += crit.weight[k] * b[k];
  return total;
}

/** Integer cost (negated, scaled score) of the k-th slot of a mentor with `capacity` slots. */
export function slotCost(crit: Criteria, capacity: number, k: number): number {
  if (crit.loadBonus === 0 || capacity <= 0) return 0;
  return -Math.round(((crit.loadBonus * (capacity - k)) / capacity) * SCORE_SCALE);
}
/**
 * Math.round, bit for bit, without its data-dependent branch: V8 compiles Math.round to a compare
 * and jump that mispredicts on about half of all scores. For 0 < x < 2^52, x − floor(x) is exact,
 * and floor(2 × that fraction) is 1 exactly when the fraction is ½ or more (ties round up, as in
 * Math.round). Anything else (zero, or never a score but kept correct) takes Math.round itself.
 */
export function roundHalfUp(x: number): number {
  const r = Math.floor(x);
  return x > 0 && x < 2 ** 52 ? r + Math.floor((x - r) * 2) : Math.round(x);
}
