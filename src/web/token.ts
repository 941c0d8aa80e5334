import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * The web bridge's access token, kept beside the workspace file (`<workspace>.web-token`) so that a restarted
 * `npm run web` on the same workspace accepts the tabs that were already open. The file is readable by its
 * owner only (0600); one that is not a plain file, not ours, readable by others or not a token is replaced by
 * a new token (and the open tabs then need the newly printed URL, as before).
 */
export const tokenFilePath = (dbPath: string): string => `${dbPath}.web-token`;

const TOKEN = /^[0-9a-f]{48}$/;
const checksMode = process.platform !== 'win32'; // Windows has no owner-only mode bits to check

/** The kept token when the file is sound, otherwise undefined (and the caller writes a new one). */
function readToken(file: string): string | undefined {
  try {
    const stat = lstatSync(file);
    if (!stat.isFile()) return undefined;
    if (checksMode && ((stat.mode & 0o777) !== 0o600 || stat.uid !== process.getuid?.())) return undefined;
    const token = readFileSync(file, 'utf8').trim();
    return TOKEN.test(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a new token through a fresh 0600 file (never following a link), then renames it over the old one. */
function writeToken(file: string): string {
  const token = randomBytes(24).toString('hex');
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600); // the umask may have taken bits away, never added: make it exactly 0600
    writeSync(fd, `${token}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return token;
}

/**
 * The token for the workspace at `dbPath`: the kept one (`reused`), or a new one written beside it (`new`).
 * When the folder cannot hold the file, a token for this run only (`unsaved`, for the caller to say so).
 */
export function workspaceToken(dbPath: string): { token: string; file: string; status: 'reused' | 'new' | 'unsaved' } {
  const file = tokenFilePath(dbPath);
  const existing = readToken(file);
  if (existing) return { token: existing, file, status: 'reused' };
  try {
    return { token: writeToken(file), file, status: 'new' };
  } catch {
    return { token: randomBytes(24).toString('hex'), file, status: 'unsaved' };
  }
}
