import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import type { Mailbox } from '../files/eml';
import { getCohort } from '../programs/programs';
import type { Session } from './contract';
import { getSession, listSessions } from './sessions';

const LOCATION = { video: 'Video call', 'in-person': 'In person', phone: 'Phone call' } as const;

type IcsModule = typeof import('ics');

/** Loaded on first use: only calendar exports need it, and the CLI's start-up should not pay for it. */
async function loadIcs(): Promise<IcsModule> {
  const loaded = (await import('ics')) as IcsModule & { default?: IcsModule };
  return typeof loaded.createEvents === 'function' ? loaded : loaded.default!;
}

const personLine = (role: string, side: Session['mentor']) =>
  `${side.name} (${role}): ${side.local === null ? 'no time zone on file' : `${side.weekday} ${side.local.replace('T', ' ')}, ${side.timezone} (UTC${side.utcOffset})`}`;

/**
 * One VEVENT: the start as its UTC instant (DTSTART…Z, exact in every calendar, which shows it in each
 * reader's own zone), both people as attendees, the coordinator as organiser. The coordinator's notes stay
 * out of the invitation (it goes to the pair); the topics and both local times are in its description.
 */
function event(session: Session, organizer: Mailbox, emails: { mentor: string; mentee: string }) {
  const description = [
    personLine('mentee', session.mentee),
    personLine('mentor', session.mentor),
    ...(session.differentDays ? ['Note: this falls on different calendar days for the two of you.'] : []),
    ...(session.topics.length > 0 ? [`Topics: ${session.topics.join(', ')}`] : []),
  ].join('\n');
  return {
    uid: `${session.id}@pairwise`,
    productId: 'pairwise',
    start: Date.parse(session.startsAt),
    startInputType: 'utc' as const,
    startOutputType: 'utc' as const,
    duration: { minutes: session.durationMinutes },
    title: `Mentoring session: ${session.mentee.name} & ${session.mentor.name}`,
    description,
    location: LOCATION[session.format],
    status: session.status === 'cancelled' ? ('CANCELLED' as const) : ('CONFIRMED' as const),
    organizer: { name: organizer.name || organizer.address, email: organizer.address },
    attendees: [
      { name: session.mentee.name, email: emails.mentee, rsvp: true, partstat: 'NEEDS-ACTION' as const, role: 'REQ-PARTICIPANT' as const },
      { name: session.mentor.name, email: emails.mentor, rsvp: true, partstat: 'NEEDS-ACTION' as const, role: 'REQ-PARTICIPANT' as const },
    ],
  };
}

function emailsOf(store: Store, memberIds: string[]): Map<string, string> {
  if (memberIds.length === 0) return new Map();
  const rows = store.all(
    store.q.selectFrom('cohort_members as m').innerJoin('people as p', 'p.id', 'm.person_id').select(['m.id', 'p.email']).where('m.id', 'in', memberIds),
  );
  return new Map(rows.map((r) => [r.id, r.email]));
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '') || 'sessions';

/** A calendar file: one session's invitation, or every planned session of a cohort. */
export async function sessionsIcs(
  store: Store,
  input: { sessionId?: string; cohortId?: string },
  organizer: Mailbox,
): Promise<{ fileName: string; mimeType: string; dataBase64: string; events: number }> {
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
  const events = sessions.map((s) => {
    const mentor = emails.get(s.mentor.memberId);
    const mentee = emails.get(s.mentee.memberId);
    if (!mentor || !mentee) throw new NotFoundError(`The session of ${s.startsAt} has a participant who is no longer in the workspace`);
    return { ...event(s, organizer, { mentor, mentee }), ...(calName ? { calName } : {}) };
  });
  const { createEvents } = await loadIcs();
  const { error, value } = createEvents(events);
  if (error || value === null) throw new Error(`Could not write the calendar file: ${error?.message ?? 'no output'}`);
  return { fileName, mimeType: 'text/calendar', dataBase64: Buffer.from(value, 'utf8').toString('base64'), events: events.length };
}
