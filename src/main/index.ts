import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import type { HostClient } from '../core/host/client';
import { forkCoreHost } from './host';
import { bindContract } from './ipc';
import { installMenu } from './menu';
import { startDueNotifications } from './notifications';
import { relayWithSyncSecrets, restoreSyncSecrets } from './sync-secrets';
import { checkForUpdates } from './updater';
import { createMainWindow, isTrustedSender, lockDown } from './window';
import { lastWorkspacePath, rememberWorkspacePath } from './workspace';

app.setName('Pairwise');

// Every WebContents the app ever makes (the window, anything a library opens) is locked to our own page.
app.on('web-contents-created', (_event, contents) => lockDown(contents));

// The workspace lives in the core host, a utility process (src/main/host.ts): this process only relays.
let host: HostClient | undefined;
let window: BrowserWindow | undefined;

const resourcesDir = () => (app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'));

/** Starts a host on `path`; the previous one is closed only once the new one has opened its file. */
async function openWorkspace(path: string): Promise<void> {
  const next = await forkCoreHost(path, resourcesDir());
  next.onUnexpectedExit((code) => void recover(next, code));
  const previous = host;
  host = next;
  await previous?.close();
  rememberWorkspacePath(path);
  await restoreSyncSecrets(path, (method, input) => next.call(method, input)).catch(() => undefined);
  window?.setTitle(`Pairwise — ${path}`);
}

let restarts = 0;

/** The host died (a crash, the OS ended it): start it again on the same file and reload the window. */
async function recover(crashed: HostClient, code: number): Promise<void> {
  if (host !== crashed) return;
  console.error(`[pairwise] the core host stopped unexpectedly (exit code ${code}); restarting it`);
  if (++restarts > 3) {
    dialog.showErrorBox('Pairwise stopped working', `Its core stopped unexpectedly several times (exit code ${code}). Your data is safe in ${crashed.path}; restart Pairwise.`);
    return;
  }
  try {
    await openWorkspace(crashed.path);
    window?.webContents.reload();
  } catch (error) {
    dialog.showErrorBox('Pairwise cannot open its workspace', (error as Error).message);
  }
}

async function chooseWorkspace(mode: 'open' | 'new'): Promise<void> {
  if (!window) return;
  const result =
    mode === 'open'
      ? await dialog.showOpenDialog(window, { title: 'Open workspace', properties: ['openFile'], filters: [{ name: 'Pairwise workspace', extensions: ['sqlite', 'db'] }] })
      : await dialog.showSaveDialog(window, { title: 'New workspace', defaultPath: 'pairwise.sqlite', filters: [{ name: 'Pairwise workspace', extensions: ['sqlite'] }] });
  const path = 'filePaths' in result ? result.filePaths[0] : result.filePath;
  if (result.canceled || !path) return;
  try {
    await openWorkspace(path);
    window.webContents.reload();
  } catch (error) {
    await dialog.showMessageBox(window, { type: 'error', message: 'Could not open the workspace', detail: (error as Error).message });
  }
}

// Command-line override, as in the CLI and the web bridge: `--db PATH`.
function dbArgument(): string | undefined {
  const index = process.argv.indexOf('--db');
  return index >= 0 ? process.argv[index + 1] : undefined;
}

app.whenReady().then(async () => {
  try {
    await openWorkspace(dbArgument() ?? lastWorkspacePath());
  } catch (error) {
    dialog.showErrorBox('Pairwise cannot open its workspace', (error as Error).message);
    app.quit();
    return;
  }
  bindContract(
    (method, input) => relayWithSyncSecrets(host!.path, (m, i) => host!.call(m, i), method, input),
    (event) => isTrustedSender(event, window),
  );
  installMenu({
    devTools: !app.isPackaged,
    openWorkspace: () => void chooseWorkspace('open'),
    newWorkspace: () => void chooseWorkspace('new'),
    about: () => void dialog.showMessageBox({ type: 'info', message: `Pairwise ${app.getVersion()}`, detail: `Workspace: ${host?.path ?? '—'}\nYour data stays in this file on this computer.` }),
  });
  window = createMainWindow();
  startDueNotifications((method, input) => host!.call(method, input), () => window);
  window.on('closed', () => (window = undefined));
  checkForUpdates();
});

app.on('window-all-closed', () => {
  void (host?.close() ?? Promise.resolve()).finally(() => app.quit());
});
