import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHandlers } from '../core/api/handlers';
import { openStore } from '../core/db/open';
import { workerRunner } from '../core/jobs/match-jobs';
import { defaultDatabasePath } from '../core/workspace/paths';
import { startWebBridge } from './server';

// `npm run web -- [--db PATH] [--port N]`: the desktop app's renderer in a browser, for machines where
// Electron cannot run, and for the end-to-end tests.
const projectRoot = join(import.meta.dirname, '../..');

async function main(): Promise<void> {
  let values: { db?: string; port?: string };
  try {
    ({ values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string' } }, strict: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run web -- [--db PATH] [--port N]`);
    process.exit(2);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, not "${values.port}"`);
    process.exit(2);
  }
  const store = await openStore(values.db ?? defaultDatabasePath());
  const bridge = await startWebBridge({
    handlers: createHandlers({
      store,
      resourcesDir: join(projectRoot, 'resources'),
      // Matching runs in a worker thread so the bridge keeps answering (progress, cancel) meanwhile.
      matchRunner: workerRunner(new URL('../core/jobs/match-worker.ts', import.meta.url)),
    }),
    staticDir: join(projectRoot, 'out/web'),
    port,
  });
  console.log(`Pairwise is running at ${bridge.url}`);
  const stop = () => {
    void bridge.close().then(() => {
      store.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
