import type { Store } from '../db/store';
import type { Writer } from '../db/writer';
import { InvalidInputError, UserError } from '../errors';
import { ensureProgramAndCohort, findCohortByName, findProgramByName, getCohort, getProgram } from '../programs/programs';
import { commitImport } from './commit';
import type { ImportFile, ImportPhase, ImportPreview, ImportProgress, ImportResult, ImportRun } from './contract';
import { applyMappingOverrides, type ColumnMapping } from './fields';
import { detectTableMapping, previewImport, rememberedColumns } from './index';
import { readTable } from './read-table';
import { missingRequiredFields, validateTable, type ValidatedTable } from './validate';

/**
 * The work behind import.preview and import.run, on a given connection: the import worker runs it on its
 * own connection (src/core/import/worker.ts), the CLI and tests on the caller's. Reports its phases.
 */

/** What the import worker is asked to do: the contract's own inputs (the file still in base64). */
export type ImportTask = { kind: 'preview'; input: ImportFile } | { kind: 'run'; input: ImportRun };

export interface TaskOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Time (Date.now()) after which writing stops and rolls back: the worker's own, cooperative limit. */
  deadline?: number;
  /** The error to throw at the deadline. */
  timeLimitError?: () => Error;
}

const decode = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

/** The program and cohort an import goes to, as far as they exist yet (named ones may be created by it). */
function targetOf(store: Store, input: ImportFile): { programId: string | null; cohortId: string | null } {
  if (input.cohortId !== undefined) return { programId: getCohort(store, input.cohortId).programId, cohortId: input.cohortId };
  const programId = findProgramByName(store, input.program!)?.id ?? null;
  return { programId, cohortId: programId === null ? null : (findCohortByName(store, programId, input.cohort!)?.id ?? null) };
}

export async function runPreviewTask(store: Store, input: ImportFile): Promise<ImportPreview> {
  return previewImport(store, { fileName: input.fileName, bytes: decode(input.dataBase64), mapping: input.mapping, mappingOverrides: input.mappingOverrides, ...targetOf(store, input) });
}

/**
 * The steps of prepareImport (src/core/import/index.ts) one at a time, so that reading and checking are
 * reported apart; same checks, same messages.
 */
async function readAndCheck(store: Store, input: ImportRun, report: (phase: ImportPhase, done: number, total: number) => void): Promise<ValidatedTable> {
  const bytes = decode(input.dataBase64);
  report('reading', 0, bytes.length);
  const table = await readTable(input.fileName, bytes);
  const rows = table.rows.filter((cells) => cells.some((c) => c.trim() !== '')).length;
  report('checking', 0, rows);
  // The same detection as the wizard's preview: the program's remembered columns, question headers checked against their answers.
  let mapping = input.mapping ?? detectTableMapping(table, rememberedColumns(store, targetOf(store, input).programId)).mapping;
  if (input.mappingOverrides !== undefined) {
    try {
      mapping = applyMappingOverrides(mapping, input.mappingOverrides);
    } catch (error) {
      throw new InvalidInputError((error as Error).message);
    }
  }
  if (mapping.length !== table.headers.length || mapping.some((m, i) => m.column !== table.headers[i])) {
    throw new UserError('The column mapping does not match the file’s columns: load the file again');
  }
  const missing = missingRequiredFields(mapping);
  if (missing.length > 0) throw new UserError(`Map a column to each required field: ${missing.join(', ')}`);
  const validated = validateTable(table, mapping);
  report('checking', rows, rows);
  return validated;
}

/** A writer that counts people written (one insert or update of `people` per accepted row). */
function countingWriter(writer: Writer, onPerson: () => void): Writer {
  const counting = Object.create(writer) as Writer;
  counting.insert = (table, values) => {
    const id = writer.insert(table, values);
    if (table === 'people') onPerson();
    return id;
  };
  counting.update = (table, id, patch) => {
    const changed = writer.update(table, id, patch);
    if (table === 'people') onPerson();
    return changed;
  };
  return counting;
}

/** A view of `store` whose transactions hand out the counting writer; reads and the connection are the store's. */
function countingStore(store: Store, onPerson: () => void): Store {
  const view = Object.create(store) as Store;
  view.transact = (fn) => store.transact((writer) => fn(countingWriter(writer, onPerson)));
  return view;
}

/** Reads, checks and writes a file: program, cohort (when named) and rows in one transaction, or nothing. */
export async function runImportTask(store: Store, input: ImportRun, options: TaskOptions = {}): Promise<ImportResult> {
  let lastReport = 0;
  const report = (phase: ImportPhase, done: number, total: number, force = true) => {
    const now = Date.now();
    // A few reports a second are enough for a progress bar; phase changes and the last row always go.
    if (!force && now - lastReport < 50 && done !== total) return;
    lastReport = now;
    options.onProgress?.({ phase, done, total });
  };
  // Reading and checking happen before the transaction: a rejected file writes nothing, not even its cohort.
  const validated = await readAndCheck(store, input, report);
  const total = validated.valid.length;
  let written = 0;
  const onPerson = () => {
    written += 1;
    if (written % 100 === 0) {
      if (options.deadline !== undefined && Date.now() > options.deadline) throw options.timeLimitError?.() ?? new Error('Time limit reached');
      report('writing', written, total, false);
    }
  };
  const result = store.transact(() => {
    // Reported once the write lock is held (BEGIN IMMEDIATE), so the app knows its own writes would wait.
    report('writing', 0, total);
    const cohort = input.cohortId !== undefined ? getCohort(store, input.cohortId) : ensureProgramAndCohort(store, input.program!, input.cohort!);
    const summary = commitImport(countingStore(store, onPerson), cohort.id, validated, { skipInvalid: input.skipInvalid });
    // The last check before COMMIT: past the limit, roll back rather than finish.
    if (options.deadline !== undefined && Date.now() > options.deadline) throw options.timeLimitError?.() ?? new Error('Time limit reached');
    return { ...summary, program: getProgram(store, cohort.programId), cohort: getCohort(store, cohort.id) };
  });
  report('writing', total, total);
  return result;
}
