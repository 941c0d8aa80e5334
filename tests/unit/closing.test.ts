import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { addGoal, updateGoal } from '../../src/core/goals/goals';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { mentorsOverview } from '../../src/core/mentors/overview';
import { closeCohort, closePair, cohortSummary } from '../../src/core/pairs/close';
import { activePairs } from '../../src/core/pairs/publish';
import { addSession } from '../../src/core/sessions/sessions';
import { cohortOfPairs, day } from './pairs-fixture';

const held = { zoneOf: 'mentee', durationMinutes: 60, format: 'video', status: 'held', notes: '', topics: [] } as const;

describe('closing', () => {
  it('closes a pair as completed or ended early (a reason needed); it leaves the active pairs and takes no sessions', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(3);
    expect(() => closePair(store, pairs[0]!.id, 'ended-early', '  ', day(30))).toThrow('Say why the pair ended early');
    const closed = closePair(store, pairs[0]!.id, 'ended-early', 'Mentee changed jobs', day(30));
    expect(closed).toMatchObject({ status: 'ended', endedAt: day(30).toISOString(), closeOutcome: 'ended-early', closeReason: 'Mentee changed jobs' });
    expect(activePairs(store, cohort.id).map((p) => p.id)).not.toContain(pairs[0]!.id);
    expect(() => closePair(store, pairs[0]!.id, 'completed', '', day(31))).toThrow(/already ended/);
    expect(() => addSession(store, { ...held, pairId: pairs[0]!.id, localStart: '2027-03-20T10:00' }, day(40))).toThrow(/ended/);
    const changes = store.sqlite.prepare("SELECT col, value FROM changes WHERE tbl = 'pairs' AND row_id = ? AND col IN ('close_outcome', 'close_reason') AND value != 'null'").all(pairs[0]!.id);
    expect(changes).toEqual([{ col: 'close_outcome', value: '"ended-early"' }, { col: 'close_reason', value: '"Mentee changed jobs"' }]);
  });

  it('closes a cohort: every active pair completed, a summary of pairs, sessions held and goals reached kept on it', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(3);
    addSession(store, { ...held, pairId: pairs[1]!.id, localStart: '2027-03-05T10:00' }, day(10));
    addSession(store, { ...held, pairId: pairs[1]!.id, localStart: '2027-03-12T10:00' }, day(20));
    addSession(store, { ...held, status: 'planned', pairId: pairs[2]!.id, localStart: '2027-03-29T10:00' }, day(20));
    const goal = addGoal(store, { pairId: pairs[1]!.id, scope: 'mentee', title: 'Lead', targetDate: null, progress: null, milestones: [] }, day(1));
    updateGoal(store, { id: goal.id, status: 'reached' }, day(20));
    addGoal(store, { pairId: pairs[2]!.id, scope: 'pair', title: 'Ship', targetDate: null, progress: null, milestones: [] }, day(1));
    closePair(store, pairs[0]!.id, 'ended-early', 'Moved away', day(15));
    expect(cohortSummary(store, cohort.id)).toBeNull();
    const summary = closeCohort(store, cohort.id, day(90));
    expect(summary).toEqual({ closedAt: day(90).toISOString(), pairs: 3, completed: 2, endedEarly: 1, sessionsHeld: 2, goalsTotal: 2, goalsReached: 1 });
    expect(cohortSummary(store, cohort.id)).toEqual(summary);
    expect(activePairs(store, cohort.id)).toEqual([]);
    expect(() => closeCohort(store, cohort.id, day(91))).toThrow('Spring was closed on 2027-05-30');
  });

  it('closes a cohort whose pairs were all closed one by one (its summary is still kept); a cohort never published cannot close', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(2);
    closePair(store, pairs[0]!.id, 'completed', '', day(40));
    closePair(store, pairs[1]!.id, 'ended-early', 'Moved away', day(41));
    expect(closeCohort(store, cohort.id, day(60))).toEqual({ closedAt: day(60).toISOString(), pairs: 2, completed: 1, endedEarly: 1, sessionsHeld: 0, goalsTotal: 0, goalsReached: 0 });
    const unpublished = ensureProgramAndCohort(store, 'Mentoring', 'Autumn');
    expect(() => closeCohort(store, unpublished.id, day(60))).toThrow('Autumn has no published pairs to close');
  });

  it('a cohort closes all or nothing; through the contract the clock is the injected one', async () => {
    const { store, cohort } = await cohortOfPairs(2);
    store.sqlite.exec(`CREATE TRIGGER refuse_summary BEFORE UPDATE OF summary ON cohorts BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    expect(() => closeCohort(store, cohort.id, day(60))).toThrow('disk full');
    expect(activePairs(store, cohort.id)).toHaveLength(2);
    store.sqlite.exec('DROP TRIGGER refuse_summary');
    const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources'), now: () => day(60) });
    expect(await dispatch(handlers, 'pairs.close', { pairId: activePairs(store, cohort.id)[0]!.id, outcome: 'ended-early' })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('Say why') } });
    expect(await dispatch(handlers, 'pairs.closeCohort', { cohortId: cohort.id })).toMatchObject({ ok: true, value: { closedAt: day(60).toISOString(), pairs: 2, completed: 2 } });
  });
});

describe('mentors.overview', () => {
  it('per mentor: active pairs, sessions held, goals reached, load against capacity; ratings empty until feedback', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(2);
    addSession(store, { ...held, pairId: pairs[0]!.id, localStart: '2027-03-05T10:00' }, day(10));
    const goal = addGoal(store, { pairId: pairs[0]!.id, scope: 'mentee', title: 'Lead', targetDate: null, progress: null, milestones: [] }, day(1));
    updateGoal(store, { id: goal.id, status: 'reached' }, day(5));
    const { mentors } = mentorsOverview(store, cohort.id, day(10));
    expect(mentors).toHaveLength(2);
    const withPair = mentors.find((m) => m.pairs.some((p) => p.pairId === pairs[0]!.id))!;
    expect(withPair).toMatchObject({ sessionsHeld: 1, goalsReached: 1, goalsTotal: 1, capacity: 2, latestRating: null, averageRating: null });
    expect(withPair.load).toBe(withPair.mentees / 2);
    expect(mentors.reduce((n, m) => n + m.mentees, 0)).toBe(2);
  });
});
