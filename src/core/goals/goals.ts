import type { Store } from '../db/store';
import type { Writer } from '../db/writer';
import { ProgramSettings } from '../domain/program';
import { NotFoundError, UserError } from '../errors';
import type { Goal, GoalScope, GoalStatus, Milestone } from './contract';
import { daysSince, isStuck } from './stuck';

/** A cohort's program settings: the stuck rule's days live there. */
export function settingsOfCohort(store: Store, cohortId: string): ProgramSettings {
  const row = store.first(
    store.q.selectFrom('cohorts as c').innerJoin('programs as p', 'p.id', 'c.program_id').select('p.settings').where('c.id', '=', cohortId).where('c.deleted_at', 'is', null),
  );
  if (!row) throw new NotFoundError(`No cohort with id ${cohortId}`);
  return ProgramSettings.parse(JSON.parse(row.settings));
}

type GoalRow = {
  id: string;
  pair_id: string;
  cohort_id: string;
  scope: GoalScope;
  title: string;
  target_date: string | null;
  progress: number | null;
  status: GoalStatus;
  progress_changed_at: string;
  template_id: string | null;
};

/** What progress reads as: 100 once reached, else the coordinator's figure, else the share of milestones done. */
export function effectiveProgress(goal: { status: GoalStatus; progress: number | null }, milestones: readonly { done: boolean }[]): number {
  if (goal.status === 'reached') return 100;
  if (goal.progress !== null) return goal.progress;
  if (milestones.length === 0) return 0;
  return Math.round((100 * milestones.filter((m) => m.done).length) / milestones.length);
}

/** Goals with their milestones and both people's names; `by` picks a pair's, a cohort's or some ids. */
function goalRows(store: Store, by: { pairId?: string; cohortId?: string; ids?: readonly string[] }) {
  let query = store.q
    .selectFrom('goals as g')
    .innerJoin('pairs as p', 'p.id', 'g.pair_id')
    .innerJoin('cohort_members as me', 'me.id', 'p.mentee_id')
    .innerJoin('people as pe', 'pe.id', 'me.person_id')
    .innerJoin('cohort_members as mr', 'mr.id', 'p.mentor_id')
    .innerJoin('people as pr', 'pr.id', 'mr.person_id')
    .select(['g.id', 'g.pair_id', 'g.cohort_id', 'g.scope', 'g.title', 'g.target_date', 'g.progress', 'g.status', 'g.progress_changed_at', 'g.template_id'])
    .select(['p.status as pair_status', 'me.id as mentee_id', 'pe.full_name as mentee_name', 'mr.id as mentor_id', 'pr.full_name as mentor_name'])
    .where('g.deleted_at', 'is', null);
  if (by.pairId !== undefined) query = query.where('g.pair_id', '=', by.pairId);
  if (by.cohortId !== undefined) query = query.where('g.cohort_id', '=', by.cohortId);
  if (by.ids !== undefined) query = query.where('g.id', 'in', by.ids.length > 0 ? [...by.ids] : ['']);
  return store.all(query.orderBy('pe.full_name').orderBy('g.created_at').orderBy('g.id'));
}
type GoalListRow = ReturnType<typeof goalRows>[number];

/** Milestones of the goals listed, by goal: all of a pair's or cohort's, or only those of `ids` (a page of them). */
function milestonesOf(store: Store, by: { pairId?: string; cohortId?: string; ids?: readonly string[] }): Map<string, Milestone[]> {
  let mq = store.q.selectFrom('goal_milestones as m').innerJoin('goals as g', 'g.id', 'm.goal_id').selectAll('m').where('m.deleted_at', 'is', null).where('g.deleted_at', 'is', null);
  if (by.pairId !== undefined) mq = mq.where('g.pair_id', '=', by.pairId);
  if (by.cohortId !== undefined) mq = mq.where('g.cohort_id', '=', by.cohortId);
  if (by.ids !== undefined) mq = mq.where('g.id', 'in', by.ids.length > 0 ? [...by.ids] : ['']);
  const milestones = new Map<string, Milestone[]>();
  for (const m of store.all(mq.orderBy('m.position').orderBy('m.id'))) {
    const list = milestones.get(m.goal_id) ?? [];
    list.push({ id: m.id, position: m.position, title: m.title, targetDate: m.target_date, done: m.done === 1, doneAt: m.done_at });
    milestones.set(m.goal_id, list);
  }
  return milestones;
}

// A closed pair's goal waits for no one: like health and the Due list, only active pairs' goals get stuck.
const rowIsStuck = (row: GoalListRow, asOf: Date, stuckDays: number) =>
  row.pair_status === 'active' && isStuck({ status: row.status, progressChangedAt: row.progress_changed_at }, asOf, stuckDays);

function toGoal(row: GoalListRow, own: Milestone[], asOf: Date, stuckDays: number): Goal {
  return {
    id: row.id,
    pairId: row.pair_id,
    cohortId: row.cohort_id,
    scope: row.scope,
    title: row.title,
    targetDate: row.target_date,
    progress: effectiveProgress(row, own),
    progressSet: row.progress,
    status: row.status,
    progressChangedAt: row.progress_changed_at,
    daysWithoutProgress: daysSince(row.progress_changed_at, asOf),
    stuck: rowIsStuck(row, asOf, stuckDays),
    templateId: row.template_id,
    mentee: { memberId: row.mentee_id, name: row.mentee_name },
    mentor: { memberId: row.mentor_id, name: row.mentor_name },
    milestones: own,
  };
}

export function loadGoals(store: Store, by: { pairId?: string; cohortId?: string; ids?: readonly string[] }, asOf: Date, stuckDays: number): Goal[] {
  const rows = goalRows(store, by);
  const milestones = rows.length > 0 ? milestonesOf(store, by) : new Map<string, Milestone[]>();
  return rows.map((row) => toGoal(row, milestones.get(row.id) ?? [], asOf, stuckDays));
}

/** What the Goals page shows of a cohort's goals: one filtered page, and the counts of all of them. */
export interface GoalView {
  status?: GoalStatus;
  stuckOnly?: boolean;
  page?: { offset: number; limit: number };
}

export interface GoalCounts {
  all: number;
  reached: number;
  stuck: number;
  /** Goals the filters keep, over all pages. */
  matching: number;
}

/**
 * A filtered page of goals and the counts of all: a year of a large program has 15,000 goals and 60,000
 * milestones (16 MB as one answer, over a second to build); a page needs the goal rows to filter and count,
 * and the milestones of its own goals only.
 */
export function viewGoals(store: Store, by: { pairId?: string; cohortId?: string }, asOf: Date, stuckDays: number, view: GoalView): { goals: Goal[]; counts: GoalCounts } {
  const rows = goalRows(store, by);
  let reached = 0;
  let stuck = 0;
  const kept: GoalListRow[] = [];
  for (const row of rows) {
    const isStuckNow = rowIsStuck(row, asOf, stuckDays);
    if (row.status === 'reached') reached += 1;
    if (isStuckNow) stuck += 1;
    if ((view.status === undefined || row.status === view.status) && (!view.stuckOnly || isStuckNow)) kept.push(row);
  }
  const shown = view.page === undefined ? kept : kept.slice(view.page.offset, view.page.offset + view.page.limit);
  const milestones = shown.length === 0 ? new Map<string, Milestone[]>() : view.page === undefined ? milestonesOf(store, by) : milestonesOf(store, { ids: shown.map((r) => r.id) });
  return {
    goals: shown.map((row) => toGoal(row, milestones.get(row.id) ?? [], asOf, stuckDays)),
    counts: { all: rows.length, reached, stuck, matching: kept.length },
  };
}

function goalRow(store: Store, id: string): GoalRow {
  const row = store.first(store.q.selectFrom('goals').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No goal with id ${id}`);
  return row;
}

export function getGoal(store: Store, id: string, now: Date): Goal {
  const row = goalRow(store, id);
  return loadGoals(store, { ids: [id] }, now, settingsOfCohort(store, row.cohort_id).goalStuckDays)[0]!;
}

function pairFor(store: Store, pairId: string): { id: string; cohort_id: string; status: string; started_at: string } {
  const pair = store.first(store.q.selectFrom('pairs').select(['id', 'cohort_id', 'status', 'started_at']).where('id', '=', pairId).where('deleted_at', 'is', null));
  if (!pair) throw new NotFoundError(`No pair with id ${pairId}`);
  return pair;
}

/** Writes a goal and its milestones in the caller's transaction; used by goals.add and by templates. */
export function insertGoal(
  w: Writer,
  input: { pairId: string; cohortId: string; scope: GoalScope; title: string; targetDate: string | null; progress: number | null; templateId: string | null; milestones: readonly { title: string; targetDate: string | null; done?: boolean }[] },
  now: Date,
): string {
  const id = w.insert('goals', {
    pair_id: input.pairId,
    cohort_id: input.cohortId,
    scope: input.scope,
    title: input.title,
    target_date: input.targetDate,
    progress: input.progress,
    status: 'open',
    progress_changed_at: now.toISOString(),
    template_id: input.templateId,
  });
  input.milestones.forEach((m, position) =>
    w.insert('goal_milestones', { goal_id: id, position, title: m.title, target_date: m.targetDate, done: m.done ? 1 : 0, done_at: m.done ? now.toISOString() : null }),
  );
  return id;
}

export function addGoal(
  store: Store,
  input: { pairId: string; scope: GoalScope; title: string; targetDate: string | null; progress: number | null; milestones: readonly { title: string; targetDate: string | null; done?: boolean }[] },
  now: Date,
): Goal {
  const pair = pairFor(store, input.pairId);
  if (pair.status !== 'active') throw new UserError(`This pair is ${pair.status}: goals can be added to active pairs only`);
  const id = store.transact((w) => insertGoal(w, { ...input, cohortId: pair.cohort_id, templateId: null }, now));
  return getGoal(store, id, now);
}

/**
 * Changes a goal. A new progress figure, or reaching the goal, is a progress change: it restarts the
 * stuck count from `now`. Renaming or moving the target date is not progress.
 */
export function updateGoal(
  store: Store,
  input: { id: string; scope?: GoalScope; title?: string; targetDate?: string | null; progress?: number | null; status?: GoalStatus },
  now: Date,
): Goal {
  const row = goalRow(store, input.id);
  const progressChanged = (input.progress !== undefined && input.progress !== row.progress) || (input.status === 'reached' && row.status !== 'reached');
  store.transact((w) =>
    w.update('goals', row.id, {
      scope: input.scope,
      title: input.title,
      target_date: input.targetDate,
      progress: input.progress,
      status: input.status,
      progress_changed_at: progressChanged ? now.toISOString() : undefined,
    }),
  );
  return getGoal(store, row.id, now);
}

export function removeGoal(store: Store, id: string): { id: string } {
  goalRow(store, id);
  const milestones = store.all(store.q.selectFrom('goal_milestones').select('id').where('goal_id', '=', id).where('deleted_at', 'is', null));
  store.transact((w) => {
    for (const m of milestones) w.remove('goal_milestones', m.id);
    w.remove('goals', id);
  });
  return { id };
}

/** A milestone added already done is a progress change of its goal. */
export function addMilestone(store: Store, input: { goalId: string; title: string; targetDate: string | null; done?: boolean }, now: Date): Goal {
  const goal = goalRow(store, input.goalId);
  const last = store.first(store.q.selectFrom('goal_milestones').select((eb) => eb.fn.max('position').as('max')).where('goal_id', '=', goal.id).where('deleted_at', 'is', null));
  const position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
  store.transact((w) => {
    const done = input.done === true;
    w.insert('goal_milestones', { goal_id: goal.id, position, title: input.title, target_date: input.targetDate, done: done ? 1 : 0, done_at: done ? now.toISOString() : null });
    if (done) w.update('goals', goal.id, { progress_changed_at: now.toISOString() });
  });
  return getGoal(store, goal.id, now);
}

function milestoneRow(store: Store, id: string) {
  const row = store.first(store.q.selectFrom('goal_milestones').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No milestone with id ${id}`);
  return row;
}

/** Marking a milestone done or undone is a progress change of its goal. */
export function updateMilestone(store: Store, input: { id: string; title?: string; targetDate?: string | null; done?: boolean }, now: Date): Goal {
  const row = milestoneRow(store, input.id);
  const doneChanged = input.done !== undefined && (input.done ? 1 : 0) !== row.done;
  store.transact((w) => {
    w.update('goal_milestones', row.id, {
      title: input.title,
      target_date: input.targetDate,
      done: input.done === undefined ? undefined : input.done ? 1 : 0,
      done_at: doneChanged ? (input.done ? now.toISOString() : null) : undefined,
    });
    if (doneChanged) w.update('goals', row.goal_id, { progress_changed_at: now.toISOString() });
  });
  return getGoal(store, row.goal_id, now);
}

export function removeMilestone(store: Store, id: string, now: Date): Goal {
  const row = milestoneRow(store, id);
  store.transact((w) => w.remove('goal_milestones', row.id));
  return getGoal(store, row.goal_id, now);
}
