import type { Migration } from './migration';

/**
 * Held (or planned) sessions of a cohort in start order, without reading the table: the reports' sessions
 * per week group a year of held sessions by day straight from it (src/core/reports/cohort-data.ts), and the
 * due list's sessions in the next 48 hours are a short range of it. Partial: tombstoned sessions never count.
 */
export const migration: Migration = {
  version: 20,
  name: 'held sessions by start',
  sql: `
    CREATE INDEX sessions_held_by_start ON sessions(cohort_id, status, starts_at) WHERE deleted_at IS NULL;
  `,
};
