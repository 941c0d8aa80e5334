/**
 * The pair-table builder's per-pair state and hot loop: for one loaded mentee, the per-pair rules,
 * overlaps and integer costs of its candidate mentors. Combines the identity rules
 * (blocked-mentors.ts), availability (mentor-weeks.ts), per-criterion rows (criterion-rows.ts) and
 * cosine rows (tfidf.ts); pair-table.ts drives it row by row.
 */
import { BlockedMentors } from './blocked-mentors';
import { CriterionTerms, languageKey } from './criterion-rows';
import type { CohortFeatures } from './features';
import { shareLanguage } from './features';
import { MentorWeeks } from './mentor-weeks';
import type { CandidateLists } from './offset-candidates';
import type { PairRules } from './rules';
import { roundHalfUp, SCORE_SCALE, type Criteria } from './scoring';
import { cosineRowInGroups, invertVectorsByGroup, type GroupedIndex } from './tfidf';

/**
 * The hot loop's state: constants per table, plus the current mentee's data (set by `setMentee`).
 * The per-pair methods are small so that V8 inlines them.
 */
export class PairScorer {
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
