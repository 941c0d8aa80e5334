/**
 * Numbered schema migrations. Migration N brings `user_version` from N-1 to N and runs in one
 * transaction with the version bump. Never edit a shipped migration: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const MIGRATIONS: readonly Migration[] = [
  {
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
  },
  {
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
  },
  {
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
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
