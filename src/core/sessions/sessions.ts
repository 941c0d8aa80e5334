import { DateTime } from 'luxon';
import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import { resolveZone } from '../matching/timezones';
import type { LocalStart, Session, SessionFormat, SessionStatus, Side } from './contract';

const LOCAL = "yyyy-MM-dd'T'HH:mm";

export interface SessionFields {
  localStart: string;
  zoneOf: Side;
  durationMinutes: number;
  format: SessionFormat;
  status: SessionStatus;
  notes: string;
  topics: readonly string[];
}

interface PairPeople {
  id: string;
  cohortId: string;
  status: 'active' | 'ended' | 'dissolved';
  mentor: { memberId: string; name: string; timezone: string | null };
  mentee: { memberId: string; name: string; timezone: string | null };
}

/** A pair with both people's names and time zones, however it ended (its sessions stay readable). */
export function pairPeople(store: Store, pairId: string): PairPeople {
  const row = store.first(
    store.q
      .selectFrom('pairs as p')
      .innerJoin('cohort_members as mr', 'mr.id', 'p.mentor_id')
      .innerJoin('people as pr', 'pr.id', 'mr.person_id')
      .innerJoin('cohort_members as me', 'me.id', 'p.mentee_id')
      .innerJoin('people as pe', 'pe.id', 'me.person_id')
      .select(['p.id', 'p.cohort_id', 'p.status', 'mr.id as mentor_id', 'pr.full_name as mentor_name', 'mr.timezone as mentor_tz'])
      .select(['me.id as mentee_id', 'pe.full_name as mentee_name', 'me.timezone as mentee_tz'])
      .where('p.id', '=', pairId)
      .where('p.deleted_at', 'is', null),
  );
  if (!row) throw new NotFoundError(`No pair with id ${pairId}`);
  return {
    id: row.id,
    cohortId: row.cohort_id,
    status: row.status,
    mentor: { memberId: row.mentor_id, name: row.mentor_name, timezone: row.mentor_tz },
    mentee: { memberId: row.mentee_id, name: row.mentee_name, timezone: row.mentee_tz },
  };
}

/**
 * The UTC instant of a wall-clock time on one person's clock. A time the clocks skip (02:30 on the
 * night they go forward) is refused, naming the zone; a time that happens twice (the hour after they go
 * back) is read as the second one, in standard time, which is what luxon resolves it to.
 */
export function instantOf(localStart: string, person: { name: string; timezone: string | null }): string {
  const zone = resolveZone(person.timezone);
  if (!zone) throw new UserError(`${person.name} has no usable time zone: enter the start in the other person's time`);
  const dt = DateTime.fromISO(localStart, { zone });
  if (!dt.isValid) throw new UserError(`"${localStart}" is not a date and time`);
  if (dt.toFormat(LOCAL) !== localStart) {
    throw new UserError(`${localStart.replace('T', ' ')} does not exist in ${zone.name}: the clocks skip that time (daylight saving begins)`);
  }
  return dt.toUTC().toISO({ suppressMilliseconds: true })!;
}

/** One person's local date and time of an instant, DST applied for that date. */
export function localStart(instant: string, person: { memberId: string; name: string; timezone: string | null }): LocalStart {
  const zone = resolveZone(person.timezone);
  if (!zone) return { ...person, local: null, weekday: null, utcOffset: null };
  const dt = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
  return { ...person, local: dt.toFormat(LOCAL), weekday: dt.setLocale('en').toFormat('ccc'), utcOffset: dt.toFormat('ZZ') };
}

interface SessionRow {
  id: string;
  pair_id: string;
  cohort_id: string;
  starts_at: string;
  entered_in: Side;
  duration_minutes: number;
  format: SessionFormat;
  status: SessionStatus;
  notes: string;
  topics: string;
}

function toSession(row: SessionRow, pair: PairPeople): Session {
  const mentor = localStart(row.starts_at, pair.mentor);
  const mentee = localStart(row.starts_at, pair.mentee);
  return {
    id: row.id,
    pairId: row.pair_id,
    cohortId: row.cohort_id,
    startsAt: row.starts_at,
    enteredIn: row.entered_in,
    durationMinutes: row.duration_minutes,
    format: row.format,
    status: row.status,
    notes: row.notes,
    topics: JSON.parse(row.topics) as string[],
    mentor,
    mentee,
    differentDays: mentor.local !== null && mentee.local !== null && mentor.local.slice(0, 10) !== mentee.local.slice(0, 10),
  };
}

function sessionRow(store: Store, id: string): SessionRow {
  const row = store.first(store.q.selectFrom('sessions').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No session with id ${id}`);
  return row;
}

export function getSession(store: Store, id: string): Session {
  const row = sessionRow(store, id);
  return toSession(row, pairPeople(store, row.pair_id));
}

/** A session cannot have been held, or missed, before its start: logged ahead of time it is planned. */
function assertNotAhead(status: SessionStatus, startsAt: string, now: Date): void {
  if ((status === 'held' || status === 'no-show') && Date.parse(startsAt) > now.getTime()) {
    throw new UserError(`A session starting ${startsAt.replace('T', ' ').replace('Z', ' UTC')} is still ahead: save it as planned, and as ${status} once it has happened`);
  }
}

export function addSession(store: Store, input: SessionFields & { pairId: string }, now: Date = new Date()): Session {
  const pair = pairPeople(store, input.pairId);
  if (pair.status !== 'active') throw new UserError(`This pair is ${pair.status}: sessions can be added to active pairs only`);
  const startsAt = instantOf(input.localStart, pair[input.zoneOf]);
  assertNotAhead(input.status, startsAt, now);
  const id = store.transact((w) =>
    w.insert('sessions', {
      pair_id: pair.id,
      cohort_id: pair.cohortId,
      starts_at: startsAt,
      entered_in: input.zoneOf,
      duration_minutes: input.durationMinutes,
      format: input.format,
      status: input.status,
      notes: input.notes,
      topics: JSON.stringify(input.topics),
    }),
  );
  return getSession(store, id);
}

export function updateSession(store: Store, input: Partial<SessionFields> & { id: string }, now: Date = new Date()): Session {
  const row = sessionRow(store, input.id);
  const pair = pairPeople(store, row.pair_id);
  const start = input.localStart !== undefined && input.zoneOf !== undefined ? { starts_at: instantOf(input.localStart, pair[input.zoneOf]), entered_in: input.zoneOf } : {};
  assertNotAhead(input.status ?? row.status, start.starts_at ?? row.starts_at, now);
  store.transact((w) =>
    w.update('sessions', row.id, {
      ...start,
      duration_minutes: input.durationMinutes,
      format: input.format,
      status: input.status,
      notes: input.notes,
      topics: input.topics === undefined ? undefined : JSON.stringify(input.topics),
    }),
  );
  return getSession(store, row.id);
}

export function removeSession(store: Store, id: string): { id: string } {
  sessionRow(store, id);
  store.transact((w) => w.remove('sessions', id));
  return { id };
}

/** A pair's or a cohort's live sessions, earliest first. */
export function listSessions(store: Store, by: { pairId?: string; cohortId?: string }): Session[] {
  let query = store.q.selectFrom('sessions').selectAll().where('deleted_at', 'is', null);
  if (by.pairId !== undefined) query = query.where('pair_id', '=', by.pairId);
  if (by.cohortId !== undefined) query = query.where('cohort_id', '=', by.cohortId);
  const rows = store.all(query.orderBy('starts_at').orderBy('id'));
  const pairs = new Map<string, PairPeople>();
  return rows.map((row) => {
    let pair = pairs.get(row.pair_id);
    if (!pair) {
      pair = pairPeople(store, row.pair_id);
      pairs.set(row.pair_id, pair);
    }
    return toSession(row, pair);
  });
}
