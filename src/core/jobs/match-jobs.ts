import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Store } from '../db/store';
import type { Member } from '../domain/participant';
import { NotFoundError } from '../errors';
import { MatchCancelled, matchCohortAsync, type MatchResult, type MatchSettings, type MatchSettingsInput, type Progress } from '../matching';
import { computeInsights, prepareRound, saveRound, type RoundInsights } from '../rounds/rounds';

export type WorkerMessage =
  | { kind: 'progress'; progress: Progress }
  | { kind: 'done'; result: MatchResult; insights: RoundInsights }
  | { kind: 'failed'; message: string };

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

export function workerRunner(workerFile: URL | string): MatchRunner {
  return (members, settings, onProgress) => {
    const worker = new Worker(workerFile, { workerData: { members, settings } });
    let cancelled = false;
    const result = new Promise<{ result: MatchResult; insights: RoundInsights }>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'progress') onProgress(message.progress);
        else if (message.kind === 'done') resolve({ result: message.result, insights: message.insights });
        else reject(new Error(message.message));
        if (message.kind !== 'progress') void worker.terminate();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (cancelled) reject(new MatchCancelled());
        else if (code !== 0) reject(new Error(`The matching worker stopped unexpectedly (exit code ${code})`));
      });
    });
    return {
      result,
      cancel: () => {
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
