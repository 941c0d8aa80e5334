import type { Migration } from './migration';

/**
 * The summary figures of each progress report made, so the next report can say what changed since
 * the last one. One row per report (kept as history, a tombstone deletes); `figures` is JSON.
 */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 9,
  name: 'report snapshots',
  sql: `
      CREATE TABLE report_snapshots (${tracked},
        cohort_id TEXT NOT NULL REFERENCES cohorts(id),
        made_at TEXT NOT NULL,
        period_from TEXT,
        period_to TEXT,
        figures TEXT NOT NULL
      );
      CREATE INDEX report_snapshots_cohort ON report_snapshots(cohort_id, made_at);
    `,
};
