import type { Migration } from './migration';

/**
 * Erasing a person (people.erase) deletes their rows and blanks the values of the change rows that
 * described them: `erased_at` marks those change rows, so a replay skips them (the rows cannot come
 * back) and a later sync can tell peers what to erase. The partial index finds erased rows by id (which
 * ids in a saved run belonged to someone erased) without indexing the rest of the log.
 */
export const migration: Migration = {
  version: 6,
  name: 'erased change rows',
  sql: `
    ALTER TABLE changes ADD COLUMN erased_at TEXT;
    CREATE INDEX changes_erased ON changes(tbl, row_id) WHERE erased_at IS NOT NULL;
  `,
};
