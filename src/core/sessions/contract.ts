import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';

export const SessionFormat = z.enum(['video', 'in-person', 'phone']);
export type SessionFormat = z.infer<typeof SessionFormat>;
export const SessionStatus = z.enum(['planned', 'held', 'cancelled', 'no-show']);
export type SessionStatus = z.infer<typeof SessionStatus>;
/** Whose local time a session's start was typed in. */
export const Side = z.enum(['mentor', 'mentee']);
export type Side = z.infer<typeof Side>;

/** A wall-clock date and time without a zone, as a date-time field gives it: 2027-03-14T09:00. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Give the start as a local date and time, YYYY-MM-DDTHH:mm');

const Topic = z.string().trim().min(1).max(100);

const fields = {
  /** The start as it reads on the clock of `zoneOf` (the mentor or the mentee) on that date. */
  localStart: LocalDateTime,
  zoneOf: Side,
  durationMinutes: z.number().int().min(5, 'A session lasts at least 5 minutes').max(600, 'A session lasts at most 10 hours'),
  format: SessionFormat,
  status: SessionStatus,
  notes: z.string().max(5000, 'Notes are longer than 5,000 characters'),
  topics: z.array(Topic).max(20, 'At most 20 topics'),
};

/** One person's view of a session's start: their local date and time on that date, DST applied. */
export const LocalStart = z.object({
  memberId: z.string(),
  name: z.string(),
  timezone: z.string().nullable(),
  /** YYYY-MM-DDTHH:mm on their clock, or null when they have no usable time zone. */
  local: z.string().nullable(),
  /** "Mon", "Tue"… of `local`. */
  weekday: z.string().nullable(),
  /** Their UTC offset at that instant, "+01:00". */
  utcOffset: z.string().nullable(),
});
export type LocalStart = z.infer<typeof LocalStart>;

export const Session = z.object({
  id: z.string(),
  pairId: z.string(),
  cohortId: z.string(),
  /** The instant, UTC ISO. */
  startsAt: z.string(),
  enteredIn: Side,
  durationMinutes: z.number().int(),
  format: SessionFormat,
  status: SessionStatus,
  notes: z.string(),
  topics: z.array(z.string()),
  mentor: LocalStart,
  mentee: LocalStart,
  /** The two local dates differ (Monday evening for one is Tuesday morning for the other). */
  differentDays: z.boolean(),
});
export type Session = z.infer<typeof Session>;

export const sessionsContract = defineContract({
  /** Logs or schedules a session of an active published pair. */
  'sessions.add': {
    input: z.object({ pairId: Id, ...fields, notes: fields.notes.default(''), topics: fields.topics.default([]) }),
    output: Session,
  },
  /** Changes a session; a new start needs both localStart and zoneOf. */
  'sessions.update': {
    input: z
      .object({ id: Id, ...fields })
      .partial()
      .required({ id: true })
      .refine((v) => (v.localStart === undefined) === (v.zoneOf === undefined), 'A new start needs both the local date-time and whose zone it is in'),
    output: Session,
  },
  /** Removes a session (a tombstone, like every delete). */
  'sessions.remove': { input: z.object({ id: Id }), output: z.object({ id: z.string() }) },
  /**
   * A calendar (.ics) file: one session's invitation (sessionId), or every planned session of a cohort
   * (cohortId). Both people are attendees and `organizer` (the coordinator, "Name <address>") organises.
   */
  'sessions.ics': {
    input: z
      .object({ sessionId: Id.optional(), cohortId: Id.optional(), organizer: z.string().max(200) })
      .refine((v) => (v.sessionId === undefined) !== (v.cohortId === undefined), 'Give either sessionId or cohortId'),
    output: z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string(), events: z.number().int() }),
  },
  /**
   * A recurring series at the pair's cadence (or every `everyDays`) as one calendar event with an RRULE, on
   * the clock of `zoneOf` (DST followed); the occurrences with both local times come back for a preview.
   */
  'sessions.icsSeries': {
    input: z.object({
      pairId: Id,
      localStart: LocalDateTime,
      zoneOf: Side,
      durationMinutes: fields.durationMinutes,
      format: SessionFormat.default('video'),
      count: z.number().int().min(2, 'A series has at least 2 sessions').max(52, 'A series has at most 52 sessions').default(6),
      everyDays: z.number().int().min(1, 'At least 1 day apart').max(365, 'At most 365 days apart').optional(),
      organizer: z.string().max(200),
    }),
    output: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      dataBase64: z.string(),
      events: z.number().int(),
      everyDays: z.number().int(),
      occurrences: z.array(z.object({ startsAt: z.string(), mentor: LocalStart, mentee: LocalStart })),
    }),
  },
  /** A pair's sessions, or a cohort's, earliest first. */
  'sessions.list': {
    input: z
      .object({ pairId: Id.optional(), cohortId: Id.optional() })
      .refine((v) => (v.pairId === undefined) !== (v.cohortId === undefined), 'Give either pairId or cohortId'),
    output: z.array(Session),
  },
});
