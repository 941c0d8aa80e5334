/**
 * Per-criterion terms for the pair-table builder's hot loop: rows of already weighted terms for
 * every mentor, cached per mentee key (seniority years, department, language set), and the
 * availability term by overlap minutes. Kept apart from the loop itself because they are where
 * the bit-for-bit agreement with breakdownOf × weight (scoring.ts) is established.
 */
import type { CohortFeatures } from './features';
import { shareLanguage } from './features';
import type { Criteria } from './scoring';
import { MINUTES_PER_WEEK } from './timezones';

/** Rows kept per distinct mentee key; beyond this (unusual cohorts) a row is rebuilt per mentee. */
const MAX_CACHED_ROWS = 32;

/**
 * One criterion's term (already weighted) for every mentor, given a mentee. The term depends on the
 * mentee only through a key with few distinct values (seniority years, department, language set),
 * so each row is built once per key and the hot loop adds a lookup instead of branching per pair.
 */
class TermRows<K> {
  private readonly cache = new Map<K, Float64Array>();
  private readonly scratch: Float64Array;

  constructor(
    m: number,
    /** Fills `out[j]` with the term of mentee `i` and mentor j, 0 where the criterion gives nothing. */
    private readonly build: (i: number, out: Float64Array) => void,
  ) {
    this.scratch = new Float64Array(m);
  }

  /** The row of mentee `i`, whose key is `key`. */
  get(key: K, i: number): Float64Array {
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.cache.size >= MAX_CACHED_ROWS) {
      this.build(i, this.scratch);
      return this.scratch;
    }
    const row = new Float64Array(this.scratch.length);
    this.build(i, row);
    this.cache.set(key, row);
    return row;
  }
}

/**
 * Per-criterion terms precomputed for the hot loop, with the same expressions as breakdownOf ×
 * weight, so each value is bit-identical to computing it per pair.
 *
 * The loop adds every term unconditionally, in the fixed criterion order of weightedScore, where the
 * reference skips zero terms: x + 0 === x for every x but −0, and a sum of −0 or +0 rounds to the
 * same integer cost, so the costs are the same to the bit.
 */
export class CriterionTerms {
  readonly seniority: TermRows<number>;
  readonly department: TermRows<number>;
  readonly language: TermRows<number | string>;
  /** Availability term by overlap minutes: index ov + 1, so an unknown overlap (−1) reads 0. */
  readonly availability: Float64Array;

  constructor(f: CohortFeatures, crit: Criteria) {
    const m = f.mentors.members.length;
    const w = crit.weight;
    const s = crit.settings;
    const e = f.mentees;
    const r = f.mentors;
    const { minYears, maxYears, toleranceYears } = s.seniority;
    this.seniority = new TermRows(m, (i, out) => {
      const si = e.seniority[i]!;
      for (let j = 0; j < m; j++) {
        const gap = r.seniority[j]! - si;
        const dist = gap < minYears ? minYears - gap : gap > maxYears ? gap - maxYears : 0;
        out[j] = gap === gap && dist < toleranceYears ? w.seniority * (1 - dist / toleranceYears) : 0;
      }
    });
    const preferSame = s.department.prefer === 'prefer-same';
    this.department = new TermRows(m, (i, out) => {
      const di = e.department[i]!;
      for (let j = 0; j < m; j++) {
        const dj = r.department[j]!;
        out[j] = di >= 0 && dj >= 0 && (di === dj) === preferSame ? w.department : 0;
      }
    });
    this.language = new TermRows(m, (i, out) => {
      for (let j = 0; j < m; j++) out[j] = shareLanguage(f, i, j) ? w.language : 0;
    });
    const targetMin = s.availability.targetHours * 60;
    this.availability = new Float64Array(MINUTES_PER_WEEK + 2);
    if (w.availability > 0) {
      for (let ov = 1; ov <= MINUTES_PER_WEEK; ov++) this.availability[ov + 1] = w.availability * Math.min(1, ov / targetMin);
    }
  }
}

/** A mentee's language set as a cache key: the bitset word itself in the usual one-word case. */
export function languageKey(f: CohortFeatures, i: number): number | string {
  const lw = f.languageWords;
  if (lw === 1) return f.mentees.languages[i]!;
  return Array.from(f.mentees.languages.subarray(i * lw, (i + 1) * lw)).join(',');
}
