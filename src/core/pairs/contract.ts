import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';

/** A publication: the moment a run's pairs became the cohort's active pairs, kept as history. */
export const Publication = z.object({
  id: z.string(),
  runId: z.string(),
  runName: z.string(),
  publishedAt: z.string(),
  pairCount: z.number().int(),
});
export type Publication = z.infer<typeof Publication>;

export const PublishedPair = z.object({
  id: z.string(),
  menteeId: z.string(),
  mentorId: z.string(),
  status: z.enum(['active', 'ended', 'dissolved']),
  score: z.number(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** The pair's own expected days between sessions; null: the program's default. */
  cadenceDays: z.number().int().nullable(),
  /** How the coordinator closed it (pairs.close); null otherwise. */
  closeOutcome: z.enum(['completed', 'ended-early']).nullable(),
  closeReason: z.string().nullable(),
  /** Both people agreed to be named in progress reports (the best-rated pairs highlight names only these). */
  namedInReports: z.boolean(),
});
export type PublishedPair = z.infer<typeof PublishedPair>;

const ForCohort = z.object({ cohortId: Id });

export const CloseOutcome = z.enum(['completed', 'ended-early']);

/** What a cohort came to, counted when it was closed and kept on it. */
export const CohortSummary = z.object({
  closedAt: z.string(),
  /** Pairs the cohort had (active at closing, plus those closed or ended before). */
  pairs: z.number().int(),
  completed: z.number().int(),
  endedEarly: z.number().int(),
  sessionsHeld: z.number().int(),
  goalsTotal: z.number().int(),
  goalsReached: z.number().int(),
});
export type CohortSummary = z.infer<typeof CohortSummary>;

export const Health = z.enum(['on-track', 'needs-attention', 'at-risk']);
export type Health = z.infer<typeof Health>;

const Person = z.object({ memberId: z.string(), name: z.string(), email: z.string(), timezone: z.string().nullable() });

/** How an active pair is doing, as of one instant: what the Pairs page lists. */
export const PairHealth = z.object({
  pairId: z.string(),
  mentor: Person,
  mentee: Person,
  /** Both agreed to be named in progress reports. */
  namedInReports: z.boolean(),
  startedAt: z.string(),
  /** Expected days between sessions, the pair's own or the program's default. */
  cadenceDays: z.number().int(),
  cadenceIsDefault: z.boolean(),
  /** Sessions held up to asOf. */
  held: z.number().int(),
  /** Whole cadences since the start: how many sessions the pair should have held by now. */
  expected: z.number().int(),
  /** Start of the latest held session up to asOf. */
  lastContact: z.string().nullable(),
  /** Whole days since the last contact, or since the start when there was none. */
  daysWithout: z.number().int(),
  /** The next planned session after asOf. */
  nextPlanned: z.string().nullable(),
  health: Health,
  /** Pair feedback: the lower of both sides' latest ratings of the match (1–5), null before any rating. */
  latestRating: z.object({ rating: z.number().int(), side: z.enum(['mentor', 'mentee']), ratedAt: z.string() }).nullable(),
  /** The rule in words: "no session for 35 days, cadence 14", or a stuck goal's "goal "X" stuck for 25 days". */
  rule: z.string(),
  /** The pair's goals (dropped ones not counted), those reached, and those stuck as of asOf. */
  goalsTotal: z.number().int(),
  goalsReached: z.number().int(),
  goalsStuck: z.number().int(),
});
export type PairHealth = z.infer<typeof PairHealth>;

const Cadence = z.number().int('Cadence is a whole number of days').min(1, 'Cadence is at least 1 day').max(365, 'Cadence is at most 365 days');

export const pairsContract = defineContract({
  /** Makes a run the cohort's active pairs: pairs already active stay (with their history), others end. */
  'pairs.publish': {
    input: z.object({ runId: Id }),
    output: z.object({ publication: Publication, kept: z.number().int(), added: z.number().int(), ended: z.number().int() }),
  },
  'pairs.publications': { input: ForCohort, output: z.array(Publication) },
  'pairs.active': { input: ForCohort, output: z.array(PublishedPair) },
  'pairs.dissolved': { input: ForCohort, output: z.array(PublishedPair) },
  'pairs.dissolve': { input: z.object({ pairId: Id }), output: PublishedPair },
  /** Every active pair's cadence, sessions held and expected, last contact and health, as of asOf (default: now). */
  'pairs.overview': {
    input: z.object({
      cohortId: Id,
      asOf: z.iso.datetime({ offset: true }).optional(),
      /** Only the `worstFirst` pairs in health order, worst first (a long list's first screen); `total` and `counts` still count all. */
      worstFirst: z.number().int().min(1).max(10_000).optional(),
    }),
    output: z.object({
      asOf: z.string(),
      defaultCadenceDays: z.number().int(),
      pairs: z.array(PairHealth),
      /** Active pairs in all, and per health. */
      total: z.number().int(),
      counts: z.record(Health, z.number().int()),
    }),
  },
  /** Closes an active pair: completed, or ended early with a reason. */
  'pairs.close': {
    input: z
      .object({ pairId: Id, outcome: CloseOutcome, reason: z.string().trim().max(2000, 'The reason is longer than 2,000 characters').default('') })
      .refine((v) => v.outcome === 'completed' || v.reason !== '', { message: 'Say why the pair ended early', path: ['reason'] }),
    output: PublishedPair,
  },
  /** Closes a cohort: every active pair completed, and a summary kept on the cohort. */
  'pairs.closeCohort': { input: ForCohort, output: CohortSummary },
  /** The summary kept when the cohort was closed; null while it runs. */
  'pairs.cohortSummary': { input: ForCohort, output: CohortSummary.nullable() },
  /** A pair's own cadence in days; null goes back to the program's default. */
  'pairs.setCadence': { input: z.object({ pairId: Id, cadenceDays: Cadence.nullable() }), output: PublishedPair },
  /** Records whether both people of a pair agreed to be named in progress reports. */
  'pairs.setReportConsent': { input: z.object({ pairId: Id, namedInReports: z.boolean() }), output: PublishedPair },
});
