import type { Migration } from './migration';

/** Shipped: never edit this file, not even its whitespace (a test pins the SQL text). Add the next migration instead. */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 1,
  name: 'programs, cohorts, people, members, change log',
  sql: `
      CREATE TABLE programs (${tracked},
        name TEXT NOT NULL,
        settings TEXT NOT NULL DEFAULT '{}',
        archived_at TEXT
      );
      CREATE TABLE cohorts (${tracked},
        program_id TEXT NOT NULL REFERENCES programs(id),
        name TEXT NOT NULL,
        start_date TEXT,
        archived_at TEXT
      );
      CREATE INDEX cohorts_program ON cohorts(program_id);
      CREATE TABLE people (${tracked},
        program_id TEXT NOT NULL REFERENCES programs(id),
        email TEXT NOT NULL,
        full_name TEXT NOT NULL
      );
      CREATE UNIQUE INDEX people_program_email ON people(program_id, email) WHERE deleted_at IS NULL;
      CREATE TABLE cohort_members (${tracked},
        cohort_id TEXT NOT NULL REFERENCES cohorts(id),
        person_id TEXT NOT NULL REFERENCES people(id),
        role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
        capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
        timezone TEXT,
        interests TEXT NOT NULL DEFAULT '[]',
        expertise TEXT NOT NULL DEFAULT '[]',
        languages TEXT NOT NULL DEFAULT '[]',
        goals TEXT NOT NULL DEFAULT '',
        bio TEXT NOT NULL DEFAULT '',
        department TEXT,
        team TEXT,
        manager_email TEXT,
        seniority_years REAL,
        availability TEXT NOT NULL DEFAULT '[]',
        approval TEXT NOT NULL DEFAULT 'pending' CHECK (approval IN ('pending', 'approved', 'rejected'))
      );
      CREATE UNIQUE INDEX members_cohort_person ON cohort_members(cohort_id, person_id) WHERE deleted_at IS NULL;
      CREATE TABLE changes (
        seq INTEGER PRIMARY KEY,
        hlc TEXT NOT NULL,
        client_id TEXT NOT NULL,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        col TEXT NOT NULL,
        value TEXT NOT NULL
      );
      CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
    `,
};
