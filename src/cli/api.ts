import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CallResult, MethodInput, MethodName, MethodOutput } from '../core/api/contract';
import { dispatch } from '../core/api/dispatch';
import { createHandlers, type Handlers } from '../core/api/handlers';
import { openStore } from '../core/db/open';
import { UserError } from '../core/errors';
import { defaultDatabasePath } from '../core/workspace/paths';

/** What every command shares: its output, its errors and exit codes, its arguments, the workspace through the contract. */

export type Output = { out: (text: string) => void; err: (text: string) => void };

/** A failure the CLI reports as is: usage mistakes exit 2, data mistakes 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}
export const usage = (message: string) => new CliError(message, 2);

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, db: { type: 'string' as const } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage((error as Error).message);
  }
}

export function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw usage(`${flag} is required`);
  return value;
}

export function noPositionals(command: string, positionals: string[]): void {
  if (positionals.length > 0) throw usage(`${command} takes no FILE (got "${positionals[0]}")`);
}

export function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
  }
}

/** The contract, as the commands use it: a failed call becomes the exit code its error code calls for. */
export interface Api {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  raw(method: string, input: unknown): Promise<CallResult>;
}

export function failure(result: Extract<CallResult, { ok: false }>): CliError {
  return new CliError(result.error.message, result.error.code === 'invalid-input' ? 2 : 1);
}

/** Opens the workspace for one command; commands that only read pass `readOnly`, which never creates or writes the file. */
export async function withApi<T>(dbPath: string | undefined, fn: (api: Api) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  // A file Pairwise refuses (newer, damaged, read-only, missing…) comes with a message naming it and saying what to do.
  const store = await openStore(dbPath ?? defaultDatabasePath(), { readOnly: options.readOnly === true }).catch((error: unknown) => {
    throw error instanceof UserError ? new CliError(error.message, 1) : error;
  });
  const handlers: Handlers = createHandlers({ store, resourcesDir: join(import.meta.dirname, '../../resources') });
  const api: Api = {
    raw: (method, input) => dispatch(handlers, method, input),
    async call(method, input) {
      const result = await dispatch(handlers, method, input);
      if (!result.ok) throw failure(result);
      return result.value as MethodOutput<typeof method>;
    },
  };
  try {
    return await fn(api);
  } finally {
    store.close();
  }
}

export const cohortOptions = { cohort: { type: 'string' }, program: { type: 'string' } } as const;

export function findCohort(api: Api, values: { cohort?: string | boolean; program?: string | boolean }) {
  return api.call('cohorts.find', { name: required(values.cohort, '--cohort'), program: typeof values.program === 'string' ? values.program : undefined });
}

