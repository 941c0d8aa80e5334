import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { dissolvePair } from '../../src/core/pairs/publish';
import { erasePerson } from '../../src/core/people/erase';
import { addSession, listSessions, updateSession } from '../../src/core/sessions/sessions';
import { publishedPair } from './tracking-fixture';

const base = { durationMinutes: 60, format: 'video', status: 'planned', notes: '', topics: [] } as const;

describe('sessions: one instant, both local times', () => {
  it('a session on 2027-03-14, the day New York springs forward and Berlin does not, reads 5 hours apart that day (6 the day before)', async () => {
    const { store, pair } = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' });
    const before = addSession(store, { ...base, pairId: pair.id, localStart: '2027-03-13T09:00', zoneOf: 'mentee' });
    expect(before.startsAt).toBe('2027-03-13T14:00:00Z');
    expect(before.mentee).toMatchObject({ local: '2027-03-13T09:00', utcOffset: '-05:00', weekday: 'Sat' });
    expect(before.mentor).toMatchObject({ local: '2027-03-13T15:00', utcOffset: '+01:00' });

    const on = addSession(store, { ...base, pairId: pair.id, localStart: '2027-03-14T09:00', zoneOf: 'mentee' });
    expect(on.startsAt).toBe('2027-03-14T13:00:00Z');
    expect(on.mentee).toMatchObject({ local: '2027-03-14T09:00', utcOffset: '-04:00', weekday: 'Sun' });
    expect(on.mentor).toMatchObject({ local: '2027-03-14T14:00', utcOffset: '+01:00', weekday: 'Sun' });
    expect(on.differentDays).toBe(false);

    // Entered on the mentor's clock instead: the same rule backwards.
    const fromBerlin = addSession(store, { ...base, pairId: pair.id, localStart: '2027-03-14T14:00', zoneOf: 'mentor' });
    expect(fromBerlin.startsAt).toBe(on.startsAt);
    expect(fromBerlin.enteredIn).toBe('mentor');
  });

  it('refuses a time the clocks skip, and reads an hour that happens twice as its second (standard) time', async () => {
    const { store, pair } = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' });
    expect(() => addSession(store, { ...base, pairId: pair.id, localStart: '2027-03-14T02:30', zoneOf: 'mentee' })).toThrow(
      '2027-03-14 02:30 does not exist in America/New_York',
    );
    const twice = addSession(store, { ...base, pairId: pair.id, localStart: '2027-11-07T01:30', zoneOf: 'mentee' });
    expect(twice.startsAt).toBe('2027-11-07T06:30:00Z');
    expect(twice.mentee.utcOffset).toBe('-05:00');
  });

  it('flags a session that is Monday evening for one and Tuesday morning for the other', async () => {
    const { store, pair } = await publishedPair({ mentor: 'Asia/Tokyo', mentee: 'America/Los_Angeles' });
    const s = addSession(store, { ...base, pairId: pair.id, localStart: '2027-06-07T18:00', zoneOf: 'mentee' });
    expect(s.mentee).toMatchObject({ local: '2027-06-07T18:00', weekday: 'Mon', utcOffset: '-07:00' });
    expect(s.mentor).toMatchObject({ local: '2027-06-08T10:00', weekday: 'Tue', utcOffset: '+09:00' });
    expect(s.differentDays).toBe(true);
    const earlyTokyo = addSession(store, { ...base, pairId: pair.id, localStart: '2027-06-07T08:00', zoneOf: 'mentor' });
    expect(earlyTokyo.mentee.local).toBe('2027-06-06T16:00');
    expect(earlyTokyo.differentDays).toBe(true);
    const noon = addSession(store, { ...base, pairId: pair.id, localStart: '2027-06-07T20:00', zoneOf: 'mentor' });
    expect(noon.mentee.local).toBe('2027-06-07T04:00');
    expect(noon.differentDays).toBe(false);
  });

  it('a person without a usable time zone: their side is empty, and a start cannot be entered on their clock', async () => {
    const { store, pair } = await publishedPair({ mentor: 'Europe/Berlin', mentee: undefined });
    expect(() => addSession(store, { ...base, pairId: pair.id, localStart: '2027-06-07T18:00', zoneOf: 'mentee' })).toThrow('Ben Li has no usable time zone');
    const s = addSession(store, { ...base, pairId: pair.id, localStart: '2027-06-07T18:00', zoneOf: 'mentor' });
    expect(s.mentee).toMatchObject({ name: 'Ben Li', local: null, weekday: null });
    expect(s.differentDays).toBe(false);
  });
});

describe('sessions through the contract', () => {
  it('adds, updates, lists by pair and cohort, and removes as a tombstone', async () => {
    const { store, pair, cohort } = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' });
    // The clock is after the session: it can be marked held.
    const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources'), now: () => new Date('2027-05-01T00:00:00Z') });
    const call = async (method: string, input: unknown) => {
      const result = await dispatch(handlers, method as never, input as never);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as never as Record<string, unknown> & { id: string };
    };
    const added = await call('sessions.add', { pairId: pair.id, localStart: '2027-04-01T17:00', zoneOf: 'mentee', durationMinutes: 45, format: 'phone', status: 'planned' });
    expect(added).toMatchObject({ notes: '', topics: [], format: 'phone', startsAt: '2027-04-01T21:00:00Z' });
    const updated = await call('sessions.update', { id: added.id, status: 'held', notes: 'Talked about promotions', topics: ['career'] });
    expect(updated).toMatchObject({ status: 'held', notes: 'Talked about promotions', topics: ['career'], startsAt: '2027-04-01T21:00:00Z' });
    const moved = await call('sessions.update', { id: added.id, localStart: '2027-04-02T09:00', zoneOf: 'mentor' });
    expect(moved).toMatchObject({ startsAt: '2027-04-02T07:00:00Z', enteredIn: 'mentor', status: 'held' });
    const half = await dispatch(handlers, 'sessions.update', { id: added.id, localStart: '2027-04-02T09:00' } as never);
    expect(half).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const both = await dispatch(handlers, 'sessions.list', { pairId: pair.id, cohortId: cohort.id } as never);
    expect(both).toMatchObject({ ok: false, error: { message: expect.stringContaining('Give either pairId or cohortId') } });

    expect(((await call('sessions.list', { cohortId: cohort.id })) as never as unknown[]).length).toBe(1);
    await call('sessions.remove', { id: added.id });
    expect(listSessions(store, { pairId: pair.id })).toEqual([]);
    const row = store.sqlite.prepare('SELECT deleted_at FROM sessions WHERE id = ?').get(added.id) as { deleted_at: string | null };
    expect(row.deleted_at).not.toBeNull();
    const changes = store.sqlite.prepare("SELECT col FROM changes WHERE tbl = 'sessions' AND row_id = ?").all(added.id) as { col: string }[];
    expect(changes.map((c) => c.col)).toContain('deleted_at');
    expect(await dispatch(handlers, 'sessions.remove', { id: added.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses a held or no-show session whose start is still ahead of the clock, on add and on update', async () => {
    const { store, pair } = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' });
    const before = new Date('2027-04-01T20:59:00Z');
    const after = new Date('2027-04-01T21:00:00Z');
    const input = { ...base, pairId: pair.id, localStart: '2027-04-01T17:00', zoneOf: 'mentee' } as const; // 21:00 UTC
    expect(() => addSession(store, { ...input, status: 'held' }, before)).toThrow('A session starting 2027-04-01 21:00:00 UTC is still ahead: save it as planned');
    expect(() => addSession(store, { ...input, status: 'no-show' }, before)).toThrow('still ahead');
    expect(addSession(store, { ...input, status: 'held' }, after).status).toBe('held');
    const planned = addSession(store, input, before);
    expect(() => updateSession(store, { id: planned.id, status: 'held' }, before)).toThrow('still ahead');
    expect(updateSession(store, { id: planned.id, status: 'held' }, after).status).toBe('held');
    // Moving a held session into the future is refused too.
    expect(() => updateSession(store, { id: planned.id, localStart: '2027-04-02T17:00', zoneOf: 'mentee' }, after)).toThrow('still ahead');
  });

  it('refuses a session for a pair that is no longer active', async () => {
    const { store, pair } = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' });
    dissolvePair(store, pair.id);
    expect(() => addSession(store, { ...base, pairId: pair.id, localStart: '2027-04-01T17:00', zoneOf: 'mentee' })).toThrow('This pair is dissolved');
  });

  it('erasing a person deletes the sessions of their pairs and blanks their change rows', async () => {
    const { store, pair, mentee } = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' });
    const s = addSession(store, { ...base, pairId: pair.id, localStart: '2027-04-01T17:00', zoneOf: 'mentee', notes: 'Ben wants to move to Lisbon' });
    const result = erasePerson(store, mentee.personId);
    expect(result.sessions).toBe(1);
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    const values = store.sqlite.prepare("SELECT value, erased_at FROM changes WHERE tbl = 'sessions' AND row_id = ?").all(s.id) as { value: string; erased_at: string | null }[];
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => v.value === 'null' && v.erased_at !== null)).toBe(true);
  });
});
