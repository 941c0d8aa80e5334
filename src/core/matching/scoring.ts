import type { CohortFeatures } from './features';
import { shareLanguage } from './features';
import { checkCancelled, type ProgressFn } from './errors';
import type { PairRules } from './rules';
import { PAIR_CRITERIA, type MatchSettings, type PairCriterion } from './settings';
import { cosineRow } from './tfidf';

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
}

export function criteriaFrom(settings: MatchSettings): Criteria {
  const c = settings.criteria;
  let total = 0;
  for (const k of PAIR_CRITERIA) if (c[k].enabled) total += c[k].weight;
  const weight = {} as Record<PairCriterion, number>;
  for (const k of PAIR_CRITERIA) weight[k] = c[k].enabled && total > 0 ? c[k].weight / total : 0;
  const loadBonus = c.load.enabled && total > 0 ? c.load.weight / total : 0;
  return { weight, loadBonus, settings: c };
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
 * All allowed pairs in CSR form over mentees: `mentor[p]` and integer `cost[p]` (= −score × scale)
 * for p in rowStart[i]..rowStart[i+1]. Typed arrays only: 15 M pairs fit in ~120 MB.
 */
export interface PairTable {
  readonly nMentees: number;
  readonly nMentors: number;
  readonly rowStart: Int32Array;
  readonly mentor: Int32Array;
  readonly cost: Int32Array;
}

class GrowableInt32 {
  data = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  trimmed(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export interface ScoreOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ProgressFn | undefined;
}

/**
 * Scores every allowed pair. `mentorUsable[j] = 0` skips mentors that cannot take anyone (zero
 * capacity, not approved) so their pairs cost nothing. The hot loop inlines the criteria (same
 * formulas as `breakdownOf`) to avoid allocating a breakdown object per pair.
 */
export function buildPairTable(
  f: CohortFeatures,
  rules: PairRules,
  crit: Criteria,
  menteeUsable: Uint8Array,
  mentorUsable: Uint8Array,
  opts: ScoreOptions = {},
): PairTable {
  const n = f.mentees.members.length;
  const m = f.mentors.members.length;
  const rowStart = new Int32Array(n + 1);
  const mentorOut = new GrowableInt32();
  const costOut = new GrowableInt32();
  const cos = new Float64Array(m);
  const w = crit.weight;
  const needOverlap = rules.needsOverlap || w.availability > 0;
  const needCos = w.content > 0;
  const s = crit.settings;
  const e = f.mentees;
  const r = f.mentors;
  const targetMin = s.availability.targetHours * 60;
  const { minYears, maxYears, toleranceYears } = s.seniority;
  const preferSame = s.department.prefer === 'prefer-same';
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0) {
      checkCancelled(opts.signal);
      opts.onProgress?.({ phase: 'scoring', done: i, total: n });
    }
    if (menteeUsable[i]) {
      if (needCos) cosineRow(f.tfidf, f.mentorIndex, i, cos);
      const si = e.seniority[i]!;
      const di = e.department[i]!;
      for (let j = 0; j < m; j++) {
        if (!mentorUsable[j]) continue;
        const ov = needOverlap ? rules.overlap(i, j) : -1;
        if (rules.mask(i, j, ov) !== 0) continue;
        let score = 0;
        if (needCos) score += w.content * Math.min(1, cos[j]!);
        if (w.language > 0 && shareLanguage(f, i, j)) score += w.language;
        if (w.seniority > 0) {
          const gap = r.seniority[j]! - si;
          if (gap === gap) {
            const dist = gap < minYears ? minYears - gap : gap > maxYears ? gap - maxYears : 0;
            if (dist < toleranceYears) score += w.seniority * (1 - dist / toleranceYears);
          }
        }
        if (w.department > 0) {
          const dj = r.department[j]!;
          if (di >= 0 && dj >= 0 && (di === dj) === preferSame) score += w.department;
        }
        if (w.availability > 0 && ov > 0) score += w.availability * Math.min(1, ov / targetMin);
        mentorOut.push(j);
        costOut.push(-Math.round(score * SCORE_SCALE));
      }
    }
    rowStart[i + 1] = mentorOut.length;
  }
  opts.onProgress?.({ phase: 'scoring', done: n, total: n });
  return { nMentees: n, nMentors: m, rowStart, mentor: mentorOut.trimmed(), cost: costOut.trimmed() };
}
