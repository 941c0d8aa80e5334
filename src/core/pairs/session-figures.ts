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
 * Every pair's session figures of a cohort, counted by SQLite in one grouped pass. Reading the
 * cohort's sessions into JavaScript and grouping them there cost about ten times as much on a year of
 * a large program (120,000 sessions: a row object each); the covering index of migration 15 serves it.
 * `asOfIso` is compared as stored text, like the starts; `fromIso` (stored form too) starts a report's period.
 * A pair without sessions is absent; without `nextPlanned`, so is a pair without a held session up to asOf
 * (its figures would be all zero and null, which is what an absent pair means to every caller).
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
  if (!nextPlanned) {
    // The reports: only held sessions up to asOf count, and migration 21's index holds them together, pair by
    // pair, so no row evaluates a CASE (a year's 120,000 sessions: ~30 ms -> ~20). The columns are named as
    // SessionFigures' fields: each row is a pair's figures as it comes, not copied into another object.
    const rows = store
      .prepare(
        `SELECT pair_id, COUNT(*) AS held, ${fromIso === '' ? 'COUNT(*)' : 'SUM(starts_at >= @from)'} AS heldFrom, MAX(starts_at) AS lastHeld, NULL AS nextPlanned
         FROM sessions INDEXED BY sessions_held_by_pair
         WHERE cohort_id = @cohortId AND deleted_at IS NULL AND status = 'held' AND starts_at <= @asOf GROUP BY pair_id`,
      )
      .all(params) as (SessionFigures & { pair_id: string })[];
    for (const r of rows) out.set(r.pair_id, r);
    return out;
  }
  // Each CASE costs on every one of a year's sessions: the period's count only with a period.
  const rows = store
    .prepare(
      `SELECT pair_id,
         SUM(CASE WHEN status = 'held' AND starts_at <= @asOf THEN 1 ELSE 0 END) AS held,
         ${fromIso === '' ? 'NULL' : `SUM(CASE WHEN status = 'held' AND starts_at <= @asOf AND starts_at >= @from THEN 1 ELSE 0 END)`} AS held_from,
         MAX(CASE WHEN status = 'held' AND starts_at <= @asOf THEN starts_at END) AS last_held,
         MIN(CASE WHEN status = 'planned' AND starts_at > @asOf THEN starts_at END) AS next_planned
       FROM sessions WHERE cohort_id = @cohortId AND deleted_at IS NULL GROUP BY pair_id`,
    )
    .all(params) as { pair_id: string; held: number; held_from: number | null; last_held: string | null; next_planned: string | null }[];
  for (const r of rows) out.set(r.pair_id, { held: r.held, lastHeld: r.last_held, nextPlanned: r.next_planned, heldFrom: r.held_from ?? r.held });
  return out;
}
