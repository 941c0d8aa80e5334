import { randomUUID } from 'node:crypto';
import type { Store } from '../db/store';
import { NotFoundError } from '../errors';
import { MatchCancelled, type MatchSettings } from '../matching';
import type { Member } from '../domain/participant';
import type { RunStatus } from './contract';
import type { MatchRunner } from './runner';
import { saveRun } from './runs';

interface TrackedRun {
  status: RunStatus;
  cancel: () => void;
  started: number;
  /** Resolves when the run stops, whichever way: runs.wait answers then. */
  stopped: Promise<void>;
}

/**
 * The runs under way in this process: started, watched (progress), cancelled. A run gets its id when it
 * starts; when it finishes it is saved under that id as a draft, so the same id opens the saved run.
 */
export class RunJobs {
  private readonly runs = new Map<string, TrackedRun>();

  constructor(
    private readonly store: Store,
    private readonly runner: MatchRunner,
    private readonly now: () => Date,
  ) {}

  start(input: { cohortId: string; members: Member[]; settings: MatchSettings; name?: string }): RunStatus {
    const id = randomUUID();
    const started = performance.now();
    const status: RunStatus = { id, cohortId: input.cohortId, state: 'running', progress: null, error: null, startedAt: this.now().toISOString(), elapsedMs: 0 };
    const task = this.runner(input.members, input.settings, (progress) => {
      if (status.state === 'running') status.progress = progress;
    });
    const stop = (patch: Partial<RunStatus>) => {
      if (status.state !== 'running') return;
      Object.assign(status, patch, { elapsedMs: performance.now() - started });
    };
    const stopped = task.result.then(
      ({ result, insights }) => {
        if (status.state !== 'running') return;
        try {
          saveRun(this.store, { id, cohortId: input.cohortId, settings: input.settings, result, insights, name: input.name });
          stop({ state: 'done' });
        } catch (error) {
          stop({ state: 'failed', error: (error as Error).message });
        }
      },
      (error: unknown) => {
        const cancelled = error instanceof MatchCancelled;
        stop({ state: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : (error as Error).message });
      },
    );
    this.runs.set(id, { status, cancel: task.cancel, started, stopped });
    return this.status(id);
  }

  private tracked(id: string): TrackedRun {
    const run = this.runs.get(id);
    if (!run) throw new NotFoundError(`No matching run ${id} is under way in this window (it may have finished before a restart: see the run list)`);
    return run;
  }

  status(id: string): RunStatus {
    const run = this.tracked(id);
    return { ...run.status, elapsedMs: run.status.state === 'running' ? performance.now() - run.started : run.status.elapsedMs };
  }

  async wait(id: string): Promise<RunStatus> {
    await this.tracked(id).stopped;
    return this.status(id);
  }

  cancel(id: string): RunStatus {
    const run = this.tracked(id);
    if (run.status.state === 'running') {
      run.cancel();
      Object.assign(run.status, { state: 'cancelled', elapsedMs: performance.now() - run.started });
    }
    return this.status(id);
  }
}
