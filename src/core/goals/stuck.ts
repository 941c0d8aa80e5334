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
 * The stuck rule as SQL over progress_changed_at: `changed <= asOf - stuckDays days`, exactly. Stamps are
 * stored either with milliseconds ("…:05.123Z", 24 characters) or without ("…:05Z", 20): each form is compared
 * as text with the bound written in the same form (to the whole second, rounded down, for the second).
 */
function stuckBound(asOf: Date, stuckDays: number): { withMs: string; noMs: string } {
  const bound = asOf.getTime() - stuckDays * DAY;
  return { withMs: new Date(bound).toISOString(), noMs: new Date(Math.floor(bound / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}
const STUCK_SQL = `status = 'open' AND ((length(progress_changed_at) = 24 AND progress_changed_at <= @withMs) OR (length(progress_changed_at) = 20 AND progress_changed_at <= @noMs))`;

/**
 * Every live goal of a cohort in figures, per pair, counted by SQLite in one grouped pass over the covering
 * index of migration 16: totals, reached, stuck, and the goal stuck longest (the earliest progress change of
 * the stuck ones; SQLite gives the bare title of the row its MIN() chose). Reading the stuck goals as rows
 * (nearly 10,000 of a year's 15,000 goals) cost about twice as much; the due list, which names each stuck
 * goal, reads them with stuckGoals.
 */
export function goalFiguresByPair(store: Store, cohortId: string, asOf: Date, stuckDays: number, options: { titles?: boolean } = {}): { byPair: Map<string, GoalFigures> } {
  // Without titles (the dashboard's health counts, which show no rule words) SQLite counts from the index alone;
  // the title of the goal stuck longest is a table read per goal.
  const titles = options.titles ?? true;
  const rows = store
    .prepare(
      `SELECT pair_id, SUM(status != 'dropped') AS total, SUM(status = 'reached') AS reached, SUM(${STUCK_SQL}) AS stuck,
         MIN(CASE WHEN ${STUCK_SQL} THEN progress_changed_at END) AS worst_at${titles ? ', id AS worst_id, title AS worst_title' : ", '' AS worst_id, '' AS worst_title"}
       FROM goals WHERE cohort_id = @cohortId AND deleted_at IS NULL GROUP BY pair_id`,
    )
    .all({ cohortId, ...stuckBound(asOf, stuckDays) }) as { pair_id: string; total: number; reached: number; stuck: number; worst_at: string | null; worst_id: string; worst_title: string }[];
  const byPair = new Map<string, GoalFigures>();
  for (const r of rows) {
    byPair.set(r.pair_id, {
      total: r.total,
      reached: r.reached,
      stuck: r.stuck,
      worstStuck: r.worst_at === null ? null : { id: r.worst_id, title: r.worst_title, days: daysSince(r.worst_at, asOf) },
    });
  }
  return { byPair };
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
