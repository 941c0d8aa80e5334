import type { MethodOutput } from '../api/client';

export type Goal = MethodOutput<'goals.list'>['goals'][number];
export type GoalTemplate = MethodOutput<'goals.listTemplates'>[number];
export type GoalStatus = Goal['status'];

export const GOAL_STATUS_LABEL: Record<GoalStatus, string> = { open: 'Open', reached: 'Reached', dropped: 'Dropped' };
export const GOAL_STATUS_COLOR = { open: 'info', reached: 'success', dropped: 'default' } as const;
