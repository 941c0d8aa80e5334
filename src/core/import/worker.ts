import { parentPort } from 'node:worker_threads';
import { openStore } from '../db/open';
import type { Store } from '../db/store';
import { tuneImportConnection } from './connection';
import { serializeError, timeLimitError, type ImportWorkerMessage, type ImportWorkerRequest } from './runner';
import { runImportTask, runPreviewTask } from './tasks';

// Imports and previews, one at a time, on this thread's own connection to the workspace file: WAL lets
// the app's connection read meanwhile, and its writes wait for this transaction (busy_timeout). Every
// transaction first moves this connection's clock past the newest change in the file (Store.transact).
// The parent limits this thread's heap and time, and terminates it past the limit.
const port = parentPort!;

const post = (message: ImportWorkerMessage) => port.postMessage(message);
let store: Store | undefined;

async function connection(dbPath: string): Promise<Store> {
  if (store?.path !== dbPath) {
    store?.close();
    store = undefined;
    // The app's own connection checked the file when it opened it: no second quick_check (seconds on a big file).
    store = await openStore(dbPath, { quickCheck: false });
    // The WAL is copied back into the file after the answer is sent (below), not inside COMMIT; a larger page cache.
    tuneImportConnection(store);
  }
  return store;
}

let queue = Promise.resolve();
port.on('message', (request: ImportWorkerRequest) => {
  queue = queue.then(() => perform(request));
});

async function perform({ taskId, dbPath, task, deadline, limitText }: ImportWorkerRequest): Promise<void> {
  try {
    const store = await connection(dbPath);
    const value =
      task.kind === 'preview'
        ? await runPreviewTask(store, task.input)
        : await runImportTask(store, task.input, {
            onProgress: (progress) => post({ taskId, kind: 'progress', progress }),
            deadline,
            timeLimitError: () => timeLimitError(task, limitText),
          });
    post({ taskId, kind: 'done', value });
  } catch (error) {
    post({ taskId, kind: 'failed', error: serializeError(error) });
    return;
  }
  // Still on this thread, so the app's connection does not pay for the import's checkpoint. PASSIVE waits
  // for no one; pages a reader still needs are copied by a later checkpoint.
  if (task.kind === 'run') {
    try {
      store?.sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      console.warn('[pairwise] checkpoint after import failed:', (error as Error).message);
    }
  }
}
