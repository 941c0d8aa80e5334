import type { Migration } from './migration';

/**
 * Optional sync (src/core/sync). One index finds a change row by (table, row, column) and HLC: applying
 * a peer's change asks "do I have this change already?" and "what is the newest change of this field?",
 * both answered from the index instead of scanning a log that grows past a million rows.
 *
 * sync_conflicts is tracked (it syncs like any table): what a merge of two coordinators' work had to
 * decide for them (two publications for one cohort, a mentor filled past capacity), kept for a human to
 * review. Its id is derived from what it is about, so replicas that detect the same conflict write the
 * same row and it converges to one.
 */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 13,
  name: 'sync: change lookup index, conflicts',
  sql: `
      CREATE INDEX changes_field ON changes(tbl, row_id, col, hlc);
      CREATE TABLE sync_conflicts (${tracked},
        kind TEXT NOT NULL CHECK (kind IN ('publication', 'capacity')),
        cohort_id TEXT NOT NULL REFERENCES cohorts(id),
        subject_id TEXT NOT NULL,
        pair_ids TEXT NOT NULL DEFAULT '[]',
        detail TEXT NOT NULL,
        detected_at TEXT NOT NULL,
        reviewed_at TEXT
      );
      CREATE INDEX sync_conflicts_cohort ON sync_conflicts(cohort_id);
    `,
};
