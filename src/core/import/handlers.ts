import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { importContract } from './contract';
import { ImportJobs } from './jobs';
import { inlineImportRunner, type ImportRunner } from './runner';

/**
 * `runner` decides where the work happens: in-line on the context's connection by default (the CLI,
 * tests), in a worker thread with its own connection in the core host (src/core/host), which passes
 * `workerImportRunner`.
 */
export function importHandlers({ store, now }: CoreContext, runner: ImportRunner = inlineImportRunner(store)): SliceHandlers<typeof importContract> {
  const jobs = new ImportJobs(runner, now);
  return {
    'import.preview': (input) => runner.preview(input),
    'import.start': (input) => jobs.start(input),
    'import.status': (input) => jobs.status(input.importId),
    'import.wait': (input) => jobs.wait(input.importId),
    'import.run': (input) => jobs.run(input),
  };
}
