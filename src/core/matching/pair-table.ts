/**
 * The scored pair table: every allowed (mentee, mentor) pair with its integer cost, in CSR form.
 * This module assembles it in two passes (count, then fill exactly sized arrays); the per-pair work
 * is in PairScorer (pair-scorer.ts), and the candidate lists per time-zone offset in
 * offset-candidates.ts. Split from the reference score (scoring.ts) because this is the hot path for
 * millions of pairs, while that is the readable definition it must agree with.
 */
import type { CohortFeatures } from './features';
import { checkCancelled, type ProgressFn } from './errors';
import { CandidateLists, type Candidates } from './offset-candidates';
import { PairScorer } from './pair-scorer';
import type { PairRules } from './rules';
import type { Criteria } from './scoring';

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
