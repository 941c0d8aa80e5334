import type { Migration } from './migration';

/**
 * A pair's own expected cadence of sessions, in days; NULL means the program's default
 * (ProgramSettings.sessionCadenceDays), so changing the default moves every pair that has not been set.
 */
export const migration: Migration = {
  version: 8,
  name: 'pair cadence',
  sql: `
    ALTER TABLE pairs ADD COLUMN cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days BETWEEN 1 AND 365);
  `,
};
