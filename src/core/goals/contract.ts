import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';
import { safeName } from '../domain/program';

export const GoalStatus = z.enum(['open', 'reached', 'dropped']);
export type GoalStatus = z.infer<typeof GoalStatus>;
/** Whose goal it is: the mentee's own, or one the pair shares. */
export const GoalScope = z.enum(['mentee', 'pair']);
export type GoalScope = z.infer<typeof GoalScope>;

const Title = z.string().trim().min(1, 'Title is required').max(200, 'Title is longer than 200 characters').superRefine(safeName);
export const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Not a calendar date');
const Progress = z.number().int('Progress is a whole number').min(0, 'Progress is at least 0').max(100, 'Progress is at most 100');
const Asof = z.iso.datetime({ offset: true }).optional();

export const Milestone = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  targetDate: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
});
export type Milestone = z.infer<typeof Milestone>;

const Who = z.object({ memberId: z.string(), name: z.string() });

export const Goal = z.object({
  id: z.string(),
  pairId: z.string(),
  cohortId: z.string(),
  scope: GoalScope,
  title: z.string(),
  targetDate: z.string().nullable(),
  /** 0–100: the coordinator's figure, or the share of milestones done when none was set; 100 once reached. */
  progress: z.number().int(),
  /** The figure the coordinator set; null when progress follows the milestones. */
  progressSet: z.number().int().nullable(),
  status: GoalStatus,
  /** The last change of progress (a figure, a milestone done or undone, reached), or the goal's creation. */
  progressChangedAt: z.string(),
  /** Whole days from progressChangedAt to asOf. */
  daysWithoutProgress: z.number().int(),
  /** Open and without a progress change for the program's goalStuckDays or more. */
  stuck: z.boolean(),
  templateId: z.string().nullable(),
  mentee: Who,
  mentor: Who,
  milestones: z.array(Milestone),
});
export type Goal = z.infer<typeof Goal>;

const NewMilestone = z.object({ title: Title, targetDate: DateOnly.nullable().default(null), done: z.boolean().default(false) });

export const TemplateMilestone = z.object({
  title: Title,
  offsetDays: z.number().int('Days are a whole number').min(0, 'A milestone is at the start or after it').max(1000, 'At most 1,000 days after the start'),
});
export const GoalTemplate = z.object({
  id: z.string(),
  programId: z.string(),
  title: z.string(),
  /** The goal's target date: this many days after the pair's start; null: none. */
  targetOffsetDays: z.number().int().nullable(),
  milestones: z.array(z.object({ title: z.string(), offsetDays: z.number().int() })),
});
export type GoalTemplate = z.infer<typeof GoalTemplate>;

export const goalsContract = defineContract({
  /** A pair's goals or a cohort's (active pairs and closed ones), with progress and whether each is stuck as of asOf. */
  'goals.list': {
    input: z
      .object({
        pairId: Id.optional(),
        cohortId: Id.optional(),
        asOf: Asof,
        /** Only goals of this status, only stuck ones: `counts.matching` says how many over all pages. */
        status: GoalStatus.optional(),
        stuckOnly: z.boolean().optional(),
        /** One page of the (filtered) goals, as the Goals page shows them; all of them without it. */
        page: z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }).optional(),
      })
      .refine((v) => (v.pairId === undefined) !== (v.cohortId === undefined), 'Give either pairId or cohortId'),
    output: z.object({
      asOf: z.string(),
      stuckDays: z.number().int(),
      goals: z.array(Goal),
      counts: z.object({ all: z.number().int(), reached: z.number().int(), stuck: z.number().int(), matching: z.number().int() }),
    }),
  },
  'goals.add': {
    input: z.object({
      pairId: Id,
      scope: GoalScope.default('mentee'),
      title: Title,
      targetDate: DateOnly.nullable().default(null),
      progress: Progress.nullable().default(null),
      milestones: z.array(NewMilestone).max(50, 'At most 50 milestones').default([]),
    }),
    output: Goal,
  },
  /** Changes a goal; progress null goes back to following the milestones. */
  'goals.update': {
    input: z.object({ id: Id, scope: GoalScope.optional(), title: Title.optional(), targetDate: DateOnly.nullable().optional(), progress: Progress.nullable().optional(), status: GoalStatus.optional() }),
    output: Goal,
  },
  /** Removes a goal and its milestones (tombstones). */
  'goals.remove': { input: z.object({ id: Id }), output: z.object({ id: z.string() }) },
  'goals.addMilestone': { input: NewMilestone.extend({ goalId: Id }), output: Goal },
  'goals.updateMilestone': {
    input: z.object({ id: Id, title: Title.optional(), targetDate: DateOnly.nullable().optional(), done: z.boolean().optional() }),
    output: Goal,
  },
  'goals.removeMilestone': { input: z.object({ id: Id }), output: Goal },
  'goals.listTemplates': { input: z.object({ programId: Id }), output: z.array(GoalTemplate) },
  /** Creates a template (no id) or replaces one's title, target and milestones. */
  'goals.saveTemplate': {
    input: z.object({
      id: Id.optional(),
      programId: Id,
      title: Title,
      targetOffsetDays: z.number().int().min(0).max(1000).nullable().default(null),
      milestones: z.array(TemplateMilestone).max(50, 'At most 50 milestones').default([]),
    }),
    output: GoalTemplate,
  },
  'goals.removeTemplate': { input: z.object({ id: Id }), output: z.object({ id: z.string() }) },
  /**
   * One goal from the template for the mentee of every active pair of the cohort, dates counted from each
   * pair's start; pairs that already have a goal from it are skipped. All or nothing.
   */
  'goals.applyTemplate': {
    input: z.object({ templateId: Id, cohortId: Id }),
    output: z.object({ added: z.number().int(), skipped: z.number().int() }),
  },
});
