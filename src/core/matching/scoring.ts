import type { CohortFeatures } from './features';
import { shareLanguage } from './features';
import { checkCancelled, type ProgressFn } from './errors';
import type { PairRules } from './rules';
import { PAIR_CRITERIA, type MatchSettings, type PairCriterion } from './settings';
import { cosineRowInGroups, invertVectorsByGroup, type GroupedIndex } from './tfidf';
import { MINUTES_PER_WEEK, type WeekIntervals } from './timezones';

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

export interface ScoreOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ProgressFn | undefined;
}

/**
 * Mentor availability in coordinate-compressed form. Cohorts share a few zones and hours, so all
 * mentors together have only a few hundred distinct interval endpoints and distinct intervals. Per
 * mentee, the covered-minutes prefix is computed only at those endpoints (not at all 10,080 minutes
 * of the week) and then the overlap with each distinct interval, so a pair's overlap is the sum of
 * a few looked-up numbers.
 *
 * Each mentor's first `slotSize` interval ids sit in a fixed-size slot (padded with the empty
 * interval 0), the rest, if any, in an overflow list: a loop with the same trip count for every
 * mentor is predicted well, one whose length varies per mentor mispredicts about once per pair.
 */
class MentorWeeks {
  private readonly points: Int32Array;
  /** Distinct intervals as indices into `points`, [s0, e0, s1, e1, ...]; interval 0 is empty. */
  private readonly intervals: Int32Array;
  private readonly known: Uint8Array;
  private readonly slotSize: number;
  private readonly slots: Int32Array;
  private readonly overflowStart: Int32Array;
  private readonly overflow: Int32Array;
  /** Minutes the current mentee is available before `points[k]` (integer, so sums are exact). */
  private readonly coveredBefore: Int32Array;
  /** The current mentee's overlap with each distinct interval. */
  private readonly intervalOverlap: Int32Array;

  constructor(weeks: readonly (WeekIntervals | null)[]) {
    const m = weeks.length;
    this.known = Uint8Array.from(weeks, (wk) => (wk ? 1 : 0));
    const distinct = new Set<number>();
    for (const wk of weeks) if (wk) for (const t of wk) distinct.add(t);
    this.points = Int32Array.from(distinct).sort();
    this.coveredBefore = new Int32Array(this.points.length);
    const rank = new Map<number, number>();
    this.points.forEach((t, k) => rank.set(t, k));
    const idOfKey = new Map<number, number>();
    const intervals = [0, 0];
    // An interval [s, e) of the week is keyed s × (week + 1) + e: unique, and exact as a double.
    const idOf = (s: number, e: number): number => {
      const key = s * (MINUTES_PER_WEEK + 1) + e;
      let id = idOfKey.get(key);
      if (id === undefined) {
        id = intervals.length / 2;
        idOfKey.set(key, id);
        intervals.push(rank.get(s)!, rank.get(e)!);
      }
      return id;
    };
    this.slotSize = slotSize(weeks);
    this.slots = new Int32Array(m * this.slotSize);
    this.overflowStart = new Int32Array(m + 1);
    const overflow: number[] = [];
    weeks.forEach((wk, j) => {
      for (let a = 0; wk && a < wk.length; a += 2) {
        const id = idOf(wk[a]!, wk[a + 1]!);
        if (a / 2 < this.slotSize) this.slots[j * this.slotSize + a / 2] = id;
        else overflow.push(id);
      }
      this.overflowStart[j + 1] = overflow.length;
    });
    this.overflow = Int32Array.from(overflow);
    this.intervals = Int32Array.from(intervals);
    this.intervalOverlap = new Int32Array(intervals.length / 2);
  }

  /** Loads a mentee's sorted, disjoint intervals: one merge over the points, then each interval. */
  setMentee(w: WeekIntervals): void {
    const points = this.points;
    const cov = this.coveredBefore;
    let a = 0;
    let full = 0; // minutes of the intervals that end at or before the current point
    for (let k = 0; k < points.length; k++) {
      const t = points[k]!;
      while (a < w.length && w[a + 1]! <= t) {
        full += w[a + 1]! - w[a]!;
        a += 2;
      }
      cov[k] = a < w.length && w[a]! < t ? full + t - w[a]! : full;
    }
    const iv = this.intervals;
    const ivOv = this.intervalOverlap;
    for (let d = 1; d < ivOv.length; d++) ivOv[d] = cov[iv[2 * d + 1]!]! - cov[iv[2 * d]!]!;
  }

  /** Overlap in minutes of the loaded mentee with mentor `j`, or −1 when j's time zone is unknown. */
  overlap(j: number): number {
    if (this.known[j] === 0) return -1;
    const ivOv = this.intervalOverlap;
    const slots = this.slots;
    let ov = 0;
    for (let b = j * this.slotSize, be = b + this.slotSize; b < be; b++) ov += ivOv[slots[b]!]!;
    const extra = this.overflow;
    for (let b = this.overflowStart[j]!, be = this.overflowStart[j + 1]!; b < be; b++) ov += ivOv[extra[b]!]!;
    return ov;
  }
}

/** Slot size (in intervals) that holds all intervals of 9 mentors in 10: the rest overflow. */
function slotSize(weeks: readonly (WeekIntervals | null)[]): number {
  const lengths = Int32Array.from(weeks, (wk) => (wk ? wk.length / 2 : 0)).sort();
  return lengths.length === 0 ? 0 : lengths[Math.floor((lengths.length - 1) * 0.9)]!;
}

/** Lists kept per distinct mentee offset; beyond this (odd fixed offsets galore) lists are rebuilt per mentee. */
const MAX_CACHED_LISTS = 64;
/** Offset groups for cosine rows; with more distinct mentor offsets than this, all share one group. */
const MAX_OFFSET_GROUPS = 32;

/** What a mentee can pair with before the pair-level rules. */
interface Candidates {
  /** Usable mentors that pass the offset rule, ascending. */
  readonly mentors: Int32Array;
  /** The offset groups those mentors belong to. */
  readonly groups: Int32Array;
}

/**
 * Candidate lists per mentee offset. The offset rule depends only on the mentee's offset, which
 * takes few distinct values, so one list per offset lets the hot loop skip the mentors it rejects
 * (about half of a global cohort) without looking at them, and cosine rows skip them too.
 */
class CandidateLists {
  /** Offset group of each usable mentor (−1 = not usable): mentors with the same offset share one. */
  readonly groupOf: Int32Array;
  readonly groups: number;
  private readonly groupOffset: number[] = [];
  private readonly cache = new Map<number, Candidates>();
  private readonly scratch: Int32Array;

  constructor(
    private readonly mentorOffset: Float64Array,
    private readonly usable: Uint8Array,
    /** null = no offset rule. */
    private readonly maxDiffMin: number | null,
    private readonly unknownOk: boolean,
  ) {
    const m = usable.length;
    this.scratch = new Int32Array(m);
    const groupOfOffset = new Map<number, number>(); // a Map finds NaN keys too
    if (maxDiffMin !== null) {
      for (let j = 0; j < m; j++) {
        if (usable[j] !== 0 && !groupOfOffset.has(mentorOffset[j]!)) groupOfOffset.set(mentorOffset[j]!, groupOfOffset.size);
      }
    }
    const byOffset = groupOfOffset.size > 0 && groupOfOffset.size <= MAX_OFFSET_GROUPS;
    if (byOffset) this.groupOffset = [...groupOfOffset.keys()];
    this.groups = byOffset ? groupOfOffset.size : 1;
    this.groupOf = Int32Array.from(usable, (u, j) => (u === 0 ? -1 : byOffset ? groupOfOffset.get(mentorOffset[j]!)! : 0));
  }

  forOffset(menteeOffset: number): Candidates {
    const key = this.maxDiffMin === null ? 0 : menteeOffset;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let c = 0;
    for (let j = 0; j < this.usable.length; j++) {
      if (this.contains(menteeOffset, j)) this.scratch[c++] = j;
    }
    const groups = this.groupOffset.length === 0 ? Int32Array.of(0) : this.groupsFor(menteeOffset);
    if (this.cache.size >= MAX_CACHED_LISTS) return { mentors: this.scratch.subarray(0, c), groups };
    const list = { mentors: this.scratch.slice(0, c), groups };
    this.cache.set(key, list);
    return list;
  }

  /** Whether mentor `j` is in the list for `menteeOffset`. */
  contains(menteeOffset: number, j: number): boolean {
    return this.usable[j] !== 0 && this.offsetAllows(menteeOffset, this.mentorOffset[j]!);
  }

  private groupsFor(menteeOffset: number): Int32Array {
    const out: number[] = [];
    this.groupOffset.forEach((o, g) => {
      if (this.offsetAllows(menteeOffset, o)) out.push(g);
    });
    return Int32Array.from(out);
  }

  /** Same test as PairRules.mask (circular difference, unknown zones per the setting). */
  private offsetAllows(oi: number, oj: number): boolean {
    if (this.maxDiffMin === null) return true;
    if (oi !== oi || oj !== oj) return this.unknownOk;
    let d = (oi - oj) % 1440;
    if (d < 0) d += 1440;
    if (d > 720) d = 1440 - d;
    return d <= this.maxDiffMin + 1e-9;
  }
}

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
class CriterionTerms {
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
function languageKey(f: CohortFeatures, i: number): number | string {
  const lw = f.languageWords;
  if (lw === 1) return f.mentees.languages[i]!;
  return Array.from(f.mentees.languages.subarray(i * lw, (i + 1) * lw)).join(',');
}

/** Mentors per interned value (kept by `keep`): a reverse index for rules of the form "same X". */
function mentorsBy(values: Int32Array, keep: (v: number) => boolean): Map<number, number[]> {
  const index = new Map<number, number[]>();
  values.forEach((v, j) => {
    if (!keep(v)) return;
    const list = index.get(v);
    if (list) list.push(j);
    else index.set(v, [j]);
  });
  return index;
}

/**
 * The identity rules (self, same team, reporting line, forbidden and earlier pairs), the same
 * tests as PairRules.mask (a test checks that both agree). They block only the few mentors that
 * share a person, team or email with a mentee, so reverse indexes find those directly instead of
 * every pair being compared.
 */
class BlockedMentors {
  /** 1 for each mentor blocked for the loaded mentee. */
  readonly mark: Uint8Array;
  /** The loaded mentee's blocked mentors, each once. */
  readonly list: number[] = [];
  private readonly byPerson: Map<number, number[]>;
  private readonly byTeam: Map<number, number[]> | null;
  private readonly byEmail: Map<number, number[]> | null;
  private readonly byManager: Map<number, number[]> | null;
  private readonly explicit = new Map<number, number[]>();

  constructor(
    private readonly f: CohortFeatures,
    rules: PairRules,
    hard: MatchSettings['rules'],
  ) {
    const r = f.mentors;
    const m = r.members.length;
    this.mark = new Uint8Array(m);
    this.byPerson = mentorsBy(r.person, () => true); // as in mask, two unknown persons (−1) count as the same
    this.byTeam = hard.excludeSameTeam ? mentorsBy(r.team, (v) => v >= 0) : null;
    this.byEmail = hard.excludeReportingLine ? mentorsBy(r.email, (v) => v >= 0) : null;
    this.byManager = hard.excludeReportingLine ? mentorsBy(r.manager, (v) => v >= 0) : null;
    for (const key of [...rules.forbidden, ...rules.earlier]) {
      const i = Math.floor(key / m);
      const list = this.explicit.get(i);
      if (list) list.push(key - i * m);
      else this.explicit.set(i, [key - i * m]);
    }
  }

  /** Marks mentee `i`'s blocked mentors (clearing the previous mentee's). */
  load(i: number): void {
    for (const j of this.list) this.mark[j] = 0;
    this.list.length = 0;
    const e = this.f.mentees;
    this.add(this.byPerson.get(e.person[i]!));
    if (this.byTeam && e.team[i]! >= 0) this.add(this.byTeam.get(e.team[i]!));
    if (this.byEmail && e.manager[i]! >= 0) this.add(this.byEmail.get(e.manager[i]!));
    if (this.byManager && e.email[i]! >= 0) this.add(this.byManager.get(e.email[i]!));
    this.add(this.explicit.get(i));
  }

  private add(mentors: readonly number[] | undefined): void {
    if (!mentors) return;
    for (const j of mentors) {
      if (this.mark[j]) continue;
      this.mark[j] = 1;
      this.list.push(j);
    }
  }
}

/**
 * The hot loop's state: constants per table, plus the current mentee's data (set by `setMentee`).
 * The per-pair methods are small so that V8 inlines them.
 */
class PairScorer {
  readonly needOverlap: boolean;
  readonly byOverlap: boolean;
  /** Rules that must be tested pair by pair (the others are settled by candidate lists and `blocked`). */
  readonly perPairRules: boolean;
  readonly blocked: BlockedMentors;
  /** Row scratch: overlaps of the row's pairs. */
  readonly ovRow: Int32Array;
  private readonly f: CohortFeatures;
  private readonly weeks: MentorWeeks;
  private readonly terms: CriterionTerms;
  private readonly cos: Float64Array;
  /** Mentor postings by offset group, so cosine rows cover candidates only (null: content not scored). */
  private readonly postings: GroupedIndex | null;
  private readonly requireLanguage: boolean;
  private readonly excludeUnknownTz: boolean;
  private readonly minOverlapMin: number;
  private readonly wContent: number;
  private readonly useLanguage: boolean;
  private readonly useSeniority: boolean;
  private readonly useDepartment: boolean;
  // Current mentee.
  private i = 0;
  private hasWeek = false;
  private languageRow: Float64Array;
  private seniorityRow: Float64Array;
  private departmentRow: Float64Array;

  constructor(f: CohortFeatures, rules: PairRules, crit: Criteria, lists: CandidateLists) {
    const hard = crit.rules;
    const w = crit.weight;
    const m = f.mentors.members.length;
    this.f = f;
    this.blocked = new BlockedMentors(f, rules, hard);
    this.weeks = new MentorWeeks(f.mentors.week);
    this.terms = new CriterionTerms(f, crit);
    this.cos = new Float64Array(m); // stays 0 when content is not scored
    const vocabularySize = f.tfidf.vocabulary.length;
    this.postings = w.content > 0 ? invertVectorsByGroup(f.tfidf.mentors, vocabularySize, lists.groupOf, lists.groups) : null;
    const zeros = new Float64Array(m);
    this.languageRow = zeros;
    this.seniorityRow = zeros;
    this.departmentRow = zeros;
    this.ovRow = new Int32Array(m);
    this.requireLanguage = hard.requireSharedLanguage;
    this.excludeUnknownTz = hard.unknownTimezone === 'exclude';
    this.byOverlap = hard.timezone.kind === 'min-overlap';
    this.minOverlapMin = hard.timezone.kind === 'min-overlap' ? hard.timezone.hours * 60 : 0;
    this.perPairRules = this.byOverlap || this.requireLanguage;
    this.needOverlap = this.byOverlap || w.availability > 0;
    this.wContent = w.content;
    this.useLanguage = w.language > 0;
    this.useSeniority = w.seniority > 0;
    this.useDepartment = w.department > 0;
  }

  /** Loads mentee `i` for the pair rules, and for overlaps if `withOverlaps`. */
  setMentee(i: number, withOverlaps: boolean): void {
    const wi = this.f.mentees.week[i] ?? null;
    this.i = i;
    this.blocked.load(i);
    this.hasWeek = withOverlaps && this.needOverlap && wi !== null;
    if (wi !== null && this.hasWeek) this.weeks.setMentee(wi);
  }

  /** Prepares `costs` for the loaded mentee, whose candidates are in `groups`. */
  prepareCosts(groups: Int32Array): void {
    const i = this.i;
    const e = this.f.mentees;
    if (this.postings) cosineRowInGroups(this.f.tfidf, this.postings, i, groups, this.cos);
    if (this.useLanguage) this.languageRow = this.terms.language.get(languageKey(this.f, i), i);
    if (this.useSeniority) this.seniorityRow = this.terms.seniority.get(e.seniority[i]!, i);
    if (this.useDepartment) this.departmentRow = this.terms.department.get(e.department[i]!, i);
  }

  /** Overlap minutes with mentor `j` when some rule or criterion needs it, else −1 (= unknown). */
  overlap(j: number): number {
    return this.hasWeek ? this.weeks.overlap(j) : -1;
  }

  /** The per-pair rules (min overlap, shared language), as in PairRules.mask, for a pair with overlap `ov`. */
  pairAllows(j: number, ov: number): boolean {
    if (this.byOverlap && (ov < 0 ? this.excludeUnknownTz : ov < this.minOverlapMin - 1e-9)) return false;
    return !this.requireLanguage || shareLanguage(this.f, this.i, j);
  }

  /**
   * Integer costs of the loaded mentee's pairs with `mentors` (overlaps in `ovRow`) into `out`:
   * the terms of weightedScore added in its order, so the sums are the same to the bit. Disabled
   * criteria read rows of zeros rather than branching.
   */
  costs(mentors: Int32Array, out: Int32Array): void {
    const { cos, languageRow, seniorityRow, departmentRow, ovRow, wContent } = this;
    const availability = this.terms.availability;
    for (let k = 0; k < mentors.length; k++) {
      const j = mentors[k]!;
      let score = wContent * Math.min(1, cos[j]!);
      score += languageRow[j]!;
      score += seniorityRow[j]!;
      score += departmentRow[j]!;
      score += availability[ovRow[k]! + 1]!;
      out[k] = -roundHalfUp(score * SCORE_SCALE);
    }
  }
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

/**
 * One bit per candidate of each row: whether the pair passed the per-pair rules in the counting
 * pass. The filling pass then neither repeats those tests nor computes the overlaps of rejected
 * pairs, which under a min-overlap rule are most candidates (no candidate list narrows that rule).
 */
class PassedBits {
  private readonly wordStart: Int32Array;
  private readonly bits: Uint32Array;

  /** `rowLength[i]` = number of candidates of row i. */
  constructor(rowLength: (i: number) => number, n: number) {
    this.wordStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.wordStart[i + 1] = this.wordStart[i]! + ((rowLength(i) + 31) >>> 5);
    this.bits = new Uint32Array(this.wordStart[n]!);
  }

  set(i: number, c: number): void {
    this.bits[this.wordStart[i]! + (c >>> 5)]! |= 1 << (c & 31);
  }

  has(i: number, c: number): boolean {
    return (this.bits[this.wordStart[i]! + (c >>> 5)]! & (1 << (c & 31))) !== 0;
  }
}

/**
 * Scores every allowed pair. `mentorUsable[j] = 0` skips mentors that cannot take anyone (zero
 * capacity, not approved) so their pairs cost nothing.
 *
 * Two passes: the first only counts each row's allowed pairs (cheap: usually just the candidate
 * list's length minus the blocked mentors in it), so the second writes straight into exactly sized
 * arrays. Growing storage would instead hold the table twice while copying it out.
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
  const tz = crit.rules.timezone;
  const lists = new CandidateLists(
    f.mentors.offsetMin,
    mentorUsable,
    tz.kind === 'max-offset-diff' ? tz.hours * 60 : null,
    crit.rules.unknownTimezone !== 'exclude',
  );
  const candidatesOf = (i: number) => lists.forOffset(f.mentees.offsetMin[i]!);
  const scorer = new PairScorer(f, rules, crit, lists);
  const passed = scorer.perPairRules ? new PassedBits((i) => (menteeUsable[i] ? candidatesOf(i).mentors.length : 0), n) : null;
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0) checkCancelled(opts.signal);
    rowStart[i + 1] = rowStart[i]! + (menteeUsable[i] ? countRow(scorer, lists, f.mentees.offsetMin[i]!, i, passed) : 0);
  }
  const mentor = new Int32Array(rowStart[n]!);
  const cost = new Int32Array(rowStart[n]!);
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0) {
      checkCancelled(opts.signal);
      opts.onProgress?.({ phase: 'scoring', done: i, total: n });
    }
    if (!menteeUsable[i]) continue;
    const [a, b] = [rowStart[i]!, rowStart[i + 1]!];
    fillRow(scorer, candidatesOf(i), i, passed, mentor.subarray(a, b), cost.subarray(a, b));
  }
  opts.onProgress?.({ phase: 'scoring', done: n, total: n });
  return { nMentees: n, nMentors: m, rowStart, mentor, cost };
}

/** Number of allowed pairs of row `i`; with per-pair rules, also records which candidates passed. */
function countRow(scorer: PairScorer, lists: CandidateLists, offset: number, i: number, passed: PassedBits | null): number {
  scorer.setMentee(i, scorer.byOverlap);
  const candidates = lists.forOffset(offset).mentors;
  const blocked = scorer.blocked;
  if (!passed) {
    let count = candidates.length;
    for (const j of blocked.list) if (lists.contains(offset, j)) count--;
    return count;
  }
  let count = 0;
  for (let c = 0; c < candidates.length; c++) {
    const j = candidates[c]!;
    if (blocked.mark[j] || !scorer.pairAllows(j, scorer.byOverlap ? scorer.overlap(j) : -1)) continue;
    passed.set(i, c);
    count++;
  }
  return count;
}

/** Writes row `i` into its slices of the table: exactly the pairs countRow counted. */
function fillRow(
  scorer: PairScorer,
  candidates: Candidates,
  i: number,
  passed: PassedBits | null,
  mentor: Int32Array,
  cost: Int32Array,
): void {
  scorer.setMentee(i, true);
  scorer.prepareCosts(candidates.groups);
  const blocked = scorer.blocked.mark;
  const ovRow = scorer.ovRow;
  let k = 0;
  for (let c = 0; c < candidates.mentors.length; c++) {
    const j = candidates.mentors[c]!;
    if (passed ? !passed.has(i, c) : blocked[j]) continue;
    ovRow[k] = scorer.needOverlap ? scorer.overlap(j) : -1;
    mentor[k++] = j;
  }
  scorer.costs(mentor, cost);
}
