/**
 * Calendar files (.ics) written with ical-generator: one session's invitation, every planned session of a
 * cohort, or a recurring series at a pair's cadence. Single sessions are written as UTC instants (exact in
 * every calendar program, each reader sees their own local time). A series is written in the time zone of
 * the person whose clock it was set on, with that zone's VTIMEZONE, so its RRULE keeps the same local time
 * across a daylight-saving change; its description lists both people's local times for every occurrence.
 */
import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import type { Mailbox } from '../files/eml';
import { getCohort } from '../programs/programs';
import type { Session } from './contract';
import { getSession, listSessions } from './sessions';

export const LOCATION = { video: 'Video call', 'in-person': 'In person', phone: 'Phone call' } as const;

type Generator = typeof import('ical-generator');
type Timezones = typeof import('@touch4it/ical-timezones');

/** Loaded on first use: only calendar exports need them, and the CLI's start-up should not pay for them. */
export async function loadCalendar(): Promise<{ ical: Generator['default']; repeat: Generator['ICalEventRepeatingFreq']; role: Generator['ICalAttendeeRole']; partstat: Generator['ICalAttendeeStatus']; status: Generator['ICalEventStatus']; vtimezone: Timezones['getVtimezoneComponent'] }> {
  const [generator, timezones] = await Promise.all([import('ical-generator'), import('@touch4it/ical-timezones')]);
  return {
    ical: generator.default,
    repeat: generator.ICalEventRepeatingFreq,
    role: generator.ICalAttendeeRole,
    partstat: generator.ICalAttendeeStatus,
    status: generator.ICalEventStatus,
    vtimezone: timezones.getVtimezoneComponent,
  };
}

export const personLine = (role: string, side: Session['mentor']) =>
  `${side.name} (${role}): ${side.local === null ? 'no time zone on file' : `${side.weekday} ${side.local.replace('T', ' ')}, ${side.timezone} (UTC${side.utcOffset})`}`;

/** Both people as attendees who are asked to reply, and the coordinator as organiser. */
export function people(cal: Awaited<ReturnType<typeof loadCalendar>>, organizer: Mailbox, who: { mentee: { name: string; email: string }; mentor: { name: string; email: string } }) {
  return {
    organizer: { name: organizer.name || organizer.address, email: organizer.address },
    attendees: [who.mentee, who.mentor].map((p) => ({ name: p.name, email: p.email, rsvp: true, status: cal.partstat.NEEDSACTION, role: cal.role.REQ })),
  };
}

export function emailsOf(store: Store, memberIds: string[]): Map<string, string> {
  if (memberIds.length === 0) return new Map();
  const rows = store.all(
    store.q.selectFrom('cohort_members as m').innerJoin('people as p', 'p.id', 'm.person_id').select(['m.id', 'p.email']).where('m.id', 'in', memberIds),
  );
  return new Map(rows.map((r) => [r.id, r.email]));
}

export const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '') || 'sessions';

export interface CalendarFile {
  fileName: string;
  mimeType: string;
  dataBase64: string;
  events: number;
}

export const calendarFile = (fileName: string, text: string, events: number): CalendarFile => ({
  fileName,
  mimeType: 'text/calendar',
  dataBase64: Buffer.from(text, 'utf8').toString('base64'),
  events,
});

/** A calendar file: one session's invitation, or every planned session of a cohort. DTSTAMP is `now`. */
export async function sessionsIcs(store: Store, input: { sessionId?: string; cohortId?: string }, organizer: Mailbox, now: Date): Promise<CalendarFile> {
  let sessions: Session[];
  let fileName: string;
  let calName: string | undefined;
  if (input.sessionId !== undefined) {
    const session = getSession(store, input.sessionId);
    sessions = [session];
    fileName = `${slug(`${session.mentee.name} ${session.mentor.name} ${session.startsAt.slice(0, 10)}`)}.ics`;
  } else {
    const cohort = getCohort(store, input.cohortId!);
    sessions = listSessions(store, { cohortId: cohort.id }).filter((s) => s.status === 'planned');
    if (sessions.length === 0) throw new UserError(`${cohort.name} has no planned sessions to put in a calendar`);
    fileName = `${slug(cohort.name)}-planned-sessions.ics`;
    calName = `${cohort.name}: planned sessions`;
  }
  const emails = emailsOf(store, [...new Set(sessions.flatMap((s) => [s.mentor.memberId, s.mentee.memberId]))]);
  const cal = await loadCalendar();
  const calendar = cal.ical({ prodId: { company: 'Pairwise', product: 'Pairwise' }, ...(calName ? { name: calName } : {}) });
  for (const s of sessions) {
    const mentor = emails.get(s.mentor.memberId);
    const mentee = emails.get(s.mentee.memberId);
    if (!mentor || !mentee) throw new NotFoundError(`The session of ${s.startsAt} has a participant who is no longer in the workspace`);
    // The coordinator's notes stay out of the invitation (it goes to the pair); topics and both local times go in.
    const description = [
      personLine('mentee', s.mentee),
      personLine('mentor', s.mentor),
      ...(s.differentDays ? ['Note: this falls on different calendar days for the two of you.'] : []),
      ...(s.topics.length > 0 ? [`Topics: ${s.topics.join(', ')}`] : []),
    ].join('\n');
    const start = new Date(s.startsAt);
    calendar.createEvent({
      id: `${s.id}@pairwise`,
      stamp: now,
      start,
      end: new Date(start.getTime() + s.durationMinutes * 60_000),
      summary: `Mentoring session: ${s.mentee.name} & ${s.mentor.name}`,
      description,
      location: LOCATION[s.format],
      status: s.status === 'cancelled' ? cal.status.CANCELLED : cal.status.CONFIRMED,
      ...people(cal, organizer, { mentee: { name: s.mentee.name, email: mentee }, mentor: { name: s.mentor.name, email: mentor } }),
    });
  }
  return calendarFile(fileName, calendar.toString(), sessions.length);
}
