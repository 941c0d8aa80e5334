import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../db/open';
import type { Store } from '../db/store';
import { serializeError, timeLimitError, type ImportWorkerData, type ImportWorkerMessage } from './runner';
import { runImportTask, runPreviewTask } from './tasks';

// One import (or preview) per thread, on this thread's own connection to the workspace file: WAL lets
// the app's connection read meanwhile, and its writes wait for this transaction (busy_timeout). Every
// transaction first moves this connection's clock past the newest change in the file (Store.transact).
const port = parentPort!;
const post = (message: ImportWorkerMessage) => port.postMessage(message);
const { dbPath, task, deadline, limitText } = workerData as ImportWorkerData;

async function main(): Promise<void> {
  let store: Store | undefined;
  try {
    store = await openStore(dbPath);
    const value =
      task.kind === 'preview'
        ? await runPreviewTask(store, task.input)
        : await runImportTask(store, task.input, {
            onProgress: (progress) => post({ kind: 'progress', progress }),
            deadline,
            timeLimitError: () => timeLimitError(task, limitText),
          });
    post({ kind: 'done', value });
  } catch (error) {
    post({ kind: 'failed', error: serializeError(error) });
  } finally {
    store?.close();
  }
}

void main();
