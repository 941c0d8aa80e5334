import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../errors';
import { ImportRejectedError } from './commit';
import type { ImportResult, ImportRun, ImportStatus } from './contract';
import type { ImportRunner } from './runner';

interface TrackedImport {
  status: ImportStatus;
  started: number;
  /** Resolves when the import stops, whichever way: import.wait answers then. */
  stopped: Promise<void>;
  /** The failure as thrown, so import.run fails with the same error (and row problems) as before. */
  error?: unknown;
}

/** Finished imports kept for import.status and import.wait; older ones are forgotten. */
const KEPT_FINISHED = 20;

/** The imports under way in this process: started, watched (phase and counts), awaited. */
export class ImportJobs {
  private readonly imports = new Map<string, TrackedImport>();

  constructor(
    private readonly runner: ImportRunner,
    private readonly now: () => Date,
  ) {}

  start(input: ImportRun): ImportStatus {
    const id = randomUUID();
    const started = performance.now();
    const status: ImportStatus = {
      id,
      fileName: input.fileName,
      state: 'running',
      progress: { phase: 'reading', done: 0, total: 0 },
      startedAt: this.now().toISOString(),
      elapsedMs: 0,
      result: null,
      error: null,
    };
    const tracked: TrackedImport = { status, started, stopped: Promise.resolve() };
    const finish = (patch: Partial<ImportStatus>) => Object.assign(status, patch, { elapsedMs: performance.now() - started });
    tracked.stopped = this.runner
      .run(input, (progress) => {
        if (status.state === 'running') status.progress = progress;
      })
      .then(
        (result: ImportResult) => {
          finish({ state: 'done', result });
        },
        (error: unknown) => {
          tracked.error = error;
          const problems = error instanceof ImportRejectedError ? error.problems : [];
          finish({ state: 'failed', error: { message: error instanceof Error ? error.message : String(error), problems } });
        },
      )
      .finally(() => this.forgetOldest());
    this.imports.set(id, tracked);
    return this.status(id);
  }

  private tracked(id: string): TrackedImport {
    const tracked = this.imports.get(id);
    if (!tracked) throw new NotFoundError(`No import ${id} is under way or recently finished in this workspace`);
    return tracked;
  }

  status(id: string): ImportStatus {
    const { status, started } = this.tracked(id);
    return { ...status, elapsedMs: status.state === 'running' ? performance.now() - started : status.elapsedMs };
  }

  async wait(id: string): Promise<ImportStatus> {
    await this.tracked(id).stopped;
    return this.status(id);
  }

  /** start + wait: the result, or the import's own error (a rejected file's ImportRejectedError with its problems). */
  async run(input: ImportRun): Promise<ImportResult> {
    const { id } = this.start(input);
    const tracked = this.tracked(id);
    await tracked.stopped;
    this.imports.delete(id);
    if (tracked.status.state === 'done') return tracked.status.result!;
    throw tracked.error;
  }

  private forgetOldest(): void {
    const finished = [...this.imports].filter(([, t]) => t.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED))) this.imports.delete(id);
  }
}
