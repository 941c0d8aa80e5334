import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';
import { Health } from '../pairs/contract';

export const MentorPair = z.object({ pairId: z.string(), menteeName: z.string(), health: Health, held: z.number().int() });

/**
 * One mentor of a cohort: their active pairs, sessions held and goals reached in them, and load. The
 * ratings are the mentees' ratings of the match (feedback/pair-ratings.ts), null before any.
 */
export const MentorRow = z.object({
  memberId: z.string(),
  name: z.string(),
  email: z.string(),
  capacity: z.number().int(),
  /** Active pairs. */
  mentees: z.number().int(),
  /** mentees / capacity; null when the capacity is 0. */
  load: z.number().nullable(),
  pairs: z.array(MentorPair),
  sessionsHeld: z.number().int(),
  goalsTotal: z.number().int(),
  goalsReached: z.number().int(),
  /** Pairs needing attention or at risk. */
  pairsNeedingAttention: z.number().int(),
  latestRating: z.number().nullable(),
  averageRating: z.number().nullable(),
});
export type MentorRow = z.infer<typeof MentorRow>;

export const mentorsContract = defineContract({
  /** Every mentor of the cohort, with their pairs' figures as of asOf (default: now). */
  'mentors.overview': {
    input: z.object({ cohortId: Id, asOf: z.iso.datetime({ offset: true }).optional() }),
    output: z.object({ asOf: z.string(), mentors: z.array(MentorRow) }),
  },
});
