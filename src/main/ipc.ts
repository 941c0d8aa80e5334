import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { CallResult } from '../core/api/contract';
import { withKeptPassword } from '../core/reminders/password';
import { smtpPasswordKeeper } from './secrets';

/**
 * Binds the API contract to one IPC channel. Only our own window's top frame may call; the call is
 * relayed to the core host (a utility process), where `dispatch` parses the input with the method's zod
 * schema before any handler sees it.
 */
export function bindContract(call: (method: string, input: unknown) => Promise<CallResult>, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): void {
  // The SMTP password of reminder emails: kept with safeStorage in this process, handed to the core per send only.
  const relay = withKeptPassword(call, smtpPasswordKeeper());
  ipcMain.handle('pairwise:call', async (event, method: unknown, input: unknown): Promise<CallResult> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'invalid-input', message: 'Refused: call from an untrusted frame' } };
    }
    return relay(typeof method === 'string' ? method : '', input);
  });
}
