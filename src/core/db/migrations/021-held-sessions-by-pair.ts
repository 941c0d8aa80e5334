import type { Migration } from './migration';

/**
 * Held sessions of a cohort grouped by pair, in start order: the per-pair held counts and last held start of
 * pair health and the reports (src/core/pairs/session-figures.ts) walk only the held ones, and the next planned
 * start only the planned ones. Through
 * migration 15's index, ordered by pair before status, the same pass stepped over every planned, cancelled and
 * missed session too: a year of 120,000 sessions took ~30 ms, this one ~20. Partial: tombstones never count.
 */
export const migration: Migration = {
  version: 21,
  name: 'held sessions by pair',
  sql: `
    CREATE INDEX sessions_held_by_pair ON sessions(cohort_id, status, pair_id, starts_at) WHERE deleted_at IS NULL;
  `,
};
