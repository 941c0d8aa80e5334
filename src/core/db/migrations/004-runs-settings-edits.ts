import type { Migration } from './migration';

/** Shipped once released: from then on never edit this file, not even its whitespace (a test pins the SQL text). */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

/**
 * A matching run is a "run" everywhere now, table and column included. The change log is rewritten to the
 * new names in the same transaction, so that replaying it (and later, syncing it) still rebuilds every
 * table. Renaming match_rounds also rewrites the REFERENCES in publications (SQLite >= 3.26 does that).
 *
 * A cohort's matching settings (JSON; NULL means the defaults) and the coordinator's edits (lock, forbid,
 * capacity, reset; in order, undoable) move from the renderer into the workspace file.
 */
export const migration: Migration = {
  version: 4,
  name: 'one word for a matching run; matching settings and edits in the workspace',
  sql: `
    ALTER TABLE match_rounds RENAME TO match_runs;
    DROP INDEX match_rounds_cohort;
    CREATE INDEX match_runs_cohort ON match_runs(cohort_id);
    ALTER TABLE publications RENAME COLUMN round_id TO run_id;
    UPDATE changes SET tbl = 'match_runs' WHERE tbl = 'match_rounds';
    UPDATE changes SET col = 'run_id' WHERE tbl = 'publications' AND col = 'round_id';

    ALTER TABLE cohorts ADD COLUMN matching_settings TEXT;
    CREATE TABLE matching_edits (${tracked},
      cohort_id TEXT NOT NULL REFERENCES cohorts(id),
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('lock', 'forbid', 'capacity', 'reset')),
      mentee_id TEXT,
      mentor_id TEXT,
      capacity INTEGER,
      payload TEXT,
      undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
    );
    CREATE INDEX matching_edits_cohort ON matching_edits(cohort_id, position);
  `,
};
