import type BetterSqlite3 from 'better-sqlite3';
import type { Writer } from '../writer';

/** What a migration's data step works with: the connection, and the change-recording writer on it. */
export interface MigrationContext {
  sqlite: BetterSqlite3.Database;
  writer: Writer;
}

/**
 * One schema migration: it brings `user_version` from `version - 1` to `version` and runs in one
 * transaction with the version bump (see open.ts): first `sql`, then `data` when there is one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rewrites data the SQL cannot (it needs JavaScript, e.g. Unicode case folding), through the
   * change-recording writer so that the change log records every value it writes.
   */
  data?: (context: MigrationContext) => void;
}
