import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { healthOf, pairsOverview, setPairCadence } from '../../src/core/pairs/overview';
import { updateProgram } from '../../src/core/programs/programs';
import { addSession, updateSession } from '../../src/core/sessions/sessions';
import { publishedPair } from './tracking-fixture';

const START = '2027-03-01T09:00:00.000Z';
const day = (n: number, hours = 0) => new Date(Date.parse(START) + n * 86_400_000 + hours * 3_600_000);

/** A published pair that started on 2027-03-01 09:00 UTC (publishing takes the injected clock). */
async function pairFrom2027() {
  const fixture = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' });
  fixture.store.transact((w) => w.update('pairs', fixture.pair.id, { started_at: START }));
  return fixture;
}

/** The clock when the sessions are logged: after all of them. */
const LATER = day(60);
const held = { durationMinutes: 60, format: 'video', status: 'held', notes: '', topics: [] } as const;

describe('the health rule', () => {
  it('is on track up to the cadence, needs attention past it, at risk past twice the cadence', () => {
    expect(healthOf({ daysWithout: 14, cadenceDays: 14, held: 1 })).toEqual({ health: 'on-track', rule: 'last session 14 days ago, cadence 14' });
    expect(healthOf({ daysWithout: 15, cadenceDays: 14, held: 1 })).toEqual({ health: 'needs-attention', rule: 'no session for 15 days, cadence 14' });
    expect(healthOf({ daysWithout: 28, cadenceDays: 14, held: 1 }).health).toBe('needs-attention');
    expect(healthOf({ daysWithout: 29, cadenceDays: 14, held: 1 }).health).toBe('at-risk');
    expect(healthOf({ daysWithout: 35, cadenceDays: 14, held: 2 })).toEqual({ health: 'at-risk', rule: 'no session for 35 days, cadence 14' });
    expect(healthOf({ daysWithout: 1, cadenceDays: 7, held: 0 })).toEqual({ health: 'on-track', rule: 'started 1 day ago, first session due within 7 days' });
    expect(healthOf({ daysWithout: 15, cadenceDays: 14, held: 0 })).toEqual({ health: 'needs-attention', rule: 'no first session 15 days after the start, cadence 14' });
    // When the last contact is a meeting reported in a check-in, the rule says so.
    expect(healthOf({ daysWithout: 3, cadenceDays: 14, held: 1, contact: 'check-in' })).toEqual({ health: 'on-track', rule: 'last met 3 days ago (check-in), cadence 14' });
    expect(healthOf({ daysWithout: 30, cadenceDays: 14, held: 1, contact: 'check-in' })).toEqual({ health: 'at-risk', rule: 'no meeting for 30 days (last one from a check-in), cadence 14' });
  });
});

describe('pairs.overview', () => {
  it('counts a held session that starts exactly at asOf (starts are stored without milliseconds)', async () => {
    const { store, cohort, pair } = await pairFrom2027();
    // 2027-03-11 09:00 in New York is 14:00 UTC; the clock of the log is later.
    addSession(store, { ...held, pairId: pair.id, localStart: '2027-03-11T09:00', zoneOf: 'mentee' }, LATER);
    const exactly = new Date('2027-03-11T14:00:00.000Z');
    expect(pairsOverview(store, cohort.id, exactly).pairs[0]).toMatchObject({ held: 1, lastContact: '2027-03-11T14:00:00Z', daysWithout: 0 });
    expect(pairsOverview(store, cohort.id, new Date(exactly.getTime() - 1000)).pairs[0]).toMatchObject({ held: 0, lastContact: null });
  });

  it('counts from the start while no session is held, in whole days of the asOf clock', async () => {
    const { store, cohort } = await pairFrom2027();
    const at = (n: number, hours = 0) => pairsOverview(store, cohort.id, day(n, hours)).pairs[0]!;
    expect(at(14, 23)).toMatchObject({ health: 'on-track', daysWithout: 14, held: 0, expected: 1, lastContact: null, cadenceDays: 14, cadenceIsDefault: true });
    expect(at(15)).toMatchObject({ health: 'needs-attention', rule: 'no first session 15 days after the start, cadence 14' });
    expect(at(28, 23).health).toBe('needs-attention');
    expect(at(29)).toMatchObject({ health: 'at-risk', expected: 2 });
    // Before the start (an asOf in the past): nothing is late.
    expect(at(-3)).toMatchObject({ health: 'on-track', daysWithout: 0, expected: 0 });
  });

  it('counts from the last held session; planned, cancelled and no-show sessions are not contact', async () => {
    const { store, cohort, pair } = await pairFrom2027();
    addSession(store, { ...held, pairId: pair.id, localStart: '2027-03-05T10:00', zoneOf: 'mentor' }, LATER); // 09:00 UTC, day 4
    const planned = addSession(store, { ...held, status: 'planned', pairId: pair.id, localStart: '2027-03-25T10:00', zoneOf: 'mentor' });
    addSession(store, { ...held, status: 'no-show', pairId: pair.id, localStart: '2027-03-19T10:00', zoneOf: 'mentor' }, LATER);
    addSession(store, { ...held, status: 'cancelled', pairId: pair.id, localStart: '2027-03-20T10:00', zoneOf: 'mentor' });
    const on = (n: number) => pairsOverview(store, cohort.id, day(n)).pairs[0]!;
    expect(on(18)).toMatchObject({ health: 'on-track', held: 1, expected: 1, lastContact: '2027-03-05T09:00:00Z', daysWithout: 14, nextPlanned: planned.startsAt });
    expect(on(19)).toMatchObject({ health: 'needs-attention', rule: 'no session for 15 days, cadence 14' });
    expect(on(39)).toMatchObject({ health: 'at-risk', rule: 'no session for 35 days, cadence 14', nextPlanned: null });
    // A held session in the future of asOf does not count yet.
    updateSession(store, { id: planned.id, status: 'held' }, LATER);
    expect(on(19)).toMatchObject({ held: 1, health: 'needs-attention' });
    expect(on(25)).toMatchObject({ held: 2, health: 'on-track', daysWithout: 1, lastContact: planned.startsAt });
  });

  it('takes the program default cadence, and a pair\'s own until it is set back to null', async () => {
    const { store, cohort, pair } = await pairFrom2027();
    updateProgram(store, { id: cohort.programId, settings: { sessionCadenceDays: 30 } });
    expect(pairsOverview(store, cohort.id, day(20)).pairs[0]).toMatchObject({ cadenceDays: 30, cadenceIsDefault: true, health: 'on-track' });
    expect(setPairCadence(store, pair.id, 7).cadenceDays).toBe(7);
    expect(pairsOverview(store, cohort.id, day(20)).pairs[0]).toMatchObject({ cadenceDays: 7, cadenceIsDefault: false, health: 'at-risk', expected: 2 });
    setPairCadence(store, pair.id, null);
    expect(pairsOverview(store, cohort.id, day(20)).pairs[0]).toMatchObject({ cadenceDays: 30, cadenceIsDefault: true });
  });

  it('through the contract: asOf defaults to the injected clock; bad cadences are refused', async () => {
    const { store, cohort, pair } = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' });
    const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources'), now: () => new Date(START) });
    store.transact((w) => w.update('pairs', pair.id, { started_at: day(-40).toISOString() }));
    const result = await dispatch(handlers, 'pairs.overview', { cohortId: cohort.id });
    expect(result).toMatchObject({ ok: true, value: { asOf: START, defaultCadenceDays: 14, pairs: [{ pairId: pair.id, health: 'at-risk', daysWithout: 40 }] } });
    expect(await dispatch(handlers, 'pairs.setCadence', { pairId: pair.id, cadenceDays: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('at least 1 day') } });
    expect(await dispatch(handlers, 'pairs.overview', { cohortId: cohort.id, asOf: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
