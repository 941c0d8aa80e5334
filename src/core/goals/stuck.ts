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

/**
 * Every live goal of a cohort in figures, per pair: SQLite counts them from the covering index of
 * migration 16, and only the stuck goals are read as rows (for the health rule's words). Reading all
 * 15,000 goals of a year of a large program as rows cost several times as much.
 */
export function goalFiguresByPair(store: Store, cohortId: string, asOf: Date, stuckDays: number): { byPair: Map<string, GoalFigures>; stuck: StuckGoal[] } {
  const counts = store
    .prepare(
      `SELECT pair_id, SUM(status != 'dropped') AS total, SUM(status = 'reached') AS reached
       FROM goals WHERE cohort_id = @cohortId AND deleted_at IS NULL GROUP BY pair_id`,
    )
    .all({ cohortId }) as { pair_id: string; total: number; reached: number }[];
  const byPair = new Map<string, GoalFigures>(counts.map((r) => [r.pair_id, { total: r.total, reached: r.reached, stuck: 0, worstStuck: null }]));
  const stuck = stuckGoals(store, cohortId, asOf, stuckDays);
  for (const goal of stuck) {
    const figures = byPair.get(goal.pairId);
    if (!figures) continue;
    figures.stuck += 1;
    if (!figures.worstStuck || goal.days > figures.worstStuck.days) figures.worstStuck = { id: goal.id, title: goal.title, days: goal.days };
  }
  return { byPair, stuck };
}

/**
 * Only the stuck goals of a cohort (the due list): SQLite keeps the open goals whose last progress change
 * is at least `stuckDays` whole days before asOf, so the other goals never become row objects.
 */
export function stuckGoals(store: Store, cohortId: string, asOf: Date, stuckDays: number): StuckGoal[] {
  // daysSince(changed, asOf) >= stuckDays  <=>  changed <= asOf - stuckDays days. SQLite narrows with a
  // second to spare (a stored "…00Z" sorts after "…00.000Z"); isStuck below decides exactly.
  const latest = new Date(asOf.getTime() - stuckDays * DAY + 1000).toISOString();
  return store
    .all(
      store.q
        .selectFrom('goals')
        .select(['id', 'pair_id', 'title', 'progress_changed_at'])
        .where('cohort_id', '=', cohortId)
        .where('deleted_at', 'is', null)
        .where('status', '=', 'open')
        .where('progress_changed_at', '<=', latest),
    )
    .filter((row) => isStuck({ status: 'open', progressChangedAt: row.progress_changed_at }, asOf, stuckDays))
    .map((row) => ({ id: row.id, pairId: row.pair_id, title: row.title, days: daysSince(row.progress_changed_at, asOf), progressChangedAt: row.progress_changed_at }));
}
