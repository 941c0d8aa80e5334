import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { createHandlers, type Handlers } from '../core/api/handlers';
import { openStore } from '../core/db/open';
import { workerRunner } from '../core/runs/runner';
import type { Store } from '../core/db/store';
import { bindContract } from './ipc';
import { installMenu } from './menu';
import { checkForUpdates } from './updater';
import { createMainWindow, isTrustedFrame } from './window';
import { lastWorkspacePath, rememberWorkspacePath } from './workspace';

app.setName('Pairwise');

let store: Store | undefined;
let handlers: Handlers | undefined;
let window: BrowserWindow | undefined;

const resourcesDir = () => (app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'));

async function openWorkspace(path: string): Promise<void> {
  const next = await openStore(path);
  store?.close();
  store = next;
  handlers = createHandlers({
    store,
    resourcesDir: resourcesDir(),
    // The solver runs in a worker thread: the main process keeps answering IPC, and cancel is instant.
    matchRunner: workerRunner(join(import.meta.dirname, 'match-worker.js')),
  });
  rememberWorkspacePath(path);
  window?.setTitle(`Pairwise — ${path}`);
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
    () => handlers!,
    (event) => event.sender === window?.webContents && isTrustedFrame(event.senderFrame?.url),
  );
  installMenu({
    openWorkspace: () => void chooseWorkspace('open'),
    newWorkspace: () => void chooseWorkspace('new'),
    about: () => void dialog.showMessageBox({ type: 'info', message: `Pairwise ${app.getVersion()}`, detail: `Workspace: ${store?.path ?? '—'}\nYour data stays in this file on this computer.` }),
  });
  window = createMainWindow();
  window.on('closed', () => (window = undefined));
  checkForUpdates();
});

app.on('window-all-closed', () => {
  store?.close();
  app.quit();
});
