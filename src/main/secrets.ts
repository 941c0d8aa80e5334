import { app, safeStorage } from 'electron';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PasswordKeeper } from '../core/reminders/password';

/**
 * The SMTP password for reminder emails, kept with Electron's safeStorage (the OS keychain, DPAPI or
 * libsecret key encrypts it) in the app-data folder: never in the workspace file, never in plain text.
 * The main process hands it to the core for one send at a time (withKeptPassword). Without an OS key
 * (some Linux desktops) nothing is kept and the coordinator types it per send.
 */
const file = () => join(app.getPath('userData'), 'smtp-password.bin');

export function smtpPasswordKeeper(): PasswordKeeper {
  return {
    get storage() {
      return safeStorage.isEncryptionAvailable() ? ('keychain' as const) : ('none' as const);
    },
    read() {
      if (!safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(readFileSync(file()));
      } catch {
        return null;
      }
    },
    write(password) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('this system offers no key to encrypt the password with');
      writeFileSync(file(), safeStorage.encryptString(password), { mode: 0o600 });
    },
    clear() {
      rmSync(file(), { force: true });
    },
  };
}
