/** Public surface of the matching engine (pure: no DB, no I/O). */
export { MatchSettings, ObjectiveMode, TimezoneRule, DEFAULT_REFERENCE_DATE, type MatchSettingsInput } from './settings';
export {
  matchCohort,
  matchCohortAsync,
  type MatchResult,
  type MatchAssignment,
  type MatchOptions,
  type MatchStats,
  type CriterionScore,
} from './match-cohort';
export { solveJson, type SolveOutput } from './solve-json';
export { MatchCancelled, SolveInputError, type Progress, type ProgressFn } from './errors';
export {
  explainForcedPair,
  explainExtraSlot,
  gainOverGreedy,
  type ForcedPairExplanation,
  type ExtraSlotExplanation,
  type GreedyComparison,
  type AssignmentChange,
  type UnmatchedExplanation,
  type UnmatchedCode,
} from './explain';
export { greedyMatch, type GreedyResult } from './greedy';
export { computeInsights, type RunInsights } from './insights';
export { loadHighs, type HighsSolver } from './mip';
export type { OptimalityCertificate } from './solver';
