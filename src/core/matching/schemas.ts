import { z } from 'zod';
import type { ExtraSlotExplanation, ForcedPairExplanation } from './explain';
import type { UnmatchedExplanation } from './explain-unmatched';
import type { Progress } from './errors';
import type { RunInsights } from './insights';
import type { MatchResult } from './match-cohort';
import { ObjectiveMode, PAIR_CRITERIA, type PairCriterion } from './settings';
import type { SolveOutput } from './solve-json';
import type { OptimalityCertificate } from './solver';

/**
 * The engine's results as zod schemas, for the contract's outputs. The engine itself keeps its plain
 * (readonly) interfaces; the assertions at the bottom make the compiler reject any drift between the two.
 */

const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const OptimalityCertificateSchema = z.object({
  method: z.enum(['auction', 'successive-shortest-paths', 'highs-mip']),
  verified: z.boolean(),
  gap: z.number(),
  primal: z.number(),
  dual: z.number(),
  scale: z.number(),
  checkedArcs: z.number().int(),
  candidateArcs: z.number().int(),
  rounds: z.number().int(),
  detail: z.string(),
});

export const CriterionScoreSchema = z.object({ value: z.number(), weight: z.number(), contribution: z.number() });

const breakdownShape = Object.fromEntries(PAIR_CRITERIA.map((c) => [c, CriterionScoreSchema])) as Record<PairCriterion, typeof CriterionScoreSchema>;

export const MatchAssignmentSchema = z.object({
  menteeId: z.string(),
  mentorId: z.string(),
  score: z.number(),
  breakdown: z.object(breakdownShape),
  loadBonus: z.number(),
  locked: z.boolean(),
  lockViolations: list(z.string()),
  tzDiffHours: z.number().nullable(),
  overlapHours: z.number().nullable(),
  sharedTopics: list(z.string()),
});

export const UnmatchedExplanationSchema = z.object({
  menteeId: z.string(),
  code: z.enum(['mentee-excluded', 'no-mentors', 'no-eligible-mentor', 'eligible-mentors-full', 'no-gain', 'side-constraints']),
  reason: z.string(),
  funnel: list(z.object({ rule: z.string(), excluded: z.number().int() })),
  eligibleMentors: z.number().int(),
});

export const MatchResultSchema = z.object({
  status: z.enum(['optimal', 'unverified', 'not-solved']),
  mode: ObjectiveMode,
  objective: z.number(),
  totalScore: z.number(),
  matched: z.number().int(),
  assignments: list(MatchAssignmentSchema),
  unmatched: list(UnmatchedExplanationSchema),
  certificate: OptimalityCertificateSchema,
  stats: z.object({
    mentees: z.number().int(),
    mentors: z.number().int(),
    allowedPairs: z.number().int(),
    scoringMs: z.number(),
    solveMs: z.number(),
    referenceDate: z.string(),
    solver: z.enum(['flow', 'mip']),
    augmentations: z.number().int(),
  }),
  warnings: list(z.string()),
});

const Outcome = z.object({ objective: z.number(), totalScore: z.number(), matched: z.number().int() });
export const RunInsightsSchema = z.object({ greedy: Outcome.optional(), unconstrained: Outcome.optional() });

export const ProgressSchema = z.object({
  phase: z.enum(['scoring', 'solving', 'verifying', 'mip']),
  done: z.number(),
  total: z.number(),
});

const AssignmentChangeSchema = z.object({ menteeId: z.string(), from: z.string().nullable(), to: z.string().nullable() });

export const ForcedPairExplanationSchema = z.object({
  menteeId: z.string(),
  mentorId: z.string(),
  baseObjective: z.number(),
  forcedObjective: z.number(),
  delta: z.number(),
  baseMatched: z.number().int(),
  forcedMatched: z.number().int(),
  brokenRules: list(z.string()),
  displaced: list(AssignmentChangeSchema),
});

export const ExtraSlotExplanationSchema = z.object({
  mentorId: z.string(),
  objectiveDelta: z.number(),
  matchedDelta: z.number().int(),
  changes: list(AssignmentChangeSchema),
});

export const SolveOutputSchema = z.object({
  status: z.enum(['optimal', 'unverified']),
  mode: ObjectiveMode,
  objective: z.number(),
  matched: z.number().int(),
  assignments: z.array(z.object({ mentee: z.string(), mentor: z.string(), score: z.number() })),
  unmatched: z.array(z.string()),
  certificate: OptimalityCertificateSchema,
});

/** Compile-time proof that a schema and an interface describe the same data (both directions). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <_T extends true>() => undefined;
agree<Same<z.infer<typeof OptimalityCertificateSchema>, OptimalityCertificate>>();
agree<Same<z.infer<typeof MatchResultSchema>, MatchResult>>();
agree<Same<z.infer<typeof UnmatchedExplanationSchema>, UnmatchedExplanation>>();
agree<Same<z.infer<typeof ProgressSchema>, Progress>>();
agree<Same<z.infer<typeof ForcedPairExplanationSchema>, ForcedPairExplanation>>();
agree<Same<z.infer<typeof ExtraSlotExplanationSchema>, ExtraSlotExplanation>>();
agree<Same<z.infer<typeof SolveOutputSchema>, SolveOutput>>();
agree<Same<z.infer<typeof RunInsightsSchema>, RunInsights>>();
