import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { Store } from '../db/store';
import { findCohortByName, findProgramByName, getCohort } from '../programs/programs';
import type { importContract, ImportFile } from './contract';
import type { ColumnMapping } from './fields';
import { previewForTarget, rememberConfirmedMapping, rowsToFixCsv } from './index';
import { ImportJobs } from './jobs';
import { inlineImportRunner, type ImportRunner } from './runner';

/** The cohort an import goes into, if it exists yet: by id (the app), or by program and cohort name (the CLI). */
function targetCohort(store: Store, input: ImportFile): { programId: string | null; cohortId: string | null } {
  if (input.cohortId !== undefined) return { programId: getCohort(store, input.cohortId).programId, cohortId: input.cohortId };
  const program = input.program === undefined ? undefined : findProgramByName(store, input.program);
  if (!program) return { programId: null, cohortId: null };
  return { programId: program.id, cohortId: (input.cohort === undefined ? undefined : findCohortByName(store, program.id, input.cohort))?.id ?? null };
}

/** Remembering is a convenience: a workspace opened read-only, or a write that cannot happen now, does not fail the call. */
function remember(store: Store, programId: string | null, mapping: ColumnMapping | undefined): void {
  if (programId === null || mapping === undefined) return;
  try {
    rememberConfirmedMapping(store, programId, mapping);
  } catch (error) {
    console.warn('[pairwise] could not remember the import mapping:', (error as Error).message);
  }
}

/**
 * `runner` decides where the work happens: in-line on the context's connection by default (the CLI,
 * tests), in a worker thread with its own connection in the core host (src/core/host), which passes
 * `workerImportRunner`.
 *
 * A mapping the caller sends (the wizard's, once the coordinator has checked it) is remembered for the
 * program's next import when a preview with it has every required field, and when an import with it is done.
 */
export function importHandlers({ store, now }: CoreContext, runner: ImportRunner = inlineImportRunner(store)): SliceHandlers<typeof importContract> {
  const jobs = new ImportJobs(runner, now);
  return {
    'import.preview': async (input) => {
      const preview = await runner.preview(input);
      const target = targetCohort(store, input);
      if (preview.missingFields.length === 0) remember(store, target.programId, input.mapping);
      return previewForTarget(preview, target.cohortId);
    },
    'import.start': (input) => {
      const status = jobs.start(input);
      if (input.mapping !== undefined) {
        void jobs.wait(status.id).then(
          (finished) => {
            if (finished.result) remember(store, finished.result.program.id, input.mapping);
          },
          () => {},
        );
      }
      return status;
    },
    'import.status': (input) => jobs.status(input.importId),
    'import.wait': (input) => jobs.wait(input.importId),
    'import.run': async (input) => {
      const result = await jobs.run(input);
      remember(store, result.program.id, input.mapping);
      return result;
    },
    'import.rowsToFix': (input) => {
      const file = rowsToFixCsv(input);
      return { fileName: file.fileName, mimeType: file.mimeType, dataBase64: Buffer.from(file.bytes).toString('base64') };
    },
  };
}
