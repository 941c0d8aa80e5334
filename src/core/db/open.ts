import { randomUUID } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  DamagedWorkspaceError,
  DatabaseTooNewError,
  describeOpenFailure,
  NeedsUpgradeError,
  NotAWorkspaceError,
  ReadOnlyWorkspaceError,
  WorkspaceNotFoundError,
} from './file-errors';
import { HybridLogicalClock } from './hlc';
import { MIGRATIONS, type Migration } from './migrations';
import { Store, type Sqlite } from './store';
import { Writer, type WriteTarget } from './writer';

export {
  CannotOpenWorkspaceError,
  DamagedWorkspaceError,
  DatabaseTooNewError,
  NeedsUpgradeError,
  NotAWorkspaceError,
  OpenedReadOnlyError,
  ReadOnlyWorkspaceError,
  WorkspaceBusyError,
  WorkspaceFileError,
  WorkspaceNotFoundError,
} from './file-errors';

/** The page size of a workspace file created from now on (see openWritable). */
export const NEW_FILE_PAGE_SIZE = 16384;

export interface OpenOptions {
  /** Where to put the pre-migration backup; default: beside the file. */
  backupPath?: (path: string, fromVersion: number) => string;
  /** The schema history; tests pass a longer one to exercise upgrades. */
  migrations?: readonly Migration[];
  /**
   * Open for reading only: never creates the file or its folder, never writes to it (no WAL switch, no
   * migration). A file that needs upgrading is refused (NeedsUpgradeError): the queries are written for
   * the latest schema.
   */
  readOnly?: boolean;
  /** Run `PRAGMA quick_check` before using the file (default true): a damaged file is refused, untouched. */
  quickCheck?: boolean;
}

/**
 * Opens a workspace database. Opening never changes a file it refuses: the file is first inspected
 * without writing (its header, then a read-only connection: version, integrity), and only then reopened
 * for writing, switched to WAL, backed up and migrated to the latest schema. A new file (and its folder)
 * is created only when opening for writing.
 */
export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (path === ':memory:') {
    if (options.readOnly) throw new Error('An in-memory database cannot be opened read-only');
    return openWritable(path, new BetterSqlite3(path), false, migrations, options);
  }
  try {
    const existed = existsSync(path);
    if (options.readOnly) {
      if (!existed) throw new WorkspaceNotFoundError(path, !existsSync(dirname(path)));
      const { connection, version } = inspect(path, latest, options.quickCheck ?? true, true);
      try {
        if (version === 0) throw NotAWorkspaceError.empty(path);
        if (version < latest) throw new NeedsUpgradeError(path, version, latest);
      } catch (error) {
        connection.close();
        throw error;
      }
      return finishOpen(connection, path, true);
    }
    let checked = false;
    if (existed) {
      try {
        inspect(path, latest, options.quickCheck ?? true, false).connection.close();
        checked = true;
      } catch (error) {
        // A WAL left by a crash may need recovering, which a read-only connection cannot do: check on the writable one.
        if (!/^SQLITE_READONLY_/.test(String((error as { code?: unknown }).code))) throw error;
      }
      assertWritable(path);
    } else {
      mkdirSync(dirname(path), { recursive: true });
    }
    const sqlite = new BetterSqlite3(path);
    return await openWritable(path, sqlite, existed, migrations, { ...options, quickCheck: !checked && existed && (options.quickCheck ?? true) });
  } catch (error) {
    throw describeOpenFailure(path, error);
  }
}

/** What a workspace file's first 100 bytes tell without SQLite opening it (so nothing, not even -wal/-shm, is created). */
function checkHeader(path: string, latest: number, readOnly: boolean): void {
  const size = statSync(path).size;
  if (size === 0) return; // SQLite treats an empty file as an empty database.
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 16 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') throw NotAWorkspaceError.notSqlite(path);
  if (read < 100) throw new DamagedWorkspaceError(path, `it is cut short: ${read} bytes`);
  // The header can be stale only while a -wal file holds newer pages; SQLite reads those below.
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return;
  const version = header.readUInt32BE(60);
  if (version > latest) throw new DatabaseTooNewError(path, version, latest);
  if (readOnly && version > 0 && version < latest) throw new NeedsUpgradeError(path, version, latest);
  // The page count is valid when its "valid-for" number matches the change counter (SQLite >= 3.7.0 keeps them so).
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  if (header.readUInt32BE(92) === header.readUInt32BE(24) && pages * pageSize > size) {
    throw new DamagedWorkspaceError(path, `it is cut short: ${size} of ${pages * pageSize} bytes`);
  }
}

/**
 * Checks an existing file through a read-only connection: an SQLite file, a Pairwise schema this app can
 * read, and undamaged. Returns the open read-only connection; nothing has been written.
 */
function inspect(path: string, latest: number, quickCheck: boolean, readOnly: boolean): { connection: Sqlite; version: number } {
  checkHeader(path, latest, readOnly);
  const sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return { connection: sqlite, version: checkContents(sqlite, path, latest, quickCheck) };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** A schema this app can read, Pairwise's (not another program's), undamaged; reads only. Returns the version. */
function checkContents(sqlite: Sqlite, path: string, latest: number, quickCheck: boolean): number {
  sqlite.pragma('busy_timeout = 5000');
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  if (version > latest) throw new DatabaseTooNewError(path, version, latest);
  if (version === 0 && (sqlite.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n > 0) {
    throw NotAWorkspaceError.foreign(path);
  }
  if (quickCheck) {
    const result = sqlite.pragma('quick_check(1)', { simple: true }) as string;
    if (result !== 'ok') {
      const found = result.replace(/\*\*\* in database \w+ \*\*\*/g, '').replace(/\s+/g, ' ').trim();
      throw new DamagedWorkspaceError(path, `SQLite's check found: ${found}`);
    }
  }
  return version;
}

/** Refuses, before anything is written, a file or folder this process may not write (-wal and -shm go beside the file). */
function assertWritable(path: string): void {
  for (const [target, what] of [
    [path, 'file'],
    [dirname(path), 'folder'],
  ] as const) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw new ReadOnlyWorkspaceError(path, what);
    }
  }
}

async function openWritable(
  path: string,
  sqlite: Sqlite,
  existed: boolean,
  migrations: readonly Migration[],
  options: OpenOptions,
): Promise<Store> {
  try {
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    // Read again before the first write: another program may have upgraded the file since the probe. When the
    // read-only probe could not run, this is the check (`quickCheck` is then on).
    const version = checkContents(sqlite, path, latest, options.quickCheck === true);

    // A new file gets 16 KB pages (SQLite's default is 4 KB). A cohort member's row with long answers is a few KB
    // and did not fit a 4 KB page: each spilled into overflow pages, and the import of the file at the cell limits
    // wrote ~54,000 pages (two WAL writes each) instead of ~13,600; its write took ~22 % less CPU with 16 KB pages
    // (32 KB was no faster, the sample export the same at any size). The size is fixed when the first page is
    // written, so only a file without pages takes it: existing workspaces keep theirs (WAL mode never changes it).
    if (sqlite.pragma('page_count', { simple: true }) === 0) sqlite.pragma(`page_size = ${NEW_FILE_PAGE_SIZE}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');

    if (existed && version > 0 && version < latest) {
      const target = options.backupPath?.(path, version) ?? `${path}.v${version}.${Date.now()}.backup`;
      await sqlite.backup(target);
    }
    migrate(sqlite, migrations, version);
    return finishOpen(sqlite, path, false);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function finishOpen(sqlite: Sqlite, path: string, readOnly: boolean): Store {
  try {
    const clientId = readOnly ? readClientId(sqlite) ?? 'read-only' : ensureClientId(sqlite);
    const clock = new HybridLogicalClock(clientId);
    const newest = sqlite.prepare('SELECT max(hlc) AS hlc FROM changes').get() as { hlc: string | null };
    if (newest.hlc) clock.observe(newest.hlc);
    return new Store(sqlite, clock, path, { readOnly });
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
      if (migration.data) {
        const writer = new Writer(migrationTarget(sqlite));
        migration.data({ sqlite, writer });
        writer.flush();
      }
      sqlite.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

/** A migration's data step writes through the change-recording writer, its clock past the newest change in the file. */
function migrationTarget(sqlite: Sqlite): WriteTarget {
  const clock = new HybridLogicalClock(ensureClientId(sqlite));
  const newest = sqlite.prepare('SELECT max(hlc) AS hlc FROM changes').get() as { hlc: string | null };
  if (newest.hlc) clock.observe(newest.hlc);
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    clock,
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
      return statement;
    },
  };
}

function readClientId(sqlite: Sqlite): string | undefined {
  const row = sqlite.prepare("SELECT value FROM meta WHERE key = 'client_id'").get() as { value: string } | undefined;
  return row?.value;
}

function ensureClientId(sqlite: Sqlite): string {
  const existing = readClientId(sqlite);
  if (existing) return existing;
  // Short but unique enough to tell this device's changes apart from a sync peer's.
  const clientId = randomUUID().replaceAll('-', '').slice(0, 16);
  sqlite.prepare("INSERT INTO meta (key, value) VALUES ('client_id', ?)").run(clientId);
  return clientId;
}
