import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../src/core/db/migrations';
import {
  DamagedWorkspaceError,
  DatabaseTooNewError,
  NeedsUpgradeError,
  NotAWorkspaceError,
  OpenedReadOnlyError,
  NEW_FILE_PAGE_SIZE,
  openStore,
  ReadOnlyWorkspaceError,
  WorkspaceNotFoundError,
} from '../../src/core/db/open';
import { cli } from './cli-run';
import { tempDir } from './temp';

const SAMPLE = join(__dirname, '../../resources/sample-cohort.csv');

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** The file's bytes and what lies beside it: what "not changed" means for a refused file. */
const snapshot = (path: string) => ({ hash: sha256(path), folder: readdirSync(dirname(path)).sort() });

/** A real workspace with the sample cohort imported, closed (so its WAL is checkpointed into the file). */
async function realWorkspace(dir: string, name = 'workspace.sqlite'): Promise<string> {
  const db = join(dir, name);
  expect(await cli('import', SAMPLE, '--db', db, '--program', 'Mentoring', '--cohort', 'Spring')).toMatchObject({ code: 0 });
  return db;
}

/** What the CLI answers for a command that writes (import) and one that only reads (people). */
async function bothCommands(db: string) {
  return {
    import: await cli('import', SAMPLE, '--db', db, '--program', 'Mentoring', '--cohort', 'Spring'),
    people: await cli('people', '--db', db, '--cohort', 'Spring'),
  };
}

describe('opening refuses a file without changing it', () => {
  it('a file from a newer Pairwise (even in rollback-journal mode, whose header a WAL switch would rewrite)', async () => {
    for (const journal of ['delete', 'wal']) {
      const db = await realWorkspace(tempDir());
      const raw = new BetterSqlite3(db);
      raw.pragma(`journal_mode = ${journal}`);
      raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
      raw.close();
      const before = snapshot(db);
      const message = `The database ${db} was written by a newer version of Pairwise (schema ${LATEST_VERSION + 1}; this app knows up to ${LATEST_VERSION}). Update Pairwise to open it; the file was not changed.`;

      await expect(openStore(db)).rejects.toThrow(DatabaseTooNewError);
      await expect(openStore(db, { readOnly: true })).rejects.toThrow(message);
      const answers = await bothCommands(db);
      expect(answers.import).toEqual({ code: 1, stdout: '', stderr: message });
      expect(answers.people).toEqual({ code: 1, stdout: '', stderr: message });
      expect(snapshot(db), journal).toEqual(before);
    }
  });

  it('a file of garbage bytes', async () => {
    const db = join(tempDir(), 'garbage.sqlite');
    writeFileSync(db, Buffer.from('These bytes are not a database at all. '.repeat(200)));
    const before = snapshot(db);
    const message = `${db} is not a Pairwise workspace: it is not an SQLite database file. Check the path (a workspace is the .sqlite file Pairwise made); the file was not changed.`;

    await expect(openStore(db)).rejects.toThrow(NotAWorkspaceError);
    const answers = await bothCommands(db);
    expect(answers.import).toEqual({ code: 1, stdout: '', stderr: message });
    expect(answers.people).toEqual({ code: 1, stdout: '', stderr: message });
    expect(snapshot(db)).toEqual(before);
  });

  it('a truncated copy of a real workspace', async () => {
    const dir = tempDir();
    const real = readFileSync(await realWorkspace(dir));
    const db = join(dir, 'truncated.sqlite');
    writeFileSync(db, real.subarray(0, Math.floor(real.length / 2 / 4096) * 4096));
    const before = snapshot(db);
    const message =
      `${db} is damaged (it is cut short: ${statSync(db).size} of ${real.length} bytes), so Pairwise did not open it and wrote nothing to it. ` +
      'Restore it from a backup: Pairwise leaves one beside it each time it upgrades the file (truncated.sqlite.v<version>.<time>.backup).';

    await expect(openStore(db)).rejects.toThrow(DamagedWorkspaceError);
    const answers = await bothCommands(db);
    expect(answers.import).toEqual({ code: 1, stdout: '', stderr: message });
    expect(answers.people).toEqual({ code: 1, stdout: '', stderr: message });
    expect(snapshot(db)).toEqual(before);
  });

  it('a workspace with a damaged page (found by SQLite or by quick_check), named as damaged', async () => {
    const dir = tempDir();
    const real = readFileSync(await realWorkspace(dir));
    const db = join(dir, 'damaged.sqlite');
    const damaged = Buffer.from(real);
    const pageSize = damaged.readUInt16BE(16);
    // Scribble over the middle of a few pages in the middle of the file: b-tree headers and cell pointers.
    for (let page = 3; page < 8; page++) damaged.fill(0xa5, page * pageSize, page * pageSize + 64);
    writeFileSync(db, damaged);
    const before = sha256(db);

    const refused = await openStore(db).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DamagedWorkspaceError);
    expect((refused as Error).message).toMatch(new RegExp(`^${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(.+\\), so Pairwise did not open it and wrote nothing to it\\. Restore it from a backup`));
    const answer = await cli('people', '--db', db, '--cohort', 'Spring');
    expect(answer).toMatchObject({ code: 1, stderr: (refused as Error).message });
    expect(sha256(db)).toBe(before);
    // Whatever SQLite left beside it for its readers holds no data.
    if (existsSync(`${db}-wal`)) expect(statSync(`${db}-wal`).size).toBe(0);
  });

  it('an SQLite database of another program', async () => {
    const db = join(tempDir(), 'other.sqlite');
    const raw = new BetterSqlite3(db);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)');
    raw.close();
    const before = snapshot(db);
    const message = `${db} is an SQLite database of another program, not a Pairwise workspace. Check the path; the file was not changed.`;
    const answers = await bothCommands(db);
    expect(answers.import).toEqual({ code: 1, stdout: '', stderr: message });
    expect(answers.people).toEqual({ code: 1, stdout: '', stderr: message });
    expect(snapshot(db)).toEqual(before);
  });
});

describe('a path where there is no workspace', () => {
  it('in a missing folder: read-only commands say so and create nothing, not even the folder', async () => {
    const root = tempDir();
    const db = join(root, 'no', 'such', 'folder', 'workspace.sqlite');
    const message = `There is no Pairwise workspace at ${db} (the folder ${dirname(db)} does not exist). Check the path; nothing was created.`;
    await expect(openStore(db, { readOnly: true })).rejects.toThrow(WorkspaceNotFoundError);
    expect(await cli('people', '--db', db, '--cohort', 'Spring')).toEqual({ code: 1, stdout: '', stderr: message });
    expect(await cli('export', '--db', db, '--cohort', 'Spring', '--format', 'csv', '--out', join(root, 'pairs.csv'))).toEqual({
      code: 1,
      stdout: '',
      stderr: message,
    });
    expect(readdirSync(root)).toEqual([]);
  });

  it('in an existing folder: no file is created', async () => {
    const root = tempDir();
    const db = join(root, 'workspace.sqlite');
    expect(await cli('people', '--db', db, '--cohort', 'Spring')).toEqual({
      code: 1,
      stdout: '',
      stderr: `There is no Pairwise workspace at ${db}. Check the path; nothing was created.`,
    });
    expect(readdirSync(root)).toEqual([]);
  });

  it('a command that writes still creates a new workspace, folder included', async () => {
    const db = join(tempDir(), 'new', 'workspace.sqlite');
    expect(await cli('import', SAMPLE, '--db', db, '--program', 'Mentoring', '--cohort', 'Spring')).toMatchObject({ code: 0 });
    expect(existsSync(db)).toBe(true);
  });
});

/**
 * Makes a file read-only for this process. Root ignores permission bits, so as root the file is also
 * made immutable (chattr +i), when the file system allows; undone after the test.
 */
const undo: (() => void)[] = [];
afterEach(() => {
  while (undo.length) undo.pop()!();
});
function makeReadOnly(path: string): boolean {
  chmodSync(path, 0o444);
  undo.push(() => chmodSync(path, 0o644));
  if (process.getuid?.() !== 0) return true;
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
    undo.push(() => execFileSync('chattr', ['-i', path], { stdio: 'ignore' }));
    return true;
  } catch {
    return false;
  }
}

describe('a read-only workspace file', () => {
  it('is read by people and export, and refused, unchanged, by a command that writes', async (context) => {
    const dir = tempDir();
    const db = await realWorkspace(dir);
    expect(await cli('match', '--db', db, '--cohort', 'Spring')).toMatchObject({ code: 0 });
    if (!makeReadOnly(db)) context.skip('cannot make a file read-only for root here (no chattr)');
    const before = sha256(db);

    const people = await cli('people', '--db', db, '--cohort', 'Spring', '--json');
    expect(people.code).toBe(0);
    expect(JSON.parse(people.stdout)).toHaveLength(84);
    const out = join(dir, 'pairs.csv');
    expect(await cli('export', '--db', db, '--cohort', 'Spring', '--format', 'csv', '--out', out)).toMatchObject({ code: 0 });
    expect(readFileSync(out, 'utf8')).toContain('Mentee email');

    const message =
      `${db} is read-only, so Pairwise cannot save changes to it. Make the file and its folder writable (or copy the file somewhere writable) and try again; the file was not changed. ` +
      'Commands that only read it, such as people and export, work on it as it is.';
    await expect(openStore(db)).rejects.toThrow(ReadOnlyWorkspaceError);
    expect(await cli('import', SAMPLE, '--db', db, '--program', 'Mentoring', '--cohort', 'Spring')).toEqual({ code: 1, stdout: '', stderr: message });
    expect(await cli('match', '--db', db, '--cohort', 'Spring')).toEqual({ code: 1, stdout: '', stderr: message });
    expect(sha256(db)).toBe(before);
  });
});

describe('openStore(path, { readOnly: true })', () => {
  it('reads without writing a byte and refuses writes', async () => {
    const db = await realWorkspace(tempDir());
    const before = sha256(db);
    const store = await openStore(db, { readOnly: true });
    try {
      expect(store.readOnly).toBe(true);
      expect((store.sqlite.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n).toBe(84);
      expect(() => store.transact((w) => w.insert('programs', { name: 'Nope', settings: '{}', archived_at: null }))).toThrow(OpenedReadOnlyError);
      expect(() => store.sqlite.exec("UPDATE programs SET name = 'Nope'")).toThrow(/readonly/);
    } finally {
      store.close();
    }
    expect(sha256(db)).toBe(before);
  });

  it('refuses a workspace that needs upgrading, and an empty file, leaving both as they were', async () => {
    const dir = tempDir();
    const db = await realWorkspace(dir);
    const before = snapshot(db);
    const upgrade = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'test upgrade', sql: 'CREATE TABLE upgraded (x TEXT);' }];
    await expect(openStore(db, { readOnly: true, migrations: upgrade })).rejects.toThrow(
      new NeedsUpgradeError(db, LATEST_VERSION, LATEST_VERSION + 1).message,
    );
    expect(snapshot(db)).toEqual(before);

    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    expect(await cli('people', '--db', empty, '--cohort', 'Spring')).toEqual({
      code: 1,
      stdout: '',
      stderr: `${empty} is empty: it holds no Pairwise workspace yet. Import a cohort into it first; the file was not changed.`,
    });
    expect(statSync(empty).size).toBe(0);
  });
});

describe('page size', () => {
  const pageSize = (path: string) => {
    const sqlite = new BetterSqlite3(path, { readonly: true });
    try {
      return sqlite.pragma('page_size', { simple: true });
    } finally {
      sqlite.close();
    }
  };

  it('a new workspace gets 16 KB pages; one written with 4 KB pages keeps them and is read and written as before', async () => {
    const dir = tempDir();
    const fresh = await realWorkspace(dir);
    expect(pageSize(fresh)).toBe(NEW_FILE_PAGE_SIZE);
    expect(NEW_FILE_PAGE_SIZE).toBe(16384);

    // A workspace from before: its first page written with SQLite's default of 4 KB.
    const old = join(dir, 'old.sqlite');
    const sqlite = new BetterSqlite3(old);
    sqlite.pragma('page_size = 4096');
    sqlite.exec('CREATE TABLE x (a); DROP TABLE x;');
    sqlite.close();
    expect(await cli('import', SAMPLE, '--db', old, '--program', 'Mentoring', '--cohort', 'Spring')).toMatchObject({ code: 0 });
    expect(await cli('import', SAMPLE, '--db', old, '--program', 'Mentoring', '--cohort', 'Autumn')).toMatchObject({ code: 0 });
    expect(pageSize(old)).toBe(4096);
    const store = await openStore(old);
    try {
      expect(store.sqlite.pragma('quick_check', { simple: true })).toBe('ok');
      expect((store.sqlite.prepare('SELECT count(*) AS n FROM cohort_members').get() as { n: number }).n).toBe(168);
    } finally {
      store.close();
    }
  });
});
