/**
 * One schema migration: it brings `user_version` from `version - 1` to `version` and runs in one
 * transaction with the version bump (see open.ts).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
