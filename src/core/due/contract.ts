import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';

/**
 * What needs the coordinator: a planned session in the next 48 hours, a pair past its cadence, an open
 * goal stuck, a pair without a first session by the program's firstSessionDays.
 */
export const DueKind = z.enum(['session-soon', 'no-first-session', 'past-cadence', 'stuck-goal']);
export type DueKind = z.infer<typeof DueKind>;

export const DueItem = z.object({
  kind: DueKind,
  pairId: z.string(),
  cohortId: z.string(),
  cohortName: z.string(),
  menteeName: z.string(),
  mentorName: z.string(),
  /** The instant the item is about: the session's start, the last contact or start, the last progress change. */
  at: z.string(),
  /** What is due, in words: "session in 5 h", "no session for 20 days, cadence 14". */
  text: z.string(),
  /** The goal of a stuck-goal item, the session of a session-soon one. */
  goalId: z.string().nullable(),
  sessionId: z.string().nullable(),
});
export type DueItem = z.infer<typeof DueItem>;

export const dueContract = defineContract({
  /** Everything due as of asOf (default: now) in one cohort, a program's open cohorts, or every open cohort. */
  'due.list': {
    input: z
      .object({ cohortId: Id.optional(), programId: Id.optional(), asOf: z.iso.datetime({ offset: true }).optional() })
      .refine((v) => v.cohortId === undefined || v.programId === undefined, 'Give cohortId or programId, not both'),
    output: z.object({ asOf: z.string(), cohorts: z.number().int(), items: z.array(DueItem) }),
  },
});
