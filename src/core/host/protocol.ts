import type { CallResult } from '../api/contract';

/**
 * The core host's messages. The host owns the workspace (store, handlers, dispatch) off the thread that
 * serves windows or HTTP: a worker thread for the web bridge, an Electron utility process for the app.
 * The same messages cross both (structured clone).
 */

/** What the host needs to open a workspace; every path is absolute. */
export interface HostOptions {
  dbPath: string;
  /** Folder with the bundled resources (the sample cohort). */
  resourcesDir: string;
  /** The matching worker: src/core/runs/worker.ts, or out/main/match-worker.js in the app. */
  matchWorkerFile: string;
  /** The import worker: src/core/import/worker.ts, or out/main/import-worker.js in the app. */
  importWorkerFile: string;
}

/** Parent → host: open once, then calls, then close. */
export type ToHost = { open: HostOptions } | HostCall | { close: true };

/** One contract call; answered by a HostReply with the same id. */
export interface HostCall {
  id: number;
  method: string;
  input: unknown;
}

export interface HostReply {
  id: number;
  result: CallResult;
}

/** Host → parent, unasked: the workspace opened (or could not be), the host closed. */
export type HostEvent =
  | { event: 'ready'; data: { path: string } }
  | { event: 'failed'; data: { message: string } }
  | { event: 'closed'; data: Record<string, never> };

export type FromHost = HostReply | HostEvent;
