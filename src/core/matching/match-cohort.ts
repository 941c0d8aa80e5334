import type { Member } from '../domain/participant';
import { buildProblem, prepareCohort, type PreparedCohort } from './cohort';
import { checkCancelled, type ProgressFn } from './errors';
import { explainUnmatched, type UnmatchedExplanation } from './explain-unmatched';
import { loadHighs, solveMip, type HighsSolver } from './mip';
import type { AssignmentProblem } from './problem';
import { breakdownOf, SCORE_SCALE, slotCost, weightedScore } from './scoring';
import { buildSideConstraints } from './side-constraints';
import { hasSideConstraints, PAIR_CRITERIA, type MatchSettings, type ObjectiveMode, type PairCriterion } from './settings';
import { certificateOf, solveAssignment, type OptimalityCertificate } from './solver';
import { cosinePair, sharedTerms } from './tfidf';
import { writtenTopics } from './written-topics';

export interface CriterionScore {
  /** Raw criterion value in [0, 1]. */
  readonly value: number;
  /** Normalised weight (weights of enabled criteria sum to 1). */
  readonly weight: number;
  /** value × weight: what this criterion adds to the pair score. */
  readonly contribution: number;
}

export interface MatchAssignment {
  readonly menteeId: string;
  readonly mentorId: string;
  /** Weighted pair score in [0, 1]. */
  readonly score: number;
  readonly breakdown: Readonly<Record<PairCriterion, CriterionScore>>;
  /** Spread-load bonus earned by the mentor slot this mentee fills. */
  readonly loadBonus: number;
  readonly locked: boolean;
  /** For locked pairs: the hard rules the lock overrides (empty if none). */
  readonly lockViolations: readonly string[];
  /** Circular UTC offset difference at the start date; null when a time zone is unknown. */
  readonly tzDiffHours: number | null;
  /** Weekly availability overlap; null when a time zone is unknown. */
  readonly overlapHours: number | null;
  readonly sharedTopics: readonly string[];
}

export interface MatchStats {
  readonly mentees: number;
  readonly mentors: number;
  readonly allowedPairs: number;
  readonly scoringMs: number;
  readonly solveMs: number;
  readonly referenceDate: string;
  readonly solver: 'flow' | 'mip';
  readonly augmentations: number;
}

export interface MatchResult {
  readonly status: 'optimal' | 'unverified' | 'not-solved';
  readonly mode: ObjectiveMode;
  /** What was maximised: Σ pair scores + Σ load bonuses (locked pairs included). */
  readonly objective: number;
  /** Σ pair scores of all assignments. */
  readonly totalScore: number;
  readonly matched: number;
  readonly assignments: readonly MatchAssignment[];
  readonly unmatched: readonly UnmatchedExplanation[];
  readonly certificate: OptimalityCertificate;
  readonly stats: MatchStats;
  readonly warnings: readonly string[];
}

export interface MatchOptions {
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** A loaded HiGHS instance; needed by the synchronous API only when side constraints are set. */
  highs?: HighsSolver;
}

interface Solved {
  readonly arcOf: Int32Array;
  readonly certificate: OptimalityCertificate;
  readonly verified: boolean;
  readonly ms: number;
  readonly augmentations: number;
}

function solveFlow(c: PreparedCohort, problem: AssignmentProblem, opts: MatchOptions): Solved {
  const t0 = performance.now();
  const res = solveAssignment(problem, { signal: opts.signal, onProgress: opts.onProgress });
  return {
    arcOf: res.arcOf,
    certificate: certificateOf(res, SCORE_SCALE, c.settings.mode === 'max-matched-then-score'),
    verified: res.verified,
    ms: performance.now() - t0,
    augmentations: res.stats.augmentations,
  };
}

function solveSide(c: PreparedCohort, problem: AssignmentProblem, highs: HighsSolver, opts: MatchOptions): Solved {
  opts.onProgress?.({ phase: 'mip', done: 0, total: 1 });
  const side = buildSideConstraints(c);
  const lexicographic = c.settings.mode === 'max-matched-then-score';
  const res = solveMip(highs, { ...problem, unmatchedCost: 0 }, side, {
    lexicographic,
    timeLimitSeconds: c.settings.mipTimeLimitSeconds,
  });
  opts.onProgress?.({ phase: 'mip', done: 1, total: 1 });
  const value = -res.cost / SCORE_SCALE;
  return {
    arcOf: res.arcOf,
    verified: res.optimal,
    ms: res.ms,
    augmentations: 0,
    certificate: {
      method: 'highs-mip',
      verified: res.optimal,
      gap: res.optimal ? 0 : Number.NaN,
      primal: value,
      dual: res.optimal ? value : Number.NaN,
      scale: SCORE_SCALE,
      checkedArcs: problem.mentor.length,
      candidateArcs: problem.mentor.length,
      rounds: lexicographic ? 2 : 1,
      detail: res.optimal
        ? `HiGHS proved optimality (integer objective, absolute gap < 1 unit) with ${side.length} side constraints; ` +
          'feasibility re-checked independently'
        : `HiGHS did not prove optimality: ${res.feasibilityProblems.join('; ')}`,
    },
  };
}

/**
 * Full pipeline: eligibility → scoring → exact solve → certificate → explanations. Pure and
 * deterministic: the same members and settings (in any order) give the same result.
 */
export function matchCohort(members: readonly Member[], settings: MatchSettings, opts: MatchOptions = {}): MatchResult {
  const c = prepareCohort(members, settings, { signal: opts.signal, onProgress: opts.onProgress });
  checkCancelled(opts.signal);
  const problem = buildProblem(c);
  let solved: Solved;
  if (hasSideConstraints(settings)) {
    if (!opts.highs) {
      throw new Error('Side constraints need the MIP solver: call matchCohortAsync, or pass opts.highs = await loadHighs()');
    }
    solved = solveSide(c, problem, opts.highs, opts);
  } else solved = solveFlow(c, problem, opts);
  return assemble(c, solved);
}

/** Same as `matchCohort`, loading HiGHS on demand when side constraints need it. */
export async function matchCohortAsync(
  members: readonly Member[],
  settings: MatchSettings,
  opts: MatchOptions = {},
): Promise<MatchResult> {
  const highs = opts.highs ?? (hasSideConstraints(settings) ? await loadHighs() : undefined);
  return matchCohort(members, settings, highs ? { ...opts, highs } : opts);
}

/** The topics a pair shares, as the mentee or mentor wrote them (the documents are those of features.ts). */
function sharedTopicsOf(c: PreparedCohort, i: number, j: number): string[] {
  const mentee = c.mentees[i]!;
  const mentor = c.mentors[j]!;
  return writtenTopics(sharedTerms(c.features.tfidf, i, j), [
    { tags: mentee.interests, text: mentee.goals },
    { tags: mentor.expertise, text: mentor.bio },
  ]);
}

function assemble(c: PreparedCohort, solved: Solved): MatchResult {
  const f = c.features;
  const pairs: { i: number; j: number; locked: boolean; violations: readonly string[] }[] = [];
  for (const l of c.locks) pairs.push({ i: l.mentee, j: l.mentor, locked: true, violations: l.violations });
  for (let i = 0; i < c.mentees.length; i++) {
    const p = solved.arcOf[i]!;
    if (p >= 0) pairs.push({ i, j: c.table.mentor[p]!, locked: false, violations: [] });
  }
  pairs.sort((a, b) => a.i - b.i);
  // Locked mentees occupy a mentor's first slots, as in the model.
  const nextFree = Int32Array.from(c.lockedCount);
  let totalScore = 0;
  let objective = 0;
  const lockedSeen = new Int32Array(c.mentors.length);
  const assignments: MatchAssignment[] = pairs.map(({ i, j, locked, violations }) => {
    const ov = c.rules.overlap(i, j);
    const b = breakdownOf(f, c.crit, i, j, cosinePair(f.tfidf, i, j), ov);
    const score = weightedScore(c.crit, b);
    const k = locked ? lockedSeen[j]!++ : nextFree[j]!++;
    const loadBonus = -slotCost(c.crit, c.capacity[j]!, k) / SCORE_SCALE;
    totalScore += score;
    objective += score + loadBonus;
    const breakdown = {} as Record<PairCriterion, CriterionScore>;
    for (const key of PAIR_CRITERIA) {
      breakdown[key] = { value: b[key], weight: c.crit.weight[key], contribution: b[key] * c.crit.weight[key] };
    }
    const tz = c.rules.tzDiffHours(i, j);
    return {
      menteeId: c.mentees[i]!.id,
      mentorId: c.mentors[j]!.id,
      score,
      breakdown,
      loadBonus,
      locked,
      lockViolations: violations,
      tzDiffHours: Number.isNaN(tz) ? null : tz,
      overlapHours: ov < 0 ? null : ov / 60,
      sharedTopics: c.crit.weight.content > 0 ? sharedTopicsOf(c, i, j) : [],
    };
  });
  const matchedMentees = new Set(pairs.map((p) => p.i));
  const unmatched = explainUnmatched(c, matchedMentees, solved.arcOf);
  return {
    status: solved.verified ? 'optimal' : solved.certificate.method === 'highs-mip' ? 'not-solved' : 'unverified',
    mode: c.settings.mode,
    objective,
    totalScore,
    matched: assignments.length,
    assignments,
    unmatched,
    certificate: solved.certificate,
    stats: {
      mentees: c.mentees.length,
      mentors: c.mentors.length,
      allowedPairs: c.table.mentor.length,
      scoringMs: c.scoringMs,
      solveMs: solved.ms,
      referenceDate: f.referenceDate,
      solver: solved.certificate.method === 'highs-mip' ? 'mip' : 'flow',
      augmentations: solved.augmentations,
    },
    warnings: c.warnings,
  };
}
