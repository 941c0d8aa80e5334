import { parentPort, workerData } from 'node:worker_threads';
import type { Member } from '../domain/participant';
import { matchCohortAsync, type MatchSettings } from '../matching';
import { computeInsights } from '../rounds/rounds';
import type { WorkerMessage } from './match-jobs';

// Runs one matching off the main thread. Cancelling terminates this thread: the engine is pure, so
// there is nothing to clean up.
const { members, settings } = workerData as { members: Member[]; settings: MatchSettings };
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

let lastPost = 0;
matchCohortAsync(members, settings, {
  onProgress: (progress) => {
    const now = Date.now();
    // The solver reports often; the UI needs a few updates a second at most.
    if (now - lastPost > 100 || progress.done === progress.total) {
      lastPost = now;
      post({ kind: 'progress', progress });
    }
  },
})
  .then(async (result) => ({ result, insights: await computeInsights(members, settings, result) }))
  .then(
  ({ result, insights }) => post({ kind: 'done', result, insights }),
  (error: unknown) => post({ kind: 'failed', message: (error as Error).message }),
);
