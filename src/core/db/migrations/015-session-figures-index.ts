import type { Migration } from './migration';

/**
 * A covering index for pair health: each pair's held count, last held and next planned start are
 * counted by SQLite from this index alone (pairs.overview on a year of 120,000 sessions: ~700 ms of
 * table lookups and grouping without it, ~30 ms with it). Partial: tombstoned sessions never count.
 */
export const migration: Migration = {
  version: 15,
  name: 'session figures index',
  sql: `
    CREATE INDEX sessions_pair_figures ON sessions(cohort_id, pair_id, status, starts_at) WHERE deleted_at IS NULL;
  `,
};
