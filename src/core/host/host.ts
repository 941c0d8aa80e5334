import type { CallResult } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { createHandlers, type Handlers } from '../api/handlers';
import { openStore } from '../db/open';
import type { Sqlite } from '../db/store';
import { importHandlers } from '../import/handlers';
import { workerImportRunner, type ImportRunner } from '../import/runner';
import { workerRunner } from '../runs/runner';
import type { FromHost, HostCall, HostOptions } from './protocol';

/** An open workspace as the host serves it. */
export interface Core {
  path: string;
  handlers: Handlers;
  close(): void;
}

/** Opens the workspace file and builds every feature's handlers over it. */
export async function openCore(options: HostOptions): Promise<Core> {
  const store = await openStore(options.dbPath);
  const context = { store, resourcesDir: options.resourcesDir, matchRunner: workerRunner(options.matchWorkerFile), now: () => new Date() };
  // Imports read, check and write in a thread of their own, on their own connection to the file, so
  // that this thread keeps answering while a large file is imported.
  const imports = workerImportRunner({ workerFile: options.importWorkerFile, dbPath: store.path });
  const handlers: Handlers = { ...createHandlers(context), ...importHandlers(context, imports) };
  return { path: store.path, handlers: waitingOutImportWrites(handlers, store.sqlite, imports), close: () => store.close() };
}

const isBusy = (error: unknown) => typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');

/**
 * A call that writes while an import holds the write lock would wait for it in SQLite's busy handler,
 * which sleeps this thread: every other call would wait too (a write during a 10,000-row import's write
 * held the host ~0.8 s). So while an import writes, each call runs its synchronous part with no busy
 * wait; if it meets the lock before changing anything, it waits for the import asynchronously and runs
 * again. Calls that do not write never notice. Work outside calls (saving a finished matching run) keeps
 * the ordinary busy timeout.
 */
export function waitingOutImportWrites(handlers: Handlers, sqlite: Sqlite, imports: Pick<ImportRunner, 'writesSettled'>): Handlers {
  const totalChanges = sqlite.prepare('SELECT total_changes() AS n').pluck();
  const wrapped: Record<string, (input: unknown) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown) => unknown][]) {
    wrapped[name] = async (input: unknown) => {
      for (;;) {
        const importWrites = imports.writesSettled?.() ?? null;
        if (!importWrites) return handler(input);
        const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
        const changesBefore = totalChanges.get();
        let result: unknown;
        sqlite.pragma('busy_timeout = 0');
        try {
          result = handler(input);
        } catch (error) {
          // Met the lock with nothing of this call written (a committed earlier step would change the count): run it again later.
          if (isBusy(error) && totalChanges.get() === changesBefore) {
            await importWrites;
            continue;
          }
          throw error;
        } finally {
          sqlite.pragma(`busy_timeout = ${busyTimeout}`);
        }
        return result;
      }
    };
  }
  return wrapped as Handlers;
}

/** What an entry point gives the host: a way to answer, a stream of messages, and a way to end. */
export interface HostPort {
  post(message: FromHost): void;
  onMessage(listener: (message: unknown) => void): void;
  exit(code: number): void;
}

const failure = (message: string, code: 'internal' | 'user' = 'internal'): CallResult => ({ ok: false, error: { code, message } });

/** Answers one call. Never throws: unknown methods, bad input and failing handlers all become a CallResult. */
export async function answer(handlers: Handlers, call: { method?: unknown; input?: unknown }): Promise<CallResult> {
  const method = typeof call.method === 'string' ? call.method : '';
  try {
    return await dispatch(handlers, method, call.input);
  } catch (error) {
    return failure(`Something went wrong in ${method}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The host's message loop: `{open}` once, then `{id, method, input}` answered by `{id, result}` in
 * whatever order the calls finish, then `{close}`. Calls that arrive while the workspace opens wait for it.
 */
export function serveCore(port: HostPort, open: (options: HostOptions) => Promise<Core> = openCore): void {
  let core: Promise<Core> | undefined;
  const post = (message: FromHost) => {
    try {
      port.post(message);
    } catch (error) {
      // A value that cannot cross (structured clone) is a bug; the caller still gets an answer.
      if ('id' in message) port.post({ id: message.id, result: failure(`Something went wrong: the answer could not be sent (${(error as Error).message})`) });
      else console.error('[pairwise host] could not send', message, error);
    }
  };

  port.onMessage((message) => {
    if (!isRecord(message)) return console.error('[pairwise host] ignored a message that is not an object');
    if (isRecord(message.open)) {
      if (core) return console.error('[pairwise host] ignored a second open');
      core = open(message.open as unknown as HostOptions);
      core.then(
        (opened) => post({ event: 'ready', data: { path: opened.path } }),
        (error: unknown) => post({ event: 'failed', data: { message: error instanceof Error ? error.message : String(error) } }),
      );
      return;
    }
    if (message.close === true) {
      void (core ?? Promise.reject(new Error('not open')))
        .then((opened) => opened.close(), () => {})
        .finally(() => {
          post({ event: 'closed', data: {} });
          port.exit(0);
        });
      return;
    }
    if (typeof message.id !== 'number') return console.error('[pairwise host] ignored a message without an id');
    const call = message as unknown as HostCall;
    if (!core) return post({ id: call.id, result: failure('The workspace is not open yet') });
    void core
      .then(
        (opened) => answer(opened.handlers, call),
        (error: unknown) => failure(`The workspace could not be opened: ${error instanceof Error ? error.message : String(error)}`, 'user'),
      )
      .then((result) => post({ id: call.id, result }));
  });
}
