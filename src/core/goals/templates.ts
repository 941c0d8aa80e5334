import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import type { GoalTemplate } from './contract';
import { insertGoal } from './goals';

type TemplateMilestones = { title: string; offsetDays: number }[];

function toTemplate(row: { id: string; program_id: string; title: string; target_offset_days: number | null; milestones: string }): GoalTemplate {
  return { id: row.id, programId: row.program_id, title: row.title, targetOffsetDays: row.target_offset_days, milestones: JSON.parse(row.milestones) as TemplateMilestones };
}

function templateRow(store: Store, id: string) {
  const row = store.first(store.q.selectFrom('goal_templates').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No goal template with id ${id}`);
  return row;
}

export function listTemplates(store: Store, programId: string): GoalTemplate[] {
  return store
    .all(store.q.selectFrom('goal_templates').selectAll().where('program_id', '=', programId).where('deleted_at', 'is', null).orderBy('title').orderBy('id'))
    .map(toTemplate);
}

export function saveTemplate(
  store: Store,
  input: { id?: string; programId: string; title: string; targetOffsetDays: number | null; milestones: TemplateMilestones },
): GoalTemplate {
  const program = store.first(store.q.selectFrom('programs').select('id').where('id', '=', input.programId).where('deleted_at', 'is', null));
  if (!program) throw new NotFoundError(`No program with id ${input.programId}`);
  const values = { title: input.title, target_offset_days: input.targetOffsetDays, milestones: JSON.stringify(input.milestones) };
  const id = store.transact((w) => {
    if (input.id === undefined) return w.insert('goal_templates', { program_id: input.programId, ...values });
    const existing = templateRow(store, input.id);
    if (existing.program_id !== input.programId) throw new UserError('This template belongs to another program');
    w.update('goal_templates', existing.id, values);
    return existing.id;
  });
  return toTemplate(templateRow(store, id));
}

export function removeTemplate(store: Store, id: string): { id: string } {
  templateRow(store, id);
  store.transact((w) => w.remove('goal_templates', id));
  return { id };
}

/** YYYY-MM-DD of the UTC day `days` after an instant. */
export function dateAfter(start: string, days: number): string {
  return new Date(Date.parse(start) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One goal for the mentee of every active pair of the cohort, its dates counted from that pair's start.
 * A pair that already has a live goal from this template is skipped, so applying twice adds nothing.
 * One transaction: a failure leaves no pair with the goal.
 */
export function applyTemplate(store: Store, templateId: string, cohortId: string, now: Date): { added: number; skipped: number } {
  const template = toTemplate(templateRow(store, templateId));
  const cohort = store.first(store.q.selectFrom('cohorts').select(['id', 'program_id', 'name', 'closed_at']).where('id', '=', cohortId).where('deleted_at', 'is', null));
  if (!cohort) throw new NotFoundError(`No cohort with id ${cohortId}`);
  if (cohort.program_id !== template.programId) throw new UserError(`"${template.title}" is a template of another program than ${cohort.name}'s`);
  if (cohort.closed_at !== null) throw new UserError(`${cohort.name} is closed`);
  const pairs = store.all(store.q.selectFrom('pairs').select(['id', 'started_at']).where('cohort_id', '=', cohortId).where('status', '=', 'active').where('deleted_at', 'is', null));
  if (pairs.length === 0) throw new UserError(`${cohort.name} has no active pairs to give the goal to`);
  const having = new Set(
    store.all(store.q.selectFrom('goals').select('pair_id').where('template_id', '=', templateId).where('cohort_id', '=', cohortId).where('deleted_at', 'is', null)).map((r) => r.pair_id),
  );
  return store.transact((w) => {
    let added = 0;
    for (const pair of pairs) {
      if (having.has(pair.id)) continue;
      insertGoal(
        w,
        {
          pairId: pair.id,
          cohortId,
          scope: 'mentee',
          title: template.title,
          targetDate: template.targetOffsetDays === null ? null : dateAfter(pair.started_at, template.targetOffsetDays),
          progress: null,
          templateId,
          milestones: template.milestones.map((m) => ({ title: m.title, targetDate: dateAfter(pair.started_at, m.offsetDays) })),
        },
        now,
      );
      added += 1;
    }
    return { added, skipped: pairs.length - added };
  });
}
