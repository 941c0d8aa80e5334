/**
 * A recurring series for a pair's cadence as one calendar event with an RRULE. It is written on the clock
 * of the person the coordinator typed the start for (TZID with that zone's VTIMEZONE), so every occurrence
 * is at the same local time for them across a daylight-saving change; the other person's local time can
 * move when only one of their clocks changes, and the description says so, occurrence by occurrence.
 */
import { DateTime } from 'luxon';
import type { Store } from '../db/store';
import { UserError } from '../errors';
import type { Mailbox } from '../files/eml';
import { settingsOfCohort } from '../goals/goals';
import { resolveZone } from '../matching/timezones';
import type { LocalStart, SessionFormat, Side } from './contract';
import { calendarFile, emailsOf, loadCalendar, LOCATION, people, slug, type CalendarFile } from './ics';
import { instantOf, localStart, pairPeople } from './sessions';

export interface SeriesInput {
  pairId: string;
  localStart: string;
  zoneOf: Side;
  durationMinutes: number;
  format: SessionFormat;
  count: number;
  /** Days between sessions; default: the pair's cadence. */
  everyDays?: number | undefined;
}

export interface Occurrence {
  startsAt: string;
  mentor: LocalStart;
  mentee: LocalStart;
}

const hhmm = (s: LocalStart) => s.local?.slice(11) ?? '—';

export async function seriesIcs(store: Store, input: SeriesInput, organizer: Mailbox, now: Date): Promise<CalendarFile & { everyDays: number; occurrences: Occurrence[] }> {
  const pair = pairPeople(store, input.pairId);
  if (pair.status !== 'active') throw new UserError(`This pair is ${pair.status}: a series is for an active pair`);
  const own = store.first(store.q.selectFrom('pairs').select('cadence_days').where('id', '=', pair.id));
  const everyDays = input.everyDays ?? own?.cadence_days ?? settingsOfCohort(store, pair.cohortId).sessionCadenceDays;
  const on = pair[input.zoneOf];
  instantOf(input.localStart, on); // refuses a person without a zone, and a start the clocks skip
  const zone = resolveZone(on.timezone)!;
  const first = DateTime.fromISO(input.localStart, { zone });
  // Calendar arithmetic in the person's zone: the same wall-clock time every `everyDays` days.
  const occurrences: Occurrence[] = Array.from({ length: input.count }, (_, k) => {
    const startsAt = first.plus({ days: k * everyDays }).toUTC().toISO({ suppressMilliseconds: true })!;
    return { startsAt, mentor: localStart(startsAt, pair.mentor), mentee: localStart(startsAt, pair.mentee) };
  });
  const emails = emailsOf(store, [pair.mentor.memberId, pair.mentee.memberId]);
  const mentorEmail = emails.get(pair.mentor.memberId)!;
  const menteeEmail = emails.get(pair.mentee.memberId)!;
  const other = input.zoneOf === 'mentor' ? 'mentee' : 'mentor';
  const moves = new Set(occurrences.map((o) => hhmm(o[other]))).size > 1;
  const description = [
    `Every ${everyDays} days, ${input.count} sessions, at ${input.localStart.slice(11)} on ${on.name}'s clock (${zone.name}).`,
    ...(moves ? [`${pair[other].name}'s local time moves during the series: your clocks change for daylight saving on different dates.`] : []),
    '',
    ...occurrences.map(
      (o, k) =>
        `${k + 1}. ${o.mentee.weekday ?? ''} ${o.mentee.local?.replace('T', ' ') ?? 'no time zone'} ${pair.mentee.name} (mentee) · ${o.mentor.weekday ?? ''} ${o.mentor.local?.replace('T', ' ') ?? 'no time zone'} ${pair.mentor.name} (mentor)`,
    ),
  ].join('\n');
  const cal = await loadCalendar();
  // A named zone gets a TZID and its VTIMEZONE; a fixed offset ("UTC+05:30") has no daylight saving, so
  // the series is exact written in UTC.
  const named = zone.type === 'iana';
  const calendar = cal.ical({ prodId: { company: 'Pairwise', product: 'Pairwise' } });
  if (named) calendar.timezone({ name: null, generator: cal.vtimezone });
  const weekly = everyDays % 7 === 0;
  calendar.createEvent({
    id: `series-${pair.id}-${occurrences[0]!.startsAt}@pairwise`,
    stamp: now,
    start: named ? first : first.toUTC(),
    end: (named ? first : first.toUTC()).plus({ minutes: input.durationMinutes }),
    ...(named ? { timezone: zone.name } : {}),
    repeating: { freq: weekly ? cal.repeat.WEEKLY : cal.repeat.DAILY, interval: weekly ? everyDays / 7 : everyDays, count: input.count },
    summary: `Mentoring sessions: ${pair.mentee.name} & ${pair.mentor.name}`,
    description,
    location: LOCATION[input.format],
    status: cal.status.CONFIRMED,
    ...people(cal, organizer, { mentee: { name: pair.mentee.name, email: menteeEmail }, mentor: { name: pair.mentor.name, email: mentorEmail } }),
  });
  const fileName = `${slug(`${pair.mentee.name} ${pair.mentor.name} every ${everyDays} days`)}.ics`;
  return { ...calendarFile(fileName, calendar.toString(), input.count), everyDays, occurrences };
}
