import type { Migration } from './migration';

/**
 * Whether both people of a pair agreed to be named in progress reports (the "best-rated pairs" highlight
 * names only such pairs). 0 until the coordinator records their consent.
 */
export const migration: Migration = {
  version: 18,
  name: 'pair report consent',
  sql: `
    ALTER TABLE pairs ADD COLUMN named_in_reports INTEGER NOT NULL DEFAULT 0 CHECK (named_in_reports IN (0, 1));
  `,
};
