import { basename, dirname } from 'node:path';
import { UserError } from '../errors';

/**
 * A workspace file Pairwise refused or could not open. The message names the file, says whether it was
 * changed (it never is when opening fails) and what the coordinator can do about it.
 */
export class WorkspaceFileError extends UserError {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export class DatabaseTooNewError extends WorkspaceFileError {
  constructor(path: string, fileVersion: number, knownVersion: number) {
    super(
      path,
      `The database ${path} was written by a newer version of Pairwise (schema ${fileVersion}; this app knows up to ${knownVersion}). ` +
        'Update Pairwise to open it; the file was not changed.',
    );
  }
}

/** Read-only opening of a path where there is no file: nothing is created, not even the folder. */
export class WorkspaceNotFoundError extends WorkspaceFileError {
  constructor(path: string, folderMissing: boolean) {
    super(
      path,
      `There is no Pairwise workspace at ${path}${folderMissing ? ` (the folder ${dirname(path)} does not exist)` : ''}. ` +
        'Check the path; nothing was created.',
    );
  }
}

/** Not an SQLite file at all, an SQLite file of another program, or (read-only) an empty one. */
export class NotAWorkspaceError extends WorkspaceFileError {
  static notSqlite(path: string): NotAWorkspaceError {
    return new NotAWorkspaceError(
      path,
      `${path} is not a Pairwise workspace: it is not an SQLite database file. Check the path (a workspace is the .sqlite file Pairwise made); the file was not changed.`,
    );
  }

  static foreign(path: string): NotAWorkspaceError {
    return new NotAWorkspaceError(
      path,
      `${path} is an SQLite database of another program, not a Pairwise workspace. Check the path; the file was not changed.`,
    );
  }

  static empty(path: string): NotAWorkspaceError {
    return new NotAWorkspaceError(path, `${path} is empty: it holds no Pairwise workspace yet. Import a cohort into it first; the file was not changed.`);
  }
}

export class DamagedWorkspaceError extends WorkspaceFileError {
  constructor(path: string, detail: string) {
    super(
      path,
      `${path} is damaged (${detail}), so Pairwise did not open it and wrote nothing to it. ` +
        `Restore it from a backup: Pairwise leaves one beside it each time it upgrades the file (${basename(path)}.v<version>.<time>.backup).`,
    );
  }
}

export class ReadOnlyWorkspaceError extends WorkspaceFileError {
  constructor(path: string, what: 'file' | 'folder') {
    super(
      path,
      `${what === 'file' ? path : `The folder of ${path}`} is read-only, so Pairwise cannot save changes to it. ` +
        'Make the file and its folder writable (or copy the file somewhere writable) and try again; the file was not changed. ' +
        'Commands that only read it, such as people and export, work on it as it is.',
    );
  }
}

/** A write attempted through a store opened with `{ readOnly: true }`: a bug in the caller, worded for the coordinator. */
export class OpenedReadOnlyError extends WorkspaceFileError {
  constructor(path: string) {
    super(path, `${path} was opened read-only, so nothing can be changed in it this time; nothing was written. Open it normally to make changes.`);
  }
}

/** Read-only opening of a file whose schema is older than this Pairwise's: it must be upgraded, which writes. */
export class NeedsUpgradeError extends WorkspaceFileError {
  constructor(path: string, fileVersion: number, latest: number) {
    super(
      path,
      `${path} was written by an older Pairwise (schema ${fileVersion}; this one uses ${latest}) and must be upgraded before it can be read. ` +
        'Open it in Pairwise first (the app, or a command that changes it such as import, upgrades it and keeps a backup beside it); the file was not changed.',
    );
  }
}

export class CannotOpenWorkspaceError extends WorkspaceFileError {
  constructor(path: string, reason: string) {
    super(
      path,
      `${path} cannot be opened: ${reason}. Check that the file and its folder exist and that you may read and write them; the file was not changed.`,
    );
  }
}

export class WorkspaceBusyError extends WorkspaceFileError {
  constructor(path: string) {
    super(path, `${path} is locked by another program writing to it. Close that program (or wait for it) and try again; the file was not changed.`);
  }
}

/**
 * SQLite's failures while opening, in the coordinator's words. Anything else (a failing migration: a
 * bug, not a file problem) is returned as it is.
 */
export function describeOpenFailure(path: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || error instanceof WorkspaceFileError) return error;
  const sqliteMessage = (error as Error).message;
  if (code === 'SQLITE_NOTADB') return NotAWorkspaceError.notSqlite(path);
  if (code.startsWith('SQLITE_CORRUPT')) return new DamagedWorkspaceError(path, `SQLite: ${sqliteMessage}`);
  if (code.startsWith('SQLITE_READONLY')) return new ReadOnlyWorkspaceError(path, 'file');
  if (code.startsWith('SQLITE_CANTOPEN')) return new CannotOpenWorkspaceError(path, 'SQLite could not open it, or could not create its -wal and -shm files beside it');
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') return new WorkspaceBusyError(path);
  if (code === 'SQLITE_FULL') return new CannotOpenWorkspaceError(path, 'the disk is full');
  if (code.startsWith('SQLITE_IOERR')) return new CannotOpenWorkspaceError(path, `reading or writing it failed (SQLite: ${sqliteMessage})`);
  // Node's own file errors (reading the header, creating the folder).
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new CannotOpenWorkspaceError(path, `permission denied (${code})`);
  if (code === 'EISDIR') return new CannotOpenWorkspaceError(path, 'it is a folder, not a file');
  if (code === 'ENOTDIR') return new CannotOpenWorkspaceError(path, 'a part of its folder path is not a folder');
  if (code === 'ENOENT') return new CannotOpenWorkspaceError(path, 'it does not exist');
  return error;
}
