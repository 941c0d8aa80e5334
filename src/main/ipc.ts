import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../core/api/dispatch';
import type { Handlers } from '../core/api/handlers';
import type { CallResult } from '../core/api/contract';

/**
 * Binds the API contract to one IPC channel. Only our own window's top frame may call; the input is
 * parsed by the method's zod schema inside `dispatch` before any handler sees it.
 */
export function bindContract(getHandlers: () => Handlers, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle('pairwise:call', async (event, method: unknown, input: unknown): Promise<CallResult> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'invalid-input', message: 'Refused: call from an untrusted frame' } };
    }
    return dispatch(getHandlers(), typeof method === 'string' ? method : '', input);
  });
}
