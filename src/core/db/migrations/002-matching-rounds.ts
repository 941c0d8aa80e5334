import type { Migration } from './migration';

/** Shipped: never edit this file, not even its whitespace (a test pins the SQL text). Add the next migration instead. */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 2,
  name: 'matching rounds',
  sql: `
      CREATE TABLE match_rounds (${tracked},
        cohort_id TEXT NOT NULL REFERENCES cohorts(id),
        name TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        settings TEXT NOT NULL,
        result TEXT NOT NULL,
        matched INTEGER NOT NULL,
        unmatched INTEGER NOT NULL,
        total_score REAL NOT NULL,
        optimal INTEGER NOT NULL,
        insights TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX match_rounds_cohort ON match_rounds(cohort_id);
    `,
};
