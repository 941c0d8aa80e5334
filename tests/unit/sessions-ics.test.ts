import { join } from 'node:path';
import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { addSession } from '../../src/core/sessions/sessions';
import { publishedPair } from './tracking-fixture';

const base = { durationMinutes: 45, format: 'video', status: 'planned', notes: 'Private: Ben is thinking of leaving', topics: ['career'] } as const;

async function setup() {
  const fixture = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' });
  const handlers = createHandlers({ store: fixture.store, resourcesDir: join(__dirname, '../../resources') });
  const ics = async (input: Record<string, unknown>) => {
    const result = await dispatch(handlers, 'sessions.ics', input as never);
    if (!result.ok) throw new Error(result.error.message);
    const file = result.value as { fileName: string; mimeType: string; dataBase64: string; events: number };
    const text = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    const events = Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
    return { file, text, events };
  };
  return { ...fixture, handlers, ics };
}

const mailto = (v: unknown) => String((v as { val: string }).val).replace(/^mailto:/i, '');

describe('calendar files', () => {
  it("one session's invitation: both people attend, the coordinator organises, the start is the exact instant in UTC", async () => {
    const { store, pair, ics } = await setup();
    // The day New York's clocks go forward: 09:00 there is 13:00 UTC, 14:00 in Berlin.
    const s = addSession(store, { ...base, pairId: pair.id, localStart: '2027-03-14T09:00', zoneOf: 'mentee' });
    const { file, text, events } = await ics({ sessionId: s.id, organizer: 'Mentoring team <Team@Example.org>' });
    expect(file).toMatchObject({ fileName: 'ben-li-ana-ruiz-2027-03-14.ics', mimeType: 'text/calendar', events: 1 });
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.uid).toBe(`${s.id}@pairwise`);
    expect(event.start.toISOString()).toBe('2027-03-14T13:00:00.000Z');
    expect(event.start.tz).toMatch(/^(Etc\/UTC|UTC|Z)$/);
    expect(event.end?.toISOString()).toBe('2027-03-14T13:45:00.000Z');
    expect(text).toContain('DTSTART:20270314T130000Z');
    const attendees = ([] as unknown[]).concat(event.attendee);
    expect(attendees.map(mailto).sort()).toEqual(['ana@example.org', 'ben@example.org']);
    expect(attendees.map((a) => (a as { params: { CN: string } }).params.CN).sort()).toEqual(['Ana Ruiz', 'Ben Li']);
    expect(mailto(event.organizer)).toBe('team@example.org');
    expect((event.organizer as unknown as { params: { CN: string } }).params.CN).toBe('Mentoring team');
    expect(event.description).toContain('Ben Li (mentee): Sun 2027-03-14 09:00, America/New_York (UTC-04:00)');
    expect(event.description).toContain('Ana Ruiz (mentor): Sun 2027-03-14 14:00, Europe/Berlin (UTC+01:00)');
    expect(event.description).toContain('Topics: career');
    // The coordinator's notes are not sent to the pair.
    expect(text).not.toContain('leaving');
  });

  it("a cohort's file holds its planned sessions only; an organiser is required; nothing planned is an error", async () => {
    const { store, pair, cohort, ics, handlers } = await setup();
    expect(await dispatch(handlers, 'sessions.ics', { cohortId: cohort.id, organizer: 'team@example.org' })).toMatchObject({
      ok: false,
      error: { message: 'Spring has no planned sessions to put in a calendar' },
    });
    const a = addSession(store, { ...base, pairId: pair.id, localStart: '2027-06-07T18:00', zoneOf: 'mentee' });
    const b = addSession(store, { ...base, pairId: pair.id, localStart: '2027-06-21T09:00', zoneOf: 'mentor' });
    addSession(store, { ...base, status: 'held', pairId: pair.id, localStart: '2027-05-24T18:00', zoneOf: 'mentee' }, new Date('2027-06-01T00:00:00Z'));
    addSession(store, { ...base, status: 'cancelled', pairId: pair.id, localStart: '2027-05-31T18:00', zoneOf: 'mentee' });
    const { file, events } = await ics({ cohortId: cohort.id, organizer: 'team@example.org' });
    expect(file).toMatchObject({ fileName: 'spring-planned-sessions.ics', events: 2 });
    expect(events.map((e) => [e.uid, e.start.toISOString()])).toEqual([
      [`${a.id}@pairwise`, '2027-06-07T22:00:00.000Z'],
      [`${b.id}@pairwise`, '2027-06-21T07:00:00.000Z'],
    ]);
    expect(await dispatch(handlers, 'sessions.ics', { cohortId: cohort.id, organizer: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('Enter a calendar organiser address') },
    });
  });
});

describe('a recurring series at the pair cadence', () => {
  async function series(input: Record<string, unknown>, fixture?: Awaited<ReturnType<typeof setup>>) {
    const f = fixture ?? (await setup());
    const result = await dispatch(f.handlers, 'sessions.icsSeries', { pairId: f.pair.id, organizer: 'team@example.org', durationMinutes: 45, ...input } as never);
    return { result, store: f.store, pair: f.pair, fixture: f };
  }

  it('keeps 09:00 on the mentee’s clock across New York’s DST change, and says when the mentor’s local time moves', async () => {
    // New York springs forward on 14 March 2027, Berlin on 28 March: for two weeks they are 5 hours apart, not 6.
    const { result } = await series({ localStart: '2027-03-01T09:00', zoneOf: 'mentee', everyDays: 7, count: 6 });
    if (!result.ok) throw new Error(result.error.message);
    const file = result.value as { fileName: string; dataBase64: string; events: number; occurrences: { startsAt: string; mentor: { local: string }; mentee: { local: string } }[] };
    expect(file.events).toBe(6);
    expect(file.occurrences.map((o) => o.mentee.local.slice(11))).toEqual(Array(6).fill('09:00'));
    expect(file.occurrences.map((o) => o.mentor.local.slice(11))).toEqual(['15:00', '15:00', '14:00', '14:00', '15:00', '15:00']);
    const text = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    expect(text).toContain('DTSTART;TZID=America/New_York:20270301T090000');
    expect(text).toContain('RRULE:FREQ=WEEKLY;COUNT=6;INTERVAL=1');
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:America\/New_York/);
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain("Ana Ruiz's local time moves during the series");
    // Parsed back as a calendar program would: the rule expands to the same six instants.
    const [event] = Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(event!.rrule).toBeDefined();
    const instants = event!.rrule!.all().map((d) => d.toISOString());
    expect(instants).toHaveLength(6);
    expect(instants.map((i) => i.slice(0, 16))).toEqual(file.occurrences.map((o) => o.startsAt.slice(0, 16)));
    expect(event!.start.toISOString()).toBe('2027-03-01T14:00:00.000Z');
    expect([event!.attendee].flat().map(mailto).sort()).toEqual(['ana@example.org', 'ben@example.org']);
  });

  it('defaults to the pair cadence, written as a daily interval when it is not whole weeks', async () => {
    const { result, store, pair, fixture } = await series({ localStart: '2027-03-01T18:00', zoneOf: 'mentor', count: 3 });
    if (!result.ok) throw new Error(result.error.message);
    const file = result.value as { everyDays: number; dataBase64: string; occurrences: { mentor: { local: string } }[] };
    expect(file.everyDays).toBe(14);
    expect(Buffer.from(file.dataBase64, 'base64').toString('utf8')).toContain('RRULE:FREQ=WEEKLY;COUNT=3;INTERVAL=2');
    store.transact((w) => w.update('pairs', pair.id, { cadence_days: 10 }));
    const { result: ten } = await series({ localStart: '2027-03-01T18:00', zoneOf: 'mentor', count: 3 }, fixture);
    expect(ten.ok && Buffer.from((ten.value as { dataBase64: string }).dataBase64, 'base64').toString('utf8')).toContain('RRULE:FREQ=DAILY;COUNT=3;INTERVAL=10');
  });

  it('refuses a start the clocks skip, and a count outside 2–52', async () => {
    const { result } = await series({ localStart: '2027-03-14T02:30', zoneOf: 'mentee', count: 4 });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('does not exist in America/New_York') } });
    const { result: one } = await series({ localStart: '2027-03-01T09:00', zoneOf: 'mentee', count: 1 });
    expect(one).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('at least 2 sessions') } });
  });
});
