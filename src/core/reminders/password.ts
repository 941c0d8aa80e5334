import type { CallResult } from '../api/contract';

/**
 * Where an app shell keeps the SMTP password, never in the workspace file: Electron's safeStorage
 * (src/main/secrets.ts) or, in web mode and only when the coordinator ticks the box, a 0600 file
 * beside the workspace (src/web/smtp-password.ts).
 */
export interface PasswordKeeper {
  /** 'none' when this keeper cannot keep anything now (Electron without an OS key): the password is asked per send. */
  readonly storage: 'keychain' | 'file' | 'none';
  read(): string | null;
  write(password: string): void;
  clear(): void;
}

type Call = (method: string, input: unknown) => Promise<CallResult>;

const status = (keeper: PasswordKeeper | null): CallResult => ({
  ok: true,
  value: { kept: keeper !== null && keeper.read() !== null, storage: keeper?.storage ?? 'none' },
});

/**
 * Wraps a shell's relay to the core: reminders.passwordStatus and reminders.forgetPassword are answered
 * here; reminders.send without a password gets the kept one, and with rememberPassword the typed one is
 * kept once the server took it (a message went out), or dropped when the box is unticked. The core only
 * ever sees the password inside the one send that uses it.
 */
export function withKeptPassword(call: Call, shellKeeper: PasswordKeeper | null): Call {
  return async (method, input) => {
    const keeper = shellKeeper?.storage === 'none' ? null : shellKeeper;
    if (method === 'reminders.passwordStatus') return status(keeper);
    if (method === 'reminders.forgetPassword') {
      keeper?.clear();
      return status(keeper);
    }
    if (method !== 'reminders.send' || keeper === null || typeof input !== 'object' || input === null) return call(method, input);
    const send = input as { via?: unknown; password?: unknown; rememberPassword?: unknown };
    const typed = typeof send.password === 'string' && send.password !== '' ? send.password : null;
    if (send.rememberPassword === false) keeper.clear();
    const password = typed ?? (send.via === 'smtp' ? keeper.read() : null);
    const result = await call(method, password === null ? input : { ...send, password });
    if (typed !== null && send.rememberPassword === true && result.ok && (result.value as { sent: unknown[] }).sent.length > 0) {
      try {
        keeper.write(typed);
      } catch (error) {
        console.warn('[pairwise] could not keep the SMTP password:', (error as Error).message);
      }
    }
    return result;
  };
}
