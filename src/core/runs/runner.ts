import { Worker } from 'node:worker_threads';
import type { Member } from '../domain/participant';
import { computeInsights, MatchCancelled, matchCohortAsync, type MatchResult, type MatchSettings, type Progress, type RunInsights } from '../matching';

/**
 * How a run's computation executes: in a worker thread in the app and the web bridge (the thread that
 * answers calls stays free), in-line in the CLI and tests. The run's bookkeeping is in jobs.ts.
 */

/** Parent → worker: one matching run. */
export interface WorkerRequest {
  taskId: number;
  members: Member[];
  settings: MatchSettings;
}

/** Worker → parent, tagged with the run it belongs to. */
export type WorkerMessage = { taskId: number } & (
  | { kind: 'progress'; progress: Progress }
  | { kind: 'done'; result: MatchResult; insights: RunInsights }
  | { kind: 'failed'; message: string }
);

/** How a run is executed: in a worker thread in the app, in-line where workers cannot load TS. */
export type MatchRunner = (
  members: Member[],
  settings: MatchSettings,
  onProgress: (progress: Progress) => void,
) => { result: Promise<{ result: MatchResult; insights: RunInsights }>; cancel: () => void };

/**
 * Runs each matching in a worker thread. A worker that finished a run is kept (one idle at most)
 * and takes the next run: its code is already compiled and optimised, which makes a re-run's solve
 * 2-3× faster than in a fresh thread (bench:match, "first" vs "warm"). Cancelling terminates the
 * thread, as a run cannot be interrupted otherwise; the next run starts a new one. An idle worker
 * is unref'd so it never keeps a process alive.
 */
export function workerRunner(workerFile: URL | string): MatchRunner {
  let idle: Worker | null = null;
  let nextTaskId = 1;
  const startWorker = () => {
    const worker = new Worker(workerFile);
    // A run's own listeners report its errors; this one keeps an error while idle from being
    // unhandled, and a worker that stops while idle is not handed the next run.
    worker.on('error', () => {});
    worker.on('exit', () => {
      if (idle === worker) idle = null;
    });
    return worker;
  };
  return (members, settings, onProgress) => {
    const worker = idle ?? startWorker();
    idle = null;
    worker.ref();
    const taskId = nextTaskId++;
    let cancelled = false;
    let settled = false;
    const result = new Promise<{ result: MatchResult; insights: RunInsights }>((resolve, reject) => {
      const finish = () => {
        settled = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.taskId !== taskId) return;
        if (message.kind === 'progress') {
          onProgress(message.progress);
          return;
        }
        finish();
        if (message.kind === 'done') resolve({ result: message.result, insights: message.insights });
        else reject(new Error(message.message));
        // Keep the worker for the next run, unless one is kept already.
        if (idle === null) {
          worker.unref();
          idle = worker;
        } else void worker.terminate();
      };
      const onError = (error: Error) => {
        finish();
        reject(error);
      };
      const onExit = (code: number) => {
        if (settled) return;
        finish();
        if (cancelled) reject(new MatchCancelled());
        else reject(new Error(`The matching worker stopped unexpectedly (exit code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ taskId, members, settings } satisfies WorkerRequest);
    });
    return {
      result,
      cancel: () => {
        if (settled) return;
        cancelled = true;
        void worker.terminate();
      },
    };
  };
}

export function inlineRunner(): MatchRunner {
  return (members, settings, onProgress) => {
    const controller = new AbortController();
    // Yield first so that the job is registered (and cancellable) before the work starts.
    const result = new Promise<void>((r) => setTimeout(r, 0))
      .then(() => matchCohortAsync(members, settings, { signal: controller.signal, onProgress }))
      .then(async (solved) => ({ result: solved, insights: await computeInsights(members, settings, solved) }));
    return { result, cancel: () => controller.abort() };
  };
}

