import type { CohortFeatures } from './features';
import { shareLanguage } from './features';
import { checkCancelled, type ProgressFn } from './errors';
import type { PairRules } from './rules';
import { PAIR_CRITERIA, type MatchSettings, type PairCriterion } from './settings';
import { cosineRow } from './tfidf';
import { MINUTES_PER_WEEK } from './timezones';

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
  const c = settings.criteria;
  let total = 0;
  for (const k of PAIR_CRITERIA) if (c[k].enabled) total += c[k].weight;
  const weight = {} as Record<PairCriterion, number>;
  for (const k of PAIR_CRITERIA) weight[k] = c[k].enabled && total > 0 ? c[k].weight / total : 0;
  const loadBonus = c.load.enabled && total > 0 ? c.load.weight / total : 0;
  return { weight, loadBonus, settings: c, rules: settings.rules };
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

/**
 * Append-only Int32 storage in fixed chunks: unlike a doubling array it never holds a 2× copy, so
 * peak memory while scoring stays near the final table size.
 */
class ChunkedInt32 {
  private static readonly CHUNK = 1 << 20;
  private readonly chunks: Int32Array[] = [];
  private cur = new Int32Array(ChunkedInt32.CHUNK);
  private pos = 0;
  length = 0;
  push(v: number): void {
    if (this.pos === ChunkedInt32.CHUNK) {
      this.chunks.push(this.cur);
      this.cur = new Int32Array(ChunkedInt32.CHUNK);
      this.pos = 0;
    }
    this.cur[this.pos++] = v;
    this.length++;
  }
  toArray(): Int32Array {
    const out = new Int32Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    out.set(this.cur.subarray(0, this.pos), at);
    return out;
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
  const mentorOut = new ChunkedInt32();
  const costOut = new ChunkedInt32();
  const cos = new Float64Array(m);
  const w = crit.weight;
  const s = crit.settings;
  const e = f.mentees;
  const r = f.mentors;
  const hard = crit.rules;
  const tz = hard.timezone;
  const maxDiffMin = tz.kind === 'max-offset-diff' ? tz.hours * 60 : 0;
  const minOverlapMin = tz.kind === 'min-overlap' ? tz.hours * 60 : 0;
  const excludeUnknownTz = hard.unknownTimezone === 'exclude';
  const needOverlap = tz.kind === 'min-overlap' || w.availability > 0;
  const needCos = w.content > 0;
  const targetMin = s.availability.targetHours * 60;
  const { minYears, maxYears, toleranceYears } = s.seniority;
  const preferSame = s.department.prefer === 'prefer-same';
  const lw = f.languageWords;
  // Mentor availability flattened once, so the overlap merge below reads one typed array.
  const weekStart = new Int32Array(m + 1);
  const weekKnown = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    const wk = r.week[j];
    weekKnown[j] = wk ? 1 : 0;
    weekStart[j + 1] = weekStart[j]! + (wk ? wk.length : 0);
  }
  const week = new Int32Array(weekStart[m]!);
  for (let j = 0; j < m; j++) {
    const wk = r.week[j];
    if (wk) week.set(wk, weekStart[j]!);
  }
  const covered = new Int32Array(MINUTES_PER_WEEK + 1);
  const { forbidden, earlier } = rules;
  const hasForbidden = forbidden.size > 0 || earlier.size > 0;
  const wContent = w.content;
  const wLanguage = w.language;
  const wSeniority = w.seniority;
  const wDepartment = w.department;
  const wAvailability = w.availability;
  const byOffset = tz.kind === 'max-offset-diff';
  const byOverlap = tz.kind === 'min-overlap';
  const needLanguage = hard.requireSharedLanguage || w.language > 0;
  const rPerson = r.person;
  const rTeam = r.team;
  const rEmail = r.email;
  const rManager = r.manager;
  const rSeniority = r.seniority;
  const rDepartment = r.department;
  const eLang = e.languages;
  const rLang = r.languages;
  // Offsets take few distinct values: decide the offset rule once per (mentee, offset) instead of per pair.
  const offsets = [...new Set(Array.from(r.offsetMin).filter((x) => x === x))].sort((a, b) => a - b);
  const offsetId = Int32Array.from(r.offsetMin, (x) => (x === x ? offsets.indexOf(x) : -1));
  const offsetOk = new Uint8Array(offsets.length);
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0) {
      checkCancelled(opts.signal);
      opts.onProgress?.({ phase: 'scoring', done: i, total: n });
    }
    if (menteeUsable[i]) {
      if (needCos) cosineRow(f.tfidf, f.mentorIndex, i, cos);
      const si = e.seniority[i]!;
      const di = e.department[i]!;
      const oi = e.offsetMin[i]!;
      const pi = e.person[i]!;
      const ti = hard.excludeSameTeam ? e.team[i]! : -1;
      const mi = hard.excludeReportingLine ? e.manager[i]! : -1;
      const ei = hard.excludeReportingLine ? e.email[i]! : -2;
      const wi = e.week[i] ?? null;
      if (needOverlap && wi !== null) {
        // Prefix sums of the mentee's availability over the week's minutes: O(1) per mentor interval.
        covered.fill(0);
        for (let a = 0; a < wi.length; a += 2) for (let t = wi[a]!; t < wi[a + 1]!; t++) covered[t + 1] = 1;
        for (let t = 0; t < MINUTES_PER_WEEK; t++) covered[t + 1]! += covered[t]!;
      }
      const unknownOk = !excludeUnknownTz;
      if (byOffset) {
        for (let k = 0; k < offsets.length; k++) {
          let d = (oi - offsets[k]!) % 1440;
          if (d < 0) d += 1440;
          if (d > 720) d = 1440 - d;
          offsetOk[k] = oi === oi ? (d <= maxDiffMin + 1e-9 ? 1 : 0) : unknownOk ? 1 : 0;
        }
      }
      // The hard rules below are the same as PairRules.mask (kept in one hot loop for speed;
      // a test checks that both agree).
      for (let j = 0; j < m; j++) {
        if (!mentorUsable[j]) continue;
        if (byOffset) {
          const k = offsetId[j]!;
          if (k < 0 ? !unknownOk : offsetOk[k] === 0) continue;
        }
        if (rPerson[j] === pi) continue;
        if (ti >= 0 && rTeam[j] === ti) continue;
        if ((mi >= 0 && mi === rEmail[j]) || (rManager[j]! >= 0 && rManager[j] === ei)) continue;
        if (hasForbidden && (forbidden.has(i * m + j) || earlier.has(i * m + j))) continue;
        let ov = -1;
        if (needOverlap && wi !== null && weekKnown[j]) {
          // Overlap = Σ over the mentor's intervals of the mentee's covered minutes inside them.
          ov = 0;
          for (let b = weekStart[j]!, be = weekStart[j + 1]!; b < be; b += 2) ov += covered[week[b + 1]!]! - covered[week[b]!]!;
        }
        if (byOverlap) {
          if (ov < 0) {
            if (excludeUnknownTz) continue;
          } else if (ov < minOverlapMin - 1e-9) continue;
        }
        let shared = false;
        if (needLanguage) {
          for (let k = 0; k < lw; k++) {
            if ((eLang[i * lw + k]! & rLang[j * lw + k]!) !== 0) {
              shared = true;
              break;
            }
          }
          if (hard.requireSharedLanguage && !shared) continue;
        }
        let score = 0;
        if (needCos) score += wContent * Math.min(1, cos[j]!);
        if (shared && wLanguage > 0) score += wLanguage;
        if (wSeniority > 0) {
          const gap = rSeniority[j]! - si;
          if (gap === gap) {
            const dist = gap < minYears ? minYears - gap : gap > maxYears ? gap - maxYears : 0;
            if (dist < toleranceYears) score += wSeniority * (1 - dist / toleranceYears);
          }
        }
        if (wDepartment > 0) {
          const dj = rDepartment[j]!;
          if (di >= 0 && dj >= 0 && (di === dj) === preferSame) score += wDepartment;
        }
        if (wAvailability > 0 && ov > 0) score += wAvailability * Math.min(1, ov / targetMin);
        mentorOut.push(j);
        costOut.push(-Math.round(score * SCORE_SCALE));
      }
    }
    rowStart[i + 1] = mentorOut.length;
  }
  opts.onProgress?.({ phase: 'scoring', done: n, total: n });
  return { nMentees: n, nMentors: m, rowStart, mentor: mentorOut.toArray(), cost: costOut.toArray() };
}
