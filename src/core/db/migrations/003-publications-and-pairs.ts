import type { Migration } from './migration';

/** Shipped: never edit this file, not even its whitespace (a test pins the SQL text). Add the next migration instead. */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 3,
  name: 'publications and pairs',
  sql: `
      CREATE TABLE publications (${tracked},
        cohort_id TEXT NOT NULL REFERENCES cohorts(id),
        round_id TEXT NOT NULL REFERENCES match_rounds(id),
        published_at TEXT NOT NULL,
        pair_count INTEGER NOT NULL
      );
      CREATE INDEX publications_cohort ON publications(cohort_id);
      CREATE TABLE pairs (${tracked},
        cohort_id TEXT NOT NULL REFERENCES cohorts(id),
        mentee_id TEXT NOT NULL REFERENCES cohort_members(id),
        mentor_id TEXT NOT NULL REFERENCES cohort_members(id),
        publication_id TEXT NOT NULL REFERENCES publications(id),
        status TEXT NOT NULL CHECK (status IN ('active', 'ended', 'dissolved')),
        score REAL NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT
      );
      CREATE INDEX pairs_cohort ON pairs(cohort_id, status);
    `,
};
