import type { Migration } from './migration';

/**
 * Goals and milestones of published pairs, the program's goal templates, and closing: a pair's outcome
 * and reason, a cohort's closing time and the summary kept when it closed. Deletes are tombstones.
 */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 10,
  name: 'goals and closing',
  sql: `
      CREATE TABLE goal_templates (${tracked},
        program_id TEXT NOT NULL REFERENCES programs(id),
        title TEXT NOT NULL,
        target_offset_days INTEGER,
        milestones TEXT NOT NULL
      );
      CREATE INDEX goal_templates_program ON goal_templates(program_id);
      CREATE TABLE goals (${tracked},
        pair_id TEXT NOT NULL REFERENCES pairs(id),
        cohort_id TEXT NOT NULL REFERENCES cohorts(id),
        scope TEXT NOT NULL CHECK (scope IN ('mentee', 'pair')),
        title TEXT NOT NULL,
        target_date TEXT,
        progress INTEGER CHECK (progress IS NULL OR progress BETWEEN 0 AND 100),
        status TEXT NOT NULL CHECK (status IN ('open', 'reached', 'dropped')),
        progress_changed_at TEXT NOT NULL,
        template_id TEXT REFERENCES goal_templates(id)
      );
      CREATE INDEX goals_pair ON goals(pair_id);
      CREATE INDEX goals_cohort ON goals(cohort_id);
      CREATE TABLE goal_milestones (${tracked},
        goal_id TEXT NOT NULL REFERENCES goals(id),
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        target_date TEXT,
        done INTEGER NOT NULL CHECK (done IN (0, 1)),
        done_at TEXT
      );
      CREATE INDEX goal_milestones_goal ON goal_milestones(goal_id, position);
      ALTER TABLE pairs ADD COLUMN close_outcome TEXT CHECK (close_outcome IS NULL OR close_outcome IN ('completed', 'ended-early'));
      ALTER TABLE pairs ADD COLUMN close_reason TEXT;
      ALTER TABLE cohorts ADD COLUMN closed_at TEXT;
      ALTER TABLE cohorts ADD COLUMN summary TEXT;
    `,
};
