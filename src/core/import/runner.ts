import { Worker } from 'node:worker_threads';
import { ZodError } from 'zod';
import type { Store } from '../db/store';
import { InvalidInputError, NotFoundError, UserError } from '../errors';
import { ImportRejectedError } from './commit';
import type { ImportFile, ImportPreview, ImportProgress, ImportResult, ImportRun, RowProblem } from './contract';
import { runImportTask, runPreviewTask, type ImportTask } from './tasks';

/**
 * How an import's work executes: in a worker thread with its own connection to the workspace file in the
 * app and the web bridge (the thread answering calls stays free, and a bad file cannot take it down), or
 * in-line on the caller's connection in the CLI and tests. Job bookkeeping is in jobs.ts.
 */
export interface ImportRunner {
  preview(input: ImportFile): Promise<ImportPreview>;
  run(input: ImportRun, onProgress: (progress: ImportProgress) => void): Promise<ImportResult>;
  /**
   * While an import on another connection holds the write lock: a promise that settles when none does
   * (its transaction committed or rolled back). Null when no import is writing.
   */
  writesSettled?(): Promise<void> | null;
}

export function inlineImportRunner(store: Store): ImportRunner {
  return {
    preview: (input) => runPreviewTask(store, input),
    run: (input, onProgress) => runImportTask(store, input, { onProgress }),
  };
}

/** Parent → worker: one task, the file to open, and when to give up. */
export interface ImportWorkerRequest {
  taskId: number;
  dbPath: string;
  task: ImportTask;
  /** Date.now() after which the worker rolls back by itself (the parent terminates it a little later). */
  deadline: number;
  limitText: string;
}

/** An error as it crosses from the worker: enough to throw the same kind of error on this side. */
export type SerializedError =
  | { kind: 'rejected'; message: string; problems: RowProblem[] }
  | { kind: 'not-found' | 'invalid-input' | 'user' | 'internal'; message: string };

/** Worker → parent, tagged with the task it belongs to. */
export type ImportWorkerMessage = { taskId: number } & (
  | { kind: 'progress'; progress: ImportProgress }
  | { kind: 'done'; value: ImportPreview | ImportResult }
  | { kind: 'failed'; error: SerializedError }
);

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ImportRejectedError) return { kind: 'rejected', message: error.message, problems: error.problems };
  if (error instanceof NotFoundError) return { kind: 'not-found', message: error.message };
  if (error instanceof InvalidInputError) return { kind: 'invalid-input', message: error.message };
  if (error instanceof UserError) return { kind: 'user', message: error.message };
  if (error instanceof ZodError) return { kind: 'user', message: error.issues.map((issue) => issue.message).join('; ') };
  if (String((error as { code?: unknown })?.code).startsWith('SQLITE_BUSY')) {
    return { kind: 'user', message: 'Another change to this workspace took too long to finish, so this import was not written. Nothing was imported; try again.' };
  }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function reviveError(error: SerializedError): Error {
  switch (error.kind) {
    case 'rejected':
      return new ImportRejectedError(error.problems);
    case 'not-found':
      return new NotFoundError(error.message);
    case 'invalid-input':
      return new InvalidInputError(error.message);
    case 'user':
      return new UserError(error.message);
    default:
      return new Error(error.message);
  }
}

/** An import (or its check) stopped by its limits; nothing was written. */
export class ImportStoppedError extends UserError {}

const ADVICE = 'Check that it is the registration form’s export (CSV or .xlsx), or split it into smaller files.';

function what(task: ImportTask): string {
  return `${task.kind === 'run' ? 'Importing' : 'Checking'} “${task.input.fileName}”`;
}

export function timeLimitError(task: ImportTask, limitText: string): ImportStoppedError {
  const nothing = task.kind === 'run' ? ' Nothing was imported.' : '';
  return new ImportStoppedError(`${what(task)} took longer than ${limitText}, the limit for one file, so it was stopped.${nothing} ${ADVICE}`);
}

function memoryLimitError(task: ImportTask, megabytes: number): ImportStoppedError {
  const nothing = task.kind === 'run' ? ' Nothing was imported.' : '';
  return new ImportStoppedError(`${what(task)} needed more than ${megabytes} MB of memory, the limit for one file, so it was stopped.${nothing} ${ADVICE}`);
}

const describeDuration = (ms: number) =>
  ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : ms >= 1000 ? `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s` : `${ms} ms`;

export interface ImportWorkerOptions {
  /** src/core/import/worker.ts, or its bundle (out/main/import-worker.js). */
  workerFile: string | URL;
  /** The workspace file: the worker opens its own connection to it. */
  dbPath: string;
  /** One file's time limit, reading to commit. */
  timeoutMs?: number;
  /** The worker's heap limit (V8 old generation). */
  maxMemoryMb?: number;
  /** For the terminate after the worker's own deadline: what it gets to roll back and say so. */
  graceMs?: number;
  /** Node options for the thread (tests pass the TypeScript loader). */
  execArgv?: string[];
}

/** 10,000 rows take about a second to read, check and write; a hundred times that is not a registration export. */
export const IMPORT_TIME_LIMIT_MS = 120_000;
/** 10,000 rows import within a 64 MB heap from CSV and 96 MB from XLSX (measured): ten times that and more. */
export const IMPORT_MEMORY_LIMIT_MB = 1024;

/**
 * Runs each import (or preview) in a worker thread with its own SQLite connection. Its heap is limited
 * (resourceLimits) and so is its time: at the deadline the worker rolls its transaction back by itself;
 * if it is stuck in a parser instead, it is terminated a little later, which also ends its connection
 * (an open transaction rolls back). Either way the caller gets an error saying what happened, and the
 * thread that serves calls is untouched. A worker that finished its task is kept (one idle at most, with
 * its connection) for the next: starting one costs more than a 10,000-row CSV takes to check.
 */
export function workerImportRunner(options: ImportWorkerOptions): ImportRunner {
  const timeoutMs = options.timeoutMs ?? IMPORT_TIME_LIMIT_MS;
  const maxMemoryMb = options.maxMemoryMb ?? IMPORT_MEMORY_LIMIT_MB;
  const graceMs = options.graceMs ?? 2000;
  const limitText = describeDuration(timeoutMs);
  let idle: Worker | null = null;
  let nextTaskId = 1;
  /** Tasks in their write transaction, and who waits for there to be none. */
  const writing = new Set<number>();
  let waiting: (() => void)[] = [];
  const writeEnded = (taskId: number) => {
    if (!writing.delete(taskId) || writing.size > 0) return;
    const waiters = waiting;
    waiting = [];
    for (const wake of waiters) wake();
  };

  const startWorker = () => {
    const worker = new Worker(options.workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
      ...(options.execArgv ? { execArgv: options.execArgv } : {}),
    });
    // A task's own listeners report its errors; this one keeps an error while idle from being unhandled.
    worker.on('error', () => {});
    worker.on('exit', () => {
      if (idle === worker) idle = null;
    });
    return worker;
  };

  const execute = <T>(task: ImportTask, onProgress: (progress: ImportProgress) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const worker = idle ?? startWorker();
      idle = null;
      worker.ref();
      const taskId = nextTaskId++;
      const stopped = (detail: string) =>
        new ImportStoppedError(`${what(task)} stopped unexpectedly (${detail}).${task.kind === 'run' ? ' Nothing was imported.' : ''}`);
      const finish = (outcome: () => void, keep: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        outcome();
        // A worker that answered has committed or rolled back; one that is ended holds its lock until it is gone.
        if (keep) writeEnded(taskId);
        if (keep && idle === null) {
          worker.unref();
          idle = worker;
        } else void worker.terminate().finally(() => writeEnded(taskId));
      };
      const timer = setTimeout(() => finish(() => reject(timeLimitError(task, limitText)), false), timeoutMs + graceMs);
      const onMessage = (message: ImportWorkerMessage) => {
        if (message.taskId !== taskId) return;
        if (message.kind === 'progress') {
          if (message.progress.phase === 'writing') writing.add(taskId);
          onProgress(message.progress);
        }
        else if (message.kind === 'done') finish(() => resolve(message.value as T), true);
        else finish(() => reject(reviveError(message.error)), true);
      };
      const onError = (error: Error & { code?: string }) =>
        finish(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memoryLimitError(task, maxMemoryMb) : stopped(error.message)), false);
      const onExit = (code: number) => finish(() => reject(stopped(`exit code ${code}`)), false);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ taskId, dbPath: options.dbPath, task, deadline: Date.now() + timeoutMs, limitText } satisfies ImportWorkerRequest);
    });

  return {
    preview: (input) => execute<ImportPreview>({ kind: 'preview', input }, () => {}),
    run: (input, onProgress) => execute<ImportResult>({ kind: 'run', input }, onProgress),
    writesSettled: () => (writing.size === 0 ? null : new Promise<void>((resolve) => waiting.push(resolve))),
  };
}
