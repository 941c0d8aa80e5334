import { z } from 'zod';

/**
 * Coordinator-facing matching settings. Every field has a default so `MatchSettings.parse({})`
 * yields a usable configuration; the UI stores only what the coordinator changed.
 */

const weight = z.number().finite().min(0);

const Criterion = <T extends z.ZodRawShape>(defWeight: number, extra: T) =>
  z.object({ enabled: z.boolean().default(true), weight: weight.default(defWeight), ...extra });

export const ScoreSource = z.enum(['weights', 'learned', 'blend']);
export type ScoreSource = z.infer<typeof ScoreSource>;

/** A learned model as a run records it: which one, and the criterion weights it gave. */
export const LearnedWeights = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  weights: z.object({ content: weight, language: weight, seniority: weight, department: weight, availability: weight }),
});
export type LearnedWeights = z.infer<typeof LearnedWeights>;

export const ObjectiveMode = z.enum(['max-score', 'max-matched-then-score']);
export type ObjectiveMode = z.infer<typeof ObjectiveMode>;

/** The largest sensible value of each time-zone rule: the contract, the settings panel and the CLI all check it. */
export const TIMEZONE_HOURS_MAX = { 'max-offset-diff': 12, 'min-overlap': 168 } as const;

const hours = (kind: keyof typeof TIMEZONE_HOURS_MAX) =>
  z.number({ error: 'Enter a number of hours' }).min(0, 'Hours cannot be negative').max(TIMEZONE_HOURS_MAX[kind], `At most ${TIMEZONE_HOURS_MAX[kind]} hours`);

export const TimezoneRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** Circular difference of UTC offsets (at the cohort start) may not exceed `hours`. */
  z.object({ kind: z.literal('max-offset-diff'), hours: hours('max-offset-diff') }),
  /** Weekly availability windows must overlap for at least `hours` (DST-aware, in the start week). */
  z.object({ kind: z.literal('min-overlap'), hours: hours('min-overlap') }),
]);
export type TimezoneRule = z.infer<typeof TimezoneRule>;

export const PairRef = z.object({ menteeId: z.string(), mentorId: z.string() });
export type PairRef = z.infer<typeof PairRef>;

/** Attributes a per-mentor cap can group mentees by. */
export const CapAttribute = z.enum(['department', 'team']);
export type CapAttribute = z.infer<typeof CapAttribute>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');

/**
 * When no cohort start date is given we use this fixed Monday rather than "today", so that the
 * same cohort and settings always produce the same matching. It is a Northern-hemisphere winter
 * week (no DST in Europe/North America); the result carries a warning when it was used.
 */
export const DEFAULT_REFERENCE_DATE = '2025-01-06';

export const MatchSettings = z.object({
  mode: ObjectiveMode.default('max-score'),
  criteria: z
    .object({
      /** TF-IDF cosine of mentee (interests + goals) vs mentor (expertise + bio). */
      content: Criterion(3, {}).default({ enabled: true, weight: 3 }),
      /** 1 when mentee and mentor share at least one language. */
      language: Criterion(1, {}).default({ enabled: true, weight: 1 }),
      /** 1 when the mentor is between minYears and maxYears more senior; fades out over toleranceYears. */
      seniority: Criterion(1, {
        minYears: z.number().default(2),
        maxYears: z.number().default(15),
        toleranceYears: z.number().positive().default(3),
      }).default({ enabled: true, weight: 1, minYears: 2, maxYears: 15, toleranceYears: 3 }),
      department: Criterion(0.5, {
        prefer: z.enum(['prefer-same', 'prefer-different']).default('prefer-different'),
      }).default({ enabled: true, weight: 0.5, prefer: 'prefer-different' }),
      /** Weekly overlap of availability; full marks at `targetHours`. */
      availability: Criterion(1, { targetHours: z.number().positive().default(3) }).default({
        enabled: true,
        weight: 1,
        targetHours: 3,
      }),
      /**
       * Spread load: filling slot k (0-based) of a mentor with capacity c earns
       * weight × (c − k) / c on the same scale as pair scores, so first mentees are preferred
       * over second ones. Decreasing per-slot bonuses keep the model a min-cost flow.
       */
      load: Criterion(0.25, {}).default({ enabled: true, weight: 0.25 }),
    })
    .default({
      content: { enabled: true, weight: 3 },
      language: { enabled: true, weight: 1 },
      seniority: { enabled: true, weight: 1, minYears: 2, maxYears: 15, toleranceYears: 3 },
      department: { enabled: true, weight: 0.5, prefer: 'prefer-different' },
      availability: { enabled: true, weight: 1, targetHours: 3 },
      load: { enabled: true, weight: 0.25 },
    }),
  rules: z
    .object({
      requireApprovedMentors: z.boolean().default(false),
      requireApprovedMentees: z.boolean().default(false),
      /** Rejected applications are never matched unless this is switched off. */
      excludeRejected: z.boolean().default(true),
      timezone: TimezoneRule.default({ kind: 'none' }),
      /** What a time-zone rule does with members whose time zone is unknown. */
      unknownTimezone: z.enum(['allow', 'exclude']).default('allow'),
      excludeSameTeam: z.boolean().default(true),
      excludeReportingLine: z.boolean().default(true),
      requireSharedLanguage: z.boolean().default(false),
    })
    .default({
      requireApprovedMentors: false,
      requireApprovedMentees: false,
      excludeRejected: true,
      timezone: { kind: 'none' },
      unknownTimezone: 'allow',
      excludeSameTeam: true,
      excludeReportingLine: true,
      requireSharedLanguage: false,
    }),
  /** Cohort start (ISO date): UTC offsets and availability are evaluated in that week. */
  startDate: isoDate.nullable().default(null),
  forbiddenPairs: z.array(PairRef).default([]),
  /** Pairs from earlier cohorts that should not be repeated. */
  earlierPairs: z.array(PairRef).default([]),
  /** Kept as-is and counted against capacity; a lock breaking a hard rule is kept but flagged. */
  lockedPairs: z.array(PairRef).default([]),
  capacityOverrides: z.record(z.string(), z.number().int().min(0)).default({}),
  /** e.g. at most 1 mentee per department per mentor. Breaks network structure: solved by MIP. */
  mentorAttributeCaps: z.array(z.object({ attribute: CapAttribute, max: z.number().int().min(0) })).default([]),
  /** Global side constraint: at least this share of matched pairs must be cross-department. MIP. */
  minCrossDepartmentShare: z.number().min(0).max(1).nullable().default(null),
  /** Time limit for the MIP path (seconds). The flow path is exact and needs none. */
  mipTimeLimitSeconds: z.number().positive().default(60),
  /**
   * Where pair scores come from: the hand-set criterion weights above, a score learned from the
   * program's past pair ratings (src/core/learning), or a blend. The learned score is a set of
   * criterion weights too, so every run stays exact and certified for the score it used.
   */
  score: z
    .object({
      source: ScoreSource.default('weights'),
      /** In a blend: the learned score's share (0: hand-set only, 1: learned only). */
      blend: z.number().min(0).max(1).default(0.5),
      /** Filled when a run starts: the learned model it used, so the run remembers its score. */
      model: LearnedWeights.nullable().default(null),
    })
    .default({ source: 'weights', blend: 0.5, model: null }),
});
export type MatchSettings = z.infer<typeof MatchSettings>;
export type MatchSettingsInput = z.input<typeof MatchSettings>;

/** Criteria that contribute to a pair's score (load is a per-slot bonus, not a pair property). */
export const PAIR_CRITERIA = ['content', 'language', 'seniority', 'department', 'availability'] as const;
export type PairCriterion = (typeof PAIR_CRITERIA)[number];

/**
 * Each criterion's share of a pair's score (pair criteria sum to 1), and the spread-load bonus on the same
 * scale. The one definition: the engine scores with it, the settings panel and the pair drawer show it.
 * Without `score` (or with hand-set weights) the shares are the enabled criteria's weights; with a learned
 * model they are its weights' shares, or in a blend a mix of the two by `score.blend`.
 */
export function criterionShares(
  criteria: MatchSettings['criteria'],
  score?: MatchSettings['score'],
): { weight: Record<PairCriterion, number>; loadBonus: number } {
  let total = 0;
  for (const k of PAIR_CRITERIA) if (criteria[k].enabled) total += criteria[k].weight;
  const weight = {} as Record<PairCriterion, number>;
  for (const k of PAIR_CRITERIA) weight[k] = criteria[k].enabled && total > 0 ? criteria[k].weight / total : 0;
  const loadBonus = criteria.load.enabled && total > 0 ? criteria.load.weight / total : 0;
  const model = score?.model;
  if (!score || score.source === 'weights' || !model) return { weight, loadBonus };
  let learnedTotal = 0;
  for (const k of PAIR_CRITERIA) learnedTotal += model.weights[k];
  const share = score.source === 'learned' ? 1 : score.blend;
  const mixed = {} as Record<PairCriterion, number>;
  for (const k of PAIR_CRITERIA) mixed[k] = (1 - share) * weight[k] + share * (learnedTotal > 0 ? model.weights[k] / learnedTotal : 0);
  return { weight: mixed, loadBonus };
}

export function hasSideConstraints(s: MatchSettings): boolean {
  return s.mentorAttributeCaps.length > 0 || (s.minCrossDepartmentShare ?? 0) > 0;
}
