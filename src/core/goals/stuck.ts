import type { Store } from '../db/store';

const DAY = 86_400_000;

/** Whole days (24-hour periods) from an instant to a later one; 0 when `to` is not later. */
export function daysSince(from: string, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - Date.parse(from)) / DAY));
}

/**
 * The stuck rule: an open goal is stuck once `stuckDays` whole days have passed without a progress
 * change (day 21 of 21 is stuck, day 20 and 23 hours is not). Reached and dropped goals never are.
 */
export function isStuck(goal: { status: string; progressChangedAt: string }, asOf: Date, stuckDays: number): boolean {
  return goal.status === 'open' && daysSince(goal.progressChangedAt, asOf) >= stuckDays;
}

/** A pair's goals in figures: what the pair overview, the mentor view and closing count. */
export interface GoalFigures {
  /** Goals not dropped. */
  total: number;
  reached: number;
  stuck: number;
  /** The goal stuck longest, for the health rule's words. */
  worstStuck: { id: string; title: string; days: number } | null;
}

export interface StuckGoal {
  id: string;
  pairId: string;
  title: string;
  days: number;
  progressChangedAt: string;
}

/** Every live goal of a cohort in figures, per pair, with one query (the Pairs page lists thousands of pairs). */
export function goalFiguresByPair(store: Store, cohortId: string, asOf: Date, stuckDays: number): { byPair: Map<string, GoalFigures>; stuck: StuckGoal[] } {
  const rows = store.all(
    store.q.selectFrom('goals').select(['id', 'pair_id', 'title', 'status', 'progress_changed_at']).where('cohort_id', '=', cohortId).where('deleted_at', 'is', null),
  );
  const byPair = new Map<string, GoalFigures>();
  const stuck: StuckGoal[] = [];
  for (const row of rows) {
    if (row.status === 'dropped') continue;
    let figures = byPair.get(row.pair_id);
    if (!figures) {
      figures = { total: 0, reached: 0, stuck: 0, worstStuck: null };
      byPair.set(row.pair_id, figures);
    }
    figures.total += 1;
    if (row.status === 'reached') figures.reached += 1;
    if (isStuck({ status: row.status, progressChangedAt: row.progress_changed_at }, asOf, stuckDays)) {
      const days = daysSince(row.progress_changed_at, asOf);
      figures.stuck += 1;
      if (!figures.worstStuck || days > figures.worstStuck.days) figures.worstStuck = { id: row.id, title: row.title, days };
      stuck.push({ id: row.id, pairId: row.pair_id, title: row.title, days, progressChangedAt: row.progress_changed_at });
    }
  }
  return { byPair, stuck };
}
