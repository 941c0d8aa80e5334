import type { Migration } from './migration';

/**
 * Check-in answers imported from a form's export: one row per answer, attached to the active pair the
 * respondent belonged to when it was imported, with the file line it came from. `last_met_on` (a date,
 * YYYY-MM-DD) counts as the pair's last contact in pair health.
 *
 * Reminder and nudge email templates the coordinator edits, per program; and the workspace's outgoing
 * mail server (one live row) — never its password, which stays with the app (Electron's safeStorage) or
 * is asked per send.
 */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 12,
  name: 'checkins',
  sql: `
      CREATE TABLE checkins (${tracked},
        pair_id TEXT NOT NULL REFERENCES pairs(id),
        cohort_id TEXT NOT NULL REFERENCES cohorts(id),
        respondent_member_id TEXT NOT NULL REFERENCES cohort_members(id),
        respondent_role TEXT NOT NULL CHECK (respondent_role IN ('mentor', 'mentee')),
        met INTEGER,
        times_met INTEGER,
        last_met_on TEXT,
        goal_progress TEXT,
        comments TEXT NOT NULL,
        submitted_at TEXT,
        file_name TEXT NOT NULL,
        file_line INTEGER NOT NULL
      );
      CREATE INDEX checkins_pair ON checkins(pair_id, last_met_on);
      CREATE INDEX checkins_cohort ON checkins(cohort_id);

      CREATE TABLE reminder_templates (${tracked},
        program_id TEXT NOT NULL REFERENCES programs(id),
        kind TEXT NOT NULL CHECK (kind IN ('reminder', 'nudge')),
        subject TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX reminder_templates_program ON reminder_templates(program_id, kind);

      CREATE TABLE mail_settings (${tracked},
        host TEXT,
        port INTEGER,
        secure INTEGER NOT NULL DEFAULT 0 CHECK (secure IN (0, 1)),
        username TEXT,
        from_address TEXT NOT NULL,
        from_name TEXT NOT NULL
      );
    `,
};
