import { describe, expect, it } from 'vitest';
import { dueList } from '../../src/core/due/due';
import { addGoal } from '../../src/core/goals/goals';
import { ensureProgramAndCohort, updateProgram } from '../../src/core/programs/programs';
import { closePair } from '../../src/core/pairs/close';
import { pairsOverview } from '../../src/core/pairs/overview';
import { addSession } from '../../src/core/sessions/sessions';
import { cohortOfPairs, day } from './pairs-fixture';

const session = { zoneOf: 'mentee', durationMinutes: 60, format: 'video', notes: '', topics: [] } as const;
/** Berlin wall-clock of an instant in March 2027 (UTC+1 until the 28th). */
const berlin = (d: Date) => new Date(d.getTime() + 3_600_000).toISOString().slice(0, 16);

describe('due.list', () => {
  it('lists a planned session up to 48 hours ahead, not 48 hours and a minute', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(2);
    const [a, b] = pairs;
    // Both pairs met on day 1, so neither is due for anything else on day 5.
    for (const p of pairs) addSession(store, { ...session, pairId: p.id, localStart: berlin(day(1)), status: 'held' }, day(2));
    addSession(store, { ...session, pairId: a!.id, localStart: berlin(day(7)), status: 'planned' });
    addSession(store, { ...session, pairId: b!.id, localStart: berlin(day(7, 0.5)), status: 'planned' });
    const due = dueList(store, { cohortId: cohort.id }, day(5));
    expect(due.items.map((i) => [i.kind, i.pairId, i.text])).toEqual([['session-soon', a!.id, 'session in 48 h']]);
    expect(dueList(store, { cohortId: cohort.id }, day(5, 0.5)).items.map((i) => i.pairId)).toEqual([a!.id, b!.id]);
    // A session that has started is no longer "soon".
    expect(dueList(store, { cohortId: cohort.id }, day(7)).items.map((i) => i.pairId)).toEqual([b!.id]);
  });

  it('lists a pair without a first session from day 14 after its start (the program setting), not day 13', async () => {
    const { store, cohort } = await cohortOfPairs(1);
    expect(dueList(store, { cohortId: cohort.id }, day(13, 23)).items).toEqual([]);
    expect(dueList(store, { cohortId: cohort.id }, day(14)).items).toMatchObject([{ kind: 'no-first-session', text: 'no first session 14 days after the start', cohortName: 'Spring', menteeName: 'Mentee 0' }]);
    updateProgram(store, { id: cohort.programId, settings: { firstSessionDays: 20 } });
    expect(dueList(store, { cohortId: cohort.id }, day(19)).items).toEqual([]);
  });

  it('lists a pair past its cadence from the day after it, counted from the last held session', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(1);
    addSession(store, { ...session, pairId: pairs[0]!.id, localStart: berlin(day(3)), status: 'held' }, day(4));
    expect(dueList(store, { cohortId: cohort.id }, day(17, 23)).items).toEqual([]);
    expect(dueList(store, { cohortId: cohort.id }, day(18)).items).toMatchObject([{ kind: 'past-cadence', text: 'no session for 15 days, cadence 14', at: day(3).toISOString().replace('.000Z', 'Z') }]);
  });

  it('counts a meeting a check-in reported as a first session, as pair health does (not "no first session")', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(1);
    const pair = pairs[0]!;
    store.transact((w) =>
      w.insert('checkins', {
        pair_id: pair.id, cohort_id: cohort.id, respondent_member_id: pair.menteeId, respondent_role: 'mentee', met: 1, times_met: 1,
        last_met_on: day(10).toISOString().slice(0, 10), goal_progress: null, comments: '', submitted_at: null, file_name: 'checkins.csv', file_line: 2,
      }),
    );
    // Day 15: 14 days after the start, but they met on day 10 (cadence 14): nothing is due, and health agrees.
    expect(pairsOverview(store, cohort.id, day(15)).pairs[0]!.health).toBe('on-track');
    expect(dueList(store, { cohortId: cohort.id }, day(15)).items).toEqual([]);
    // Past the cadence counted from that meeting, the pair is due as past its cadence.
    expect(dueList(store, { cohortId: cohort.id }, day(26)).items).toMatchObject([{ kind: 'past-cadence', pairId: pair.id }]);
  });

  it('lists stuck goals, and leaves out closed pairs and closed cohorts', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(2);
    for (const p of pairs) addSession(store, { ...session, pairId: p.id, localStart: berlin(day(20)), status: 'held' }, day(21));
    const goal = addGoal(store, { pairId: pairs[0]!.id, scope: 'mentee', title: 'Public speaking', targetDate: null, progress: null, milestones: [] }, day(1));
    expect(dueList(store, {}, day(21, 23)).items).toEqual([]);
    expect(dueList(store, {}, day(22)).items).toMatchObject([{ kind: 'stuck-goal', goalId: goal.id, text: 'goal "Public speaking" stuck for 21 days' }]);
    closePair(store, pairs[0]!.id, 'completed', '', day(22));
    expect(dueList(store, { programId: cohort.programId }, day(22)).items).toEqual([]);
    // Another program's cohort is not in this program's list.
    const other = ensureProgramAndCohort(store, 'Other', 'Autumn');
    expect(dueList(store, { programId: other.programId }, day(40)).cohorts).toBe(1);
    expect(dueList(store, { programId: cohort.programId }, day(40)).items).toMatchObject([{ kind: 'past-cadence', pairId: pairs[1]!.id }]);
  });

  it('agrees with pair health day by day: the pairs it lists past cadence or without a first session are the ones the overview finds so', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(6);
    const [a, b, c, d, e] = pairs;
    // a met on days 2 and 30; b once on day 5; c only through a check-in on day 12; d had a session cancelled; e and f never met.
    addSession(store, { ...session, pairId: a!.id, localStart: berlin(day(2)), status: 'held' }, day(3));
    addSession(store, { ...session, pairId: a!.id, localStart: berlin(day(30)), status: 'held' }, day(31));
    addSession(store, { ...session, pairId: b!.id, localStart: berlin(day(5)), status: 'held' }, day(6));
    addSession(store, { ...session, pairId: d!.id, localStart: berlin(day(4)), status: 'cancelled' }, day(5));
    store.transact((w) =>
      w.insert('checkins', {
        pair_id: c!.id, cohort_id: cohort.id, respondent_member_id: c!.menteeId, respondent_role: 'mentee', met: 1, times_met: 1,
        last_met_on: day(12).toISOString().slice(0, 10), goal_progress: null, comments: '', submitted_at: null, file_name: 'checkins.csv', file_line: 2,
      }),
    );
    store.transact((w) => w.update('pairs', e!.id, { cadence_days: 7 }));
    const seen = new Set<string>();
    for (let n = 0; n <= 60; n += 1) {
      const asOf = day(n, 12);
      const health = pairsOverview(store, cohort.id, asOf).pairs;
      const expected = health
        .flatMap((p) => (p.lastContact === null ? (n >= 14 ? [`no-first-session ${p.mentee.name} ${p.startedAt}`] : []) : p.daysWithout > p.cadenceDays ? [`past-cadence ${p.mentee.name} ${p.lastContact}`] : []))
        .sort();
      const listed = dueList(store, { cohortId: cohort.id }, asOf)
        .items.filter((i) => i.kind === 'no-first-session' || i.kind === 'past-cadence')
        .map((i) => `${i.kind} ${i.menteeName} ${i.at}`)
        .sort();
      expect(listed, `day ${n}`).toEqual(expected);
      for (const item of listed) seen.add(item.split(' ')[0]!);
    }
    // The comparison covered both kinds, not only empty lists.
    expect([...seen].sort()).toEqual(['no-first-session', 'past-cadence']);
  });
});
