import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { PasswordKeeper } from '../core/reminders/password';

/**
 * The SMTP password in web mode, only when the coordinator ticked "keep it": `<workspace>.smtp-password`,
 * readable by its owner only (0600), like the access token (./token.ts). A file that is not a plain file,
 * not ours or readable by others is not read (and is replaced on the next save).
 */
export const passwordFilePath = (dbPath: string): string => `${dbPath}.smtp-password`;
const checksMode = process.platform !== 'win32';

export function filePasswordKeeper(dbPath: string): PasswordKeeper {
  const file = passwordFilePath(dbPath);
  return {
    storage: 'file',
    read() {
      try {
        const stat = lstatSync(file);
        if (!stat.isFile()) return null;
        if (checksMode && ((stat.mode & 0o777) !== 0o600 || stat.uid !== process.getuid?.())) return null;
        const text = readFileSync(file, 'utf8');
        return text === '' ? null : text;
      } catch {
        return null;
      }
    },
    write(password) {
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      const fd = openSync(temp, 'wx', 0o600);
      try {
        fchmodSync(fd, 0o600);
        writeSync(fd, password);
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
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
