import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';
import { MatchSettings, PAIR_CRITERIA } from '../matching/settings';

const Criterion = z.enum(PAIR_CRITERIA);

const Quality = z.object({
  auc: z.number().nullable(),
  precisionAtK: z.number().nullable(),
  calibration: z.array(z.object({ from: z.number(), to: z.number(), predicted: z.number(), observed: z.number(), pairs: z.number().int() })),
  calibrationError: z.number().nullable(),
});

/** Train on the earlier cohorts, test on the latest: the learned score against the hand-set weights. */
export const Evaluation = z.object({
  trainCohorts: z.number().int(),
  trainPairs: z.number().int(),
  testCohortId: z.string(),
  testPairs: z.number().int(),
  baseRate: z.number(),
  learned: Quality,
  hand: Quality,
  aucGain: z.object({ estimate: z.number(), low: z.number(), high: z.number() }),
  recommended: z.boolean(),
  verdict: z.string(),
});
export type EvaluationOutput = z.infer<typeof Evaluation>;

export const LearnedModel = z.object({
  id: z.string(),
  programId: z.string(),
  version: z.number().int(),
  trainedAt: z.string(),
  intercept: z.number(),
  /** Criteria, strongest first: coefficient, and share of the learned score's weight. */
  effects: z.array(z.object({ criterion: Criterion, label: z.string(), coefficient: z.number(), share: z.number() })),
  /** "Shared language and seniority gap mattered most; department did not (312 rated pairs in 3 cohorts)." */
  summary: z.string(),
  pairs: z.number().int(),
  cohorts: z.number().int(),
  /** The held-out evaluation, made when the model was trained; the test cohort's name for the screen. */
  evaluation: Evaluation.extend({ testCohortName: z.string() }),
});
export type LearnedModel = z.infer<typeof LearnedModel>;

export const LearningStatus = z.object({
  ratedPairs: z.number().int(),
  ratedCohorts: z.number().int(),
  /** Whether there is enough evidence to learn and test; why not, in words. */
  ready: z.boolean(),
  reason: z.string().nullable(),
  /** The current model (highest version), if one was trained. */
  model: LearnedModel.nullable(),
});
export type LearningStatus = z.infer<typeof LearningStatus>;

export const learningContract = defineContract({
  /** What the program's pair ratings allow: how many, whether enough to learn, and the current model. */
  'learning.status': { input: z.object({ programId: Id }), output: LearningStatus },
  /** Learns a score from the program's rated pairs, evaluates it on the latest cohort, and keeps it as the next version. */
  'learning.train': {
    input: z.object({
      programId: Id,
      /** The coordinator's hand-set criteria, the baseline the evaluation compares with (the defaults when absent). */
      criteria: MatchSettings.shape.criteria.optional(),
    }),
    output: LearnedModel,
  },
});
