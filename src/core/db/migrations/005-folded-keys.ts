import { mergeFoldedDuplicates } from '../merge-duplicates';
import type { Migration } from './migration';

/**
 * Names compare one way everywhere (fold.ts): programs by folded name, cohorts by program and folded
 * name, people by program and folded email. SQLite's lower() folds only ASCII, so the keys are stored,
 * written by the writer with the column they fold, and enforced by unique indexes over live rows.
 *
 * The indexes are created while every key is still NULL (a unique index admits many NULLs); the data
 * step then merges the duplicates the old ASCII-only comparison let in (one program "Équipe" per
 * import…), tombstoning them, and fills in the keys. A merge the indexes would still refuse fails the
 * whole migration, which leaves the file as it was.
 */
export const migration: Migration = {
  version: 5,
  name: 'folded name and email keys; duplicates merged',
  sql: `
    ALTER TABLE programs ADD COLUMN name_key TEXT;
    ALTER TABLE cohorts ADD COLUMN name_key TEXT;
    ALTER TABLE people ADD COLUMN email_key TEXT;
    CREATE UNIQUE INDEX programs_name_key ON programs(name_key) WHERE deleted_at IS NULL;
    CREATE UNIQUE INDEX cohorts_program_name_key ON cohorts(program_id, name_key) WHERE deleted_at IS NULL;
    DROP INDEX people_program_email;
    CREATE UNIQUE INDEX people_program_email_key ON people(program_id, email_key) WHERE deleted_at IS NULL;
  `,
  data: ({ sqlite, writer }) => mergeFoldedDuplicates(sqlite, writer),
};
