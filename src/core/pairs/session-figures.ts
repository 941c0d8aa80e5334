import type { Store } from '../db/store';

/** One pair's sessions in figures as of an instant: what the health rule needs. */
export interface SessionFigures {
  /** Held sessions starting up to asOf. */
  held: number;
  /** Start of the latest of those. */
  lastHeld: string | null;
  /** Start of the first planned session after asOf (null when not asked for). */
  nextPlanned: string | null;
  /** Held sessions starting from `fromIso` up to asOf (a report's period); equal to `held` without a period. */
  heldFrom: number;
}

/**
 * An instant as session starts are stored: to the second, without milliseconds ("…T09:00:00Z"). Starts are
 * compared as strings, and "…00.000Z" sorts before "…00Z": a session starting exactly at asOf would look ahead.
 */
export const storedInstant = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Every pair's session figures of a cohort, counted by SQLite in grouped passes over migration 21's index
 * (held sessions, then planned ones when asked). Reading the cohort's sessions into JavaScript and grouping
 * them there cost about ten times as much on a year of a large program (120,000 sessions: a row object each).
 * `asOfIso` is compared as stored text, like the starts; `fromIso` (stored form too) starts a report's period.
 * A pair with neither a held session up to asOf nor (when asked) a planned one after it is absent: its figures
 * would be all zero and null, which is what an absent pair means to every caller.
 */
export function sessionFiguresByPair(
  store: Store,
  cohortId: string,
  asOfIso: string,
  options: { fromIso?: string; nextPlanned?: boolean } = {},
): Map<string, SessionFigures> {
  const fromIso = options.fromIso ?? '';
  const nextPlanned = options.nextPlanned ?? true;
  const params = { asOf: asOfIso, cohortId, ...(fromIso === '' ? {} : { from: fromIso }) };
  const out = new Map<string, SessionFigures>();
  // Only held sessions up to asOf count, and migration 21's index holds them together, pair by pair, so no row
  // evaluates a CASE (a year's 120,000 sessions: ~30 ms -> ~20). The columns are named as SessionFigures'
  // fields: each row is a pair's figures as it comes, not copied into another object.
  const held = store
    .prepare(
      `SELECT pair_id, COUNT(*) AS held, ${fromIso === '' ? 'COUNT(*)' : 'SUM(starts_at >= @from)'} AS heldFrom, MAX(starts_at) AS lastHeld, NULL AS nextPlanned
       FROM sessions INDEXED BY sessions_held_by_pair
       WHERE cohort_id = @cohortId AND deleted_at IS NULL AND status = 'held' AND starts_at <= @asOf GROUP BY pair_id`,
    )
    .all(params) as (SessionFigures & { pair_id: string })[];
  for (const r of held) out.set(r.pair_id, r);
  if (!nextPlanned) return out;
  // The next planned start, for the Pairs page: the planned sessions after asOf, from the same index.
  const planned = store
    .prepare(
      `SELECT pair_id, MIN(starts_at) AS next FROM sessions INDEXED BY sessions_held_by_pair
       WHERE cohort_id = @cohortId AND deleted_at IS NULL AND status = 'planned' AND starts_at > @asOf GROUP BY pair_id`,
    )
    .all({ asOf: asOfIso, cohortId }) as { pair_id: string; next: string }[];
  for (const r of planned) {
    const figures = out.get(r.pair_id);
    if (figures) figures.nextPlanned = r.next;
    else out.set(r.pair_id, { held: 0, lastHeld: null, nextPlanned: r.next, heldFrom: 0 });
  }
  return out;
}
