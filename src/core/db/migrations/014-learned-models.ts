import type { Migration } from './migration';

/**
 * Match scores learned from a program's own pair ratings (src/core/learning): one row per training, the
 * latest being the one runs use. A run records the model's id and version in its settings, so an old run
 * still says which score made it after the model is retrained. No person appears here: only criterion
 * coefficients and the held-out evaluation's figures.
 */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 14,
  name: 'learned models',
  sql: `
      CREATE TABLE learned_models (${tracked},
        program_id TEXT NOT NULL REFERENCES programs(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        trained_at TEXT NOT NULL,
        intercept REAL NOT NULL,
        coefficients TEXT NOT NULL,
        evaluation TEXT NOT NULL,
        summary TEXT NOT NULL,
        pairs INTEGER NOT NULL,
        cohorts INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX learned_models_version ON learned_models(program_id, version);
    `,
};
