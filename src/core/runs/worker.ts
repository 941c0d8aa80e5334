import { parentPort } from 'node:worker_threads';
import { computeInsights, matchCohortAsync } from '../matching';
import type { WorkerMessage, WorkerRequest } from './runner';

// Runs matchings off the main thread, one at a time, for as long as the parent keeps this thread.
// Cancelling terminates the thread: the engine is pure, so there is nothing to clean up.
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

port.on('message', ({ taskId, members, settings }: WorkerRequest) => {
  let lastPost = 0;
  matchCohortAsync(members, settings, {
    onProgress: (progress) => {
      const now = Date.now();
      // The solver reports often; the UI needs a few updates a second at most.
      if (now - lastPost > 100 || progress.done === progress.total) {
        lastPost = now;
        post({ taskId, kind: 'progress', progress });
      }
    },
  })
    .then(async (result) => ({ result, insights: await computeInsights(members, settings, result) }))
    .then(
      ({ result, insights }) => post({ taskId, kind: 'done', result, insights }),
      (error: unknown) => post({ taskId, kind: 'failed', message: (error as Error).message }),
    );
});
