import type { Migration } from './migration';

/**
 * A covering index for the goal figures of pair health (goals total, reached, stuck per pair), so SQLite
 * counts them from the index alone; the stuck rule compares progress_changed_at. Partial: tombstoned
 * goals never count.
 */
export const migration: Migration = {
  version: 16,
  name: 'goal figures index',
  sql: `
    CREATE INDEX goals_pair_figures ON goals(cohort_id, pair_id, status, progress_changed_at) WHERE deleted_at IS NULL;
  `,
};
