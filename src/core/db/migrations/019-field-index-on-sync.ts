import type { Migration } from './migration';

/**
 * The change log's field index (migration 13) is for sync only: applying a peer's change looks up the
 * newest change of that field. Kept on every workspace it cost every local write an insert at a random
 * place in a four-column index: about 1 s of CPU in a 10,000-person import (240,000 change rows), 40 % of
 * its write time. Most workspaces never sync, so the index is dropped here and sync creates it the first
 * time a workspace syncs (src/core/sync/local.ts ensureFieldIndex).
 */
export const migration: Migration = {
  version: 19,
  name: 'field index only when syncing',
  sql: `
    DROP INDEX IF EXISTS changes_field;
  `,
};
