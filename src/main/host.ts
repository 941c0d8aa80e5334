import { utilityProcess } from 'electron';
import { join } from 'node:path';
import { HostClient, HostOpenError } from '../core/host/client';

const here = import.meta.dirname;

/**
 * Forks the core host (src/core/host/utility-entry.ts, bundled as core-host.js) in an Electron utility
 * process and opens the workspace there. SQL, file parsing and matching all run in that process and its
 * worker threads; the main process only relays IPC, so no window ever waits for the database.
 */
export async function forkCoreHost(dbPath: string, resourcesDir: string): Promise<HostClient> {
  const child = utilityProcess.fork(join(here, 'core-host.js'), [], { serviceName: 'Pairwise core' });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('exit', (code) => reject(new HostOpenError(`The Pairwise core could not start (exit code ${code})`)));
  });
  return HostClient.start(
    {
      post: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', listener),
      kill: () => void child.kill(),
    },
    {
      dbPath,
      resourcesDir,
      // Bundled beside core-host.js by electron.vite.config.ts; the host starts them as worker threads.
      matchWorkerFile: join(here, 'match-worker.js'),
      importWorkerFile: join(here, 'import-worker.js'),
    },
  );
}
