import { Worker } from 'node:worker_threads';
import { HostClient } from './client';
import type { HostOptions } from './protocol';

/** Starts the host in a worker thread (the web bridge); `entryFile` is src/core/host/worker-entry.ts or its bundle. */
export function startWorkerHost(entryFile: string | URL, options: HostOptions, workerOptions: { execArgv?: string[] } = {}): Promise<HostClient> {
  const worker = new Worker(entryFile, workerOptions.execArgv ? { execArgv: workerOptions.execArgv } : {});
  worker.on('error', (error) => console.error('[pairwise] the core host failed:', error));
  return HostClient.start(
    {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', listener),
      onExit: (listener) => worker.on('exit', listener),
      kill: () => void worker.terminate(),
    },
    options,
  );
}
