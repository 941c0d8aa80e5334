import type { Migration } from './migration';

/**
 * Sessions of a published pair: when they meet (one UTC instant, and whose local time the coordinator
 * typed it in), for how long, how, and what became of it. Deletes are tombstones like every tracked row.
 */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 7,
  name: 'sessions',
  sql: `
      CREATE TABLE sessions (${tracked},
        pair_id TEXT NOT NULL REFERENCES pairs(id),
        cohort_id TEXT NOT NULL REFERENCES cohorts(id),
        starts_at TEXT NOT NULL,
        entered_in TEXT NOT NULL CHECK (entered_in IN ('mentor', 'mentee')),
        duration_minutes INTEGER NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('video', 'in-person', 'phone')),
        status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled', 'no-show')),
        notes TEXT NOT NULL,
        topics TEXT NOT NULL
      );
      CREATE INDEX sessions_pair ON sessions(pair_id, starts_at);
      CREATE INDEX sessions_cohort ON sessions(cohort_id, starts_at);
    `,
};
