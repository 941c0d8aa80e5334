import type { Migration } from './migration';

/**
 * What reminder and nudge emails went out (or were saved as .eml files), so that sending again does not
 * send the same email twice: a session's reminder once, a pair's nudge at most once per cadence. Only the
 * occasion's key, the pair, how and when: no addresses or text (they are derived again from the pair, and
 * an erased person's pairs take these rows with them).
 */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 17,
  name: 'reminders sent',
  sql: `
      CREATE TABLE reminders_sent (${tracked},
        cohort_id TEXT NOT NULL REFERENCES cohorts(id),
        pair_id TEXT NOT NULL REFERENCES pairs(id),
        key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('reminder', 'nudge')),
        via TEXT NOT NULL CHECK (via IN ('smtp', 'eml')),
        sent_at TEXT NOT NULL
      );
      CREATE INDEX reminders_sent_cohort ON reminders_sent(cohort_id, key, sent_at);
      CREATE INDEX reminders_sent_pair ON reminders_sent(pair_id);
    `,
};
