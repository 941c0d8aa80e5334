import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HostOpenError } from '../core/host/client';
import { startWorkerHost } from '../core/host/worker-host';
import { defaultDatabasePath } from '../core/workspace/paths';
import { startWebBridge, type WebBridge } from './server';
import { workspaceToken } from './token';
import { withKeptPassword } from '../core/reminders/password';
import { filePasswordKeeper } from './smtp-password';

// `npm run web -- [--db PATH] [--port N]`: the desktop app's renderer in a browser, for machines where
// Electron cannot run, and for the end-to-end tests. This thread serves HTTP and relays each call to the
// core host, a worker thread that owns the workspace (src/core/host), as Electron's main process relays
// IPC to its utility process: a long call (an import, a big query) never stops the server answering.
const projectRoot = join(import.meta.dirname, '../..');

/**
 * Without --port the bridge takes this one (or any free one when it is taken), so a restart lands on the same
 * address and, with the token kept beside the workspace, the tabs that were open keep working.
 */
const DEFAULT_PORT = 4747;
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function main(): Promise<void> {
  let values: { db?: string; port?: string };
  try {
    ({ values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string' } }, strict: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run web -- [--db PATH] [--port N]`);
    process.exit(2);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, not "${values.port}"`);
    process.exit(2);
  }
  // Run by tsx: the host and the workers it starts load TypeScript through the same loader (inherited execArgv).
  const dbPath = values.db ?? defaultDatabasePath();
  const host = await startWorkerHost(source('../core/host/worker-entry.ts'), {
    dbPath,
    resourcesDir: join(projectRoot, 'resources'),
    matchWorkerFile: source('../core/runs/worker.ts'),
    importWorkerFile: source('../core/import/worker.ts'),
  });
  host.onUnexpectedExit((code) => {
    console.error(`The Pairwise core stopped unexpectedly (exit code ${code}); stopping the web bridge.`);
    process.exit(1);
  });
  // Only once the workspace opened: a file the core refuses gets no token file beside it.
  const { token, file, status } = workspaceToken(dbPath);
  // The SMTP password is kept (only when asked) in a 0600 file beside the workspace, never in it.
  const call = withKeptPassword((method, input) => host.call(method, input), filePasswordKeeper(dbPath));
  const start = (on: number): Promise<WebBridge> => startWebBridge({ call, staticDir: join(projectRoot, 'out/web'), port: on, token });
  let bridge: WebBridge;
  try {
    bridge = await start(port);
  } catch (error) {
    if (values.port !== undefined || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    bridge = await start(0);
    console.log(`Port ${DEFAULT_PORT} is taken, so this run uses another one: a tab opened on ${DEFAULT_PORT} does not reach it.`);
  }
  if (status === 'unsaved') console.log(`Could not keep the access token in ${file}: after a restart, open the new URL.`);
  console.log(`Pairwise is running at ${bridge.url}`);
  const stop = () => {
    void bridge
      .close()
      .then(() => host.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof HostOpenError ? `Cannot open the workspace: ${error.message}` : (error as Error).message);
  process.exit(1);
});
