import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Store } from '../db/store';
import type { Member } from '../domain/participant';
import { NotFoundError } from '../errors';
import { MatchCancelled, matchCohortAsync, type MatchResult, type MatchSettings, type MatchSettingsInput, type Progress } from '../matching';
import { computeInsights, prepareRound, saveRound, type RoundInsights } from '../rounds/rounds';

/** Parent → worker: one matching run. */
export interface WorkerRequest {
  runId: number;
  members: Member[];
  settings: MatchSettings;
}

/** Worker → parent, tagged with the run it belongs to. */
export type WorkerMessage = { runId: number } & (
  | { kind: 'progress'; progress: Progress }
  | { kind: 'done'; result: MatchResult; insights: RoundInsights }
  | { kind: 'failed'; message: string }
);

export interface MatchJob {
  id: string;
  cohortId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: Progress | null;
  roundId: string | null;
  error: string | null;
  startedAt: string;
  elapsedMs: number;
}

/** How a run is executed: in a worker thread in the app, in-line where workers cannot load TS. */
export type MatchRunner = (
  members: Member[],
  settings: MatchSettings,
  onProgress: (progress: Progress) => void,
) => { result: Promise<{ result: MatchResult; insights: RoundInsights }>; cancel: () => void };

/**
 * Runs each matching in a worker thread. A worker that finished a run is kept (one idle at most)
 * and takes the next run: its code is already compiled and optimised, which makes a re-run's solve
 * 2-3× faster than in a fresh thread (bench:match, "first" vs "warm"). Cancelling terminates the
 * thread, as a run cannot be interrupted otherwise; the next run starts a new one. An idle worker
 * is unref'd so it never keeps a process alive.
 */
export function workerRunner(workerFile: URL | string): MatchRunner {
  let idle: Worker | null = null;
  let nextRunId = 1;
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
    const runId = nextRunId++;
    let cancelled = false;
    let settled = false;
    const result = new Promise<{ result: MatchResult; insights: RoundInsights }>((resolve, reject) => {
      const finish = () => {
        settled = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.runId !== runId) return;
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
      worker.postMessage({ runId, members, settings } satisfies WorkerRequest);
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

/** Matching runs the app can poll and cancel; a finished run is saved as a draft round. */
export class MatchJobs {
  private readonly jobs = new Map<string, MatchJob & { cancel: () => void; started: number }>();

  constructor(
    private readonly store: Store,
    private readonly runner: MatchRunner,
  ) {}

  start(input: { cohortId: string; settings: MatchSettingsInput; name?: string }): MatchJob {
    const { members, settings } = prepareRound(this.store, input);
    const id = randomUUID();
    const run = this.runner(members, settings, (progress) => {
      const job = this.jobs.get(id);
      if (job && job.state === 'running') job.progress = progress;
    });
    const job = { id, cohortId: input.cohortId, state: 'running' as const, progress: null, roundId: null, error: null, startedAt: new Date().toISOString(), elapsedMs: 0, cancel: run.cancel, started: performance.now() };
    this.jobs.set(id, job);
    run.result.then(
      ({ result, insights }) => {
        const current = this.jobs.get(id)!;
        if (current.state !== 'running') return;
        try {
          const round = saveRound(this.store, { cohortId: input.cohortId, settings, result, insights, name: input.name });
          Object.assign(current, { state: 'done', roundId: round.id, elapsedMs: performance.now() - current.started });
        } catch (error) {
          Object.assign(current, { state: 'failed', error: (error as Error).message });
        }
      },
      (error: unknown) => {
        const current = this.jobs.get(id)!;
        if (current.state !== 'running') return;
        const cancelled = error instanceof MatchCancelled;
        Object.assign(current, { state: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : (error as Error).message, elapsedMs: performance.now() - current.started });
      },
    );
    return this.get(id);
  }

  get(id: string): MatchJob {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError(`No matching run ${id}`);
    const { cancel: _cancel, started, ...visible } = job;
    return { ...visible, elapsedMs: job.state === 'running' ? performance.now() - started : job.elapsedMs };
  }

  cancel(id: string): MatchJob {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError(`No matching run ${id}`);
    if (job.state === 'running') {
      job.cancel();
      Object.assign(job, { state: 'cancelled', elapsedMs: performance.now() - job.started });
    }
    return this.get(id);
  }
}
