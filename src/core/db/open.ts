import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { HybridLogicalClock } from './hlc';
import { MIGRATIONS, type Migration } from './migrations';
import { Store, type Sqlite } from './store';

export class DatabaseTooNewError extends Error {
  constructor(path: string, fileVersion: number, knownVersion: number) {
    super(
      `The database ${path} was written by a newer version of Pairwise (schema ${fileVersion}; this app knows up to ${knownVersion}). ` +
        'Update Pairwise to open it; the file was not changed.',
    );
  }
}

export interface OpenOptions {
  /** Where to put the pre-migration backup; default: beside the file. */
  backupPath?: (path: string, fromVersion: number) => string;
  /** The schema history; tests pass a longer one to exercise upgrades. */
  migrations?: readonly Migration[];
}

/** Opens (creating if needed) a workspace database, backing it up and migrating it to the latest schema. */
export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const existed = path !== ':memory:' && existsSync(path);
  const sqlite = new BetterSqlite3(path);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');

    const migrations = options.migrations ?? MIGRATIONS;
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (version > latest) throw new DatabaseTooNewError(path, version, latest);
    if (existed && version > 0 && version < latest) {
      const target = options.backupPath?.(path, version) ?? `${path}.v${version}.${Date.now()}.backup`;
      await sqlite.backup(target);
    }
    migrate(sqlite, migrations, version);

    const clientId = ensureClientId(sqlite);
    const clock = new HybridLogicalClock(clientId);
    const newest = sqlite.prepare('SELECT max(hlc) AS hlc FROM changes').get() as { hlc: string | null };
    if (newest.hlc) clock.observe(newest.hlc);
    return new Store(sqlite, clock, path);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function migrate(sqlite: Sqlite, migrations: readonly Migration[], fromVersion: number): void {
  for (const migration of migrations) {
    if (migration.version <= fromVersion) continue;
    sqlite.transaction(() => {
      sqlite.exec(migration.sql);
      sqlite.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

function ensureClientId(sqlite: Sqlite): string {
  const row = sqlite.prepare("SELECT value FROM meta WHERE key = 'client_id'").get() as { value: string } | undefined;
  if (row) return row.value;
  // Short but unique enough to tell this device's changes apart from a sync peer's.
  const clientId = randomUUID().replaceAll('-', '').slice(0, 16);
  sqlite.prepare("INSERT INTO meta (key, value) VALUES ('client_id', ?)").run(clientId);
  return clientId;
}
