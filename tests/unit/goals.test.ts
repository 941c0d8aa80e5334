import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { addGoal, addMilestone, loadGoals, removeGoal, updateGoal, updateMilestone } from '../../src/core/goals/goals';
import { isStuck } from '../../src/core/goals/stuck';
import { applyTemplate, saveTemplate } from '../../src/core/goals/templates';
import { pairsOverview } from '../../src/core/pairs/overview';
import { closePair } from '../../src/core/pairs/close';
import { dueList } from '../../src/core/due/due';
import { ensureProgramAndCohort, updateProgram } from '../../src/core/programs/programs';
import { addSession } from '../../src/core/sessions/sessions';
import { erasePerson } from '../../src/core/people/erase';
import { START, cohortOfPairs, day } from './pairs-fixture';

const goalInput = { scope: 'mentee', targetDate: null, progress: null, milestones: [] } as const;

describe('the stuck rule', () => {
  it('an open goal is stuck from the 21st whole day without a progress change, not a minute before', () => {
    const goal = { status: 'open', progressChangedAt: START };
    expect(isStuck(goal, day(20, 23), 21)).toBe(false);
    expect(isStuck(goal, day(21), 21)).toBe(true);
    expect(isStuck({ ...goal, status: 'reached' }, day(60), 21)).toBe(false);
    expect(isStuck({ ...goal, status: 'dropped' }, day(60), 21)).toBe(false);
    expect(isStuck(goal, day(-5), 21)).toBe(false);
  });

  it('counts from the last progress change recorded on the goal; renaming is not progress', async () => {
    const { store, pairs } = await cohortOfPairs(1);
    const goal = addGoal(store, { ...goalInput, pairId: pairs[0]!.id, title: 'Lead a project', milestones: [{ title: 'Pick it', targetDate: '2027-04-01' }] }, day(0));
    const at = (n: number, hours = 0) => loadGoals(store, { ids: [goal.id] }, day(n, hours), 21)[0]!;
    expect(at(20, 23)).toMatchObject({ stuck: false, daysWithoutProgress: 20, progress: 0 });
    expect(at(21)).toMatchObject({ stuck: true, daysWithoutProgress: 21 });
    updateGoal(store, { id: goal.id, title: 'Lead a small project' }, day(15));
    expect(at(21).stuck).toBe(true);
    // A milestone done is progress: the count restarts on day 15.
    updateMilestone(store, { id: goal.milestones[0]!.id, done: true }, day(15));
    expect(at(35, 23)).toMatchObject({ stuck: false, progress: 100, progressChangedAt: day(15).toISOString() });
    expect(at(36).stuck).toBe(true);
    // A figure set by hand is progress too, and wins over the milestones.
    updateGoal(store, { id: goal.id, progress: 40 }, day(36));
    expect(at(37)).toMatchObject({ stuck: false, progress: 40, progressSet: 40 });
    updateGoal(store, { id: goal.id, status: 'reached' }, day(40));
    expect(at(90)).toMatchObject({ stuck: false, progress: 100, status: 'reached' });
  });

  it('a closed pair\'s open goal is not stuck: the Goals page counts the same stuck goals as the Due list', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(2);
    for (const p of pairs) addGoal(store, { ...goalInput, pairId: p.id, title: `Goal of ${p.id}` }, day(0));
    closePair(store, pairs[0]!.id, 'ended-early', 'Moved away', day(5));
    const listed = loadGoals(store, { cohortId: cohort.id }, day(30), 21);
    expect(listed.filter((g) => g.stuck).map((g) => g.pairId)).toEqual([pairs[1]!.id]);
    expect(dueList(store, { cohortId: cohort.id }, day(30)).items.filter((i) => i.kind === 'stuck-goal').map((i) => i.pairId)).toEqual([pairs[1]!.id]);
  });

  it('derives progress from milestones while none is set; a program setting changes the days', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(1);
    const goal = addGoal(store, { ...goalInput, pairId: pairs[0]!.id, title: 'Speak', milestones: [{ title: 'a', targetDate: null }, { title: 'b', targetDate: null }] }, day(0));
    const third = addMilestone(store, { goalId: goal.id, title: 'c', targetDate: null }, day(0));
    expect(third.milestones.map((m) => [m.title, m.position])).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    expect(updateMilestone(store, { id: third.milestones[1]!.id, done: true }, day(1)).progress).toBe(33);
    const done = addGoal(store, { ...goalInput, pairId: pairs[0]!.id, title: 'Listen', milestones: [{ title: 'a', targetDate: null, done: true }, { title: 'b', targetDate: null }] }, day(1));
    expect(done).toMatchObject({ progress: 50, milestones: [{ done: true, doneAt: day(1).toISOString() }, { done: false, doneAt: null }] });
    expect(addMilestone(store, { goalId: done.id, title: 'c', targetDate: null, done: true }, day(2))).toMatchObject({ progress: 67, progressChangedAt: day(2).toISOString() });
    updateGoal(store, { id: done.id, status: 'dropped' }, day(2));
    updateProgram(store, { id: cohort.programId, settings: { goalStuckDays: 5 } });
    expect(pairsOverview(store, cohort.id, day(6)).pairs[0]).toMatchObject({ goalsStuck: 1, rule: 'goal "Speak" stuck for 5 days' });
  });
});

describe('stuck goals in pair health', () => {
  it('a pair on track by its sessions needs attention with a stuck goal; the rule names the goal and its days', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(1);
    const pair = pairs[0]!;
    addGoal(store, { ...goalInput, pairId: pair.id, title: 'Find a sponsor' }, day(0));
    const reached = addGoal(store, { ...goalInput, pairId: pair.id, title: 'Write a plan' }, day(0));
    updateGoal(store, { id: reached.id, status: 'reached' }, day(1));
    // Sessions every week keep it on track by cadence.
    for (const n of [6, 13, 20]) addSession(store, { pairId: pair.id, localStart: day(n).toISOString().slice(0, 16), zoneOf: 'mentee', durationMinutes: 60, format: 'video', status: 'held', notes: '', topics: [] }, day(60));
    const at = (n: number) => pairsOverview(store, cohort.id, day(n)).pairs[0]!;
    expect(at(20)).toMatchObject({ health: 'on-track', goalsTotal: 2, goalsReached: 1, goalsStuck: 0 });
    expect(at(25)).toMatchObject({ health: 'needs-attention', rule: 'goal "Find a sponsor" stuck for 25 days', goalsStuck: 1 });
    // Past twice the cadence the session rule speaks: at risk, not "stuck".
    expect(at(50)).toMatchObject({ health: 'at-risk', rule: expect.stringContaining('no session for') });
    removeGoal(store, loadGoals(store, { pairId: pair.id }, day(0), 21).find((g) => g.title === 'Find a sponsor')!.id);
    expect(at(25)).toMatchObject({ health: 'on-track', goalsTotal: 1, goalsStuck: 0 });
  });
});

describe('goal templates', () => {
  it('applies to every active pair of the cohort, dates from each pair\'s start, skipping pairs that have it', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(3);
    store.transact((w) => w.update('pairs', pairs[2]!.id, { started_at: '2027-03-10T12:00:00.000Z' }));
    const template = saveTemplate(store, { programId: cohort.programId, title: 'Career plan', targetOffsetDays: 90, milestones: [{ title: 'Strengths', offsetDays: 14 }, { title: 'Draft plan', offsetDays: 45 }] });
    expect(applyTemplate(store, template.id, cohort.id, day(2))).toEqual({ added: 3, skipped: 0 });
    expect(applyTemplate(store, template.id, cohort.id, day(3))).toEqual({ added: 0, skipped: 3 });
    const goals = loadGoals(store, { cohortId: cohort.id }, day(3), 21);
    expect(goals).toHaveLength(3);
    const late = goals.find((g) => g.pairId === pairs[2]!.id)!;
    expect(late).toMatchObject({ title: 'Career plan', targetDate: '2027-06-08', templateId: template.id, scope: 'mentee', progressChangedAt: day(2).toISOString() });
    expect(late.milestones.map((m) => [m.title, m.targetDate, m.done])).toEqual([['Strengths', '2027-03-24', false], ['Draft plan', '2027-04-24', false]]);
    // A pair whose goal was removed has it no more: applying again gives it back to that pair only.
    removeGoal(store, late.id);
    expect(applyTemplate(store, template.id, cohort.id, day(4))).toEqual({ added: 1, skipped: 2 });
  });

  it('is all or nothing, and refuses another program\'s cohort', async () => {
    const { store, cohort } = await cohortOfPairs(3);
    const template = saveTemplate(store, { programId: cohort.programId, title: 'Plan', targetOffsetDays: null, milestones: [] });
    // The database refuses the third goal (a trigger standing in for a full disk): nothing stays.
    store.sqlite.exec(`CREATE TRIGGER refuse_third BEFORE INSERT ON goals WHEN (SELECT COUNT(*) FROM goals) >= 2 BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    expect(() => applyTemplate(store, template.id, cohort.id, day(1))).toThrow('disk full');
    expect(loadGoals(store, { cohortId: cohort.id }, day(1), 21)).toHaveLength(0);
    store.sqlite.exec('DROP TRIGGER refuse_third');
    const other = ensureProgramAndCohort(store, 'Other', 'Autumn');
    expect(() => applyTemplate(store, template.id, other.id, day(1))).toThrow(/another program/);
  });

  it('through the contract: names and dates are checked, the clock is the injected one', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(1);
    const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources'), now: () => day(3) });
    const added = await dispatch(handlers, 'goals.add', { pairId: pairs[0]!.id, title: 'Negotiate', targetDate: '2027-02-30' });
    expect(added).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('calendar date') } });
    const ok = await dispatch(handlers, 'goals.add', { pairId: pairs[0]!.id, title: 'Negotiate', milestones: [{ title: 'Practise' }] });
    expect(ok).toMatchObject({ ok: true, value: { progressChangedAt: day(3).toISOString(), status: 'open', progress: 0 } });
    expect(await dispatch(handlers, 'goals.update', { id: (ok as { value: { id: string } }).value.id, progress: 101 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(handlers, 'goals.list', { cohortId: cohort.id, asOf: day(24).toISOString() })).toMatchObject({ ok: true, value: { stuckDays: 21, goals: [{ stuck: true, daysWithoutProgress: 21 }] } });
  });

  it('a page of the goals, filtered in the core, with the counts of all and each goal with its own milestones', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(3);
    const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources'), now: () => day(30) });
    // Seven goals over three pairs: two reached, the rest open since day 1 (stuck by day 30), each with its own milestone.
    for (let i = 0; i < 7; i += 1) {
      const goal = addGoal(store, { ...goalInput, pairId: pairs[i % 3]!.id, title: `Goal ${i}`, milestones: [{ title: `Step of goal ${i}`, targetDate: null }] }, day(1));
      if (i < 2) updateGoal(store, { id: goal.id, status: 'reached' }, day(2));
    }
    const list = async (input: object) => {
      const r = await dispatch(handlers, 'goals.list', { cohortId: cohort.id, ...input });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { goals: { title: string; status: string; stuck: boolean; milestones: { title: string }[] }[]; counts: { all: number; reached: number; stuck: number; matching: number } };
    };
    const whole = await list({});
    expect(whole.counts).toEqual({ all: 7, reached: 2, stuck: 5, matching: 7 });
    expect(whole.goals).toHaveLength(7);
    // Pages in the list's own order, no goal twice or left out; each goal's milestone is its own.
    const pages = [await list({ page: { offset: 0, limit: 3 } }), await list({ page: { offset: 3, limit: 3 } }), await list({ page: { offset: 6, limit: 3 } })];
    expect(pages.map((p) => p.goals.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.goals.map((g) => g.title))).toEqual(whole.goals.map((g) => g.title));
    for (const g of pages.flatMap((p) => p.goals)) expect(g.milestones.map((m) => m.title)).toEqual([`Step of ${g.title.toLowerCase()}`]);
    expect(pages[0]!.counts).toEqual(whole.counts);
    const stuck = await list({ stuckOnly: true, page: { offset: 0, limit: 2 } });
    expect(stuck.counts).toEqual({ all: 7, reached: 2, stuck: 5, matching: 5 });
    expect(stuck.goals.map((g) => g.stuck)).toEqual([true, true]);
    const reached = await list({ status: 'reached' });
    expect(reached.goals.map((g) => g.status)).toEqual(['reached', 'reached']);
    expect(reached.counts.matching).toBe(2);
    expect(await dispatch(handlers, 'goals.list', { cohortId: cohort.id, page: { offset: 0, limit: 0 } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('erasing a person', () => {
  it('deletes the goals and milestones of their pairs and blanks those rows\' change values', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(2);
    const goal = addGoal(store, { ...goalInput, pairId: pairs[0]!.id, title: 'Talk about my divorce', milestones: [{ title: 'Find a therapist', targetDate: null }] }, day(1));
    const other = addGoal(store, { ...goalInput, pairId: pairs[1]!.id, title: 'Public speaking' }, day(1));
    const mentee = store.first(store.q.selectFrom('cohort_members').select('person_id').where('id', '=', pairs[0]!.menteeId))!.person_id;
    erasePerson(store, mentee);
    expect(loadGoals(store, { cohortId: cohort.id }, day(2), 21).map((g) => g.id)).toEqual([other.id]);
    expect(store.sqlite.prepare('SELECT COUNT(*) AS n FROM goal_milestones WHERE goal_id = ?').get(goal.id)).toEqual({ n: 0 });
    const kept = store.sqlite.prepare("SELECT value FROM changes WHERE tbl IN ('goals', 'goal_milestones') AND erased_at IS NULL").all() as { value: string }[];
    expect(kept.map((c) => c.value).join(' ')).not.toMatch(/divorce|therapist/);
    expect(kept.map((c) => c.value).join(' ')).toContain('Public speaking');
  });
});
