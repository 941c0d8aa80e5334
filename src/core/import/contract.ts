import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Cohort, EntityName, Program } from '../domain/program';
import { Id } from '../domain/ids';
import { ColumnMapping } from './fields';

/** One problem with one cell, in the words the coordinator sees: line N, column "X", value "v": reason. */
export const RowProblem = z.object({ line: z.number().int(), column: z.string(), value: z.string(), message: z.string() });
export type RowProblem = z.infer<typeof RowProblem>;

/** What an import would do or did, person by person: added to the program, updated (a value changes, or they join the cohort), or left as they are. */
export const ImportOutcome = z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export type ImportOutcome = z.infer<typeof ImportOutcome>;

const FileRow = z.object({ line: z.number().int(), cells: z.array(z.string()) });

export const ImportPreview = z.object({
  headers: z.array(z.string()),
  mapping: ColumnMapping,
  missingFields: z.array(z.string()),
  /** Columns mapped as the program's last confirmed import mapped the same header. */
  rememberedColumns: z.number().int(),
  /** About the mapping and the file's shape: a keyword guess left out because of its answers, a Qualtrics export. */
  notes: z.array(z.string()),
  rows: z.array(FileRow),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidLines: z.array(z.number().int()),
  /** Every row with a problem, its cells as in the file: what "rows to fix" writes back out. */
  invalidRows: z.array(FileRow),
  problems: z.array(RowProblem),
  /** Valid rows whose email the program already has (they update those people, or leave them unchanged). */
  updates: z.number().int(),
  /** What importing the valid rows into the cohort would do, counted as the import's result counts it. */
  outcome: ImportOutcome,
});
/**
 * The preview as the core passes it around: the import worker, told the program but not the cohort,
 * also counts the outcome for each of the program's cohorts; import.preview keeps the target's and drops
 * the rest (src/core/import/index.ts previewForTarget). Never part of the answer.
 */
export type ImportPreview = z.infer<typeof ImportPreview> & { outcomeByCohort?: Record<string, ImportOutcome> };

export const ImportSummary = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  /** Problems of the skipped lines, so the coordinator can fix them in the form and import again. */
  problems: z.array(RowProblem),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/**
 * Where the rows go: a cohort by id (the app), or a program and cohort by name, created if new (the CLI);
 * with names, program, cohort and rows commit together, so a rejected file leaves no empty cohort behind.
 */
const Target = z.object({
  cohortId: Id.optional(),
  program: EntityName.optional(),
  cohort: EntityName.optional(),
});

const ImportFile = Target.extend({
  fileName: z.string().min(1).max(260),
  /** The file's bytes, base64: the same over IPC, HTTP and in tests. */
  dataBase64: z.string().max(80_000_000, 'The file is larger than 60 MB'),
  mapping: ColumnMapping.optional(),
  /** "Header=field, Header=field": changes to the detected mapping (the CLI's --map). */
  mappingOverrides: z.string().max(5000).optional(),
});
const oneTarget = (f: z.infer<typeof Target>) => (f.cohortId !== undefined) !== (f.program !== undefined && f.cohort !== undefined);
const ONE_TARGET = { message: 'Give either cohortId, or both program and cohort' };
export type ImportFile = z.infer<typeof ImportFile>;

const ImportRun = ImportFile.extend({ skipInvalid: z.boolean() }).refine(oneTarget, ONE_TARGET);
export type ImportRun = z.infer<typeof ImportRun>;

export const ImportResult = ImportSummary.extend({ program: Program, cohort: Cohort });
export type ImportResult = z.infer<typeof ImportResult>;

/** Where an import is: reading the file, checking every row, or writing them in one transaction. */
export const ImportPhase = z.enum(['reading', 'checking', 'writing']);
export type ImportPhase = z.infer<typeof ImportPhase>;

export const ImportProgress = z.object({
  phase: ImportPhase,
  /** Rows done in this phase, of `total` (reading: 0 of the file's bytes until it is read). */
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** An import under way or finished, polled like a matching run: the app keeps answering meanwhile. */
export const ImportStatus = z.object({
  id: z.string(),
  fileName: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  progress: ImportProgress,
  startedAt: z.string(),
  elapsedMs: z.number(),
  /** When done: what was written. */
  result: ImportResult.nullable(),
  /** When failed: why, in the coordinator's words, with a rejected file's row problems; nothing was written. */
  error: z.object({ message: z.string(), problems: z.array(RowProblem) }).nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

const ImportRef = z.object({ importId: Id });

/** The rows an import skipped, as they were in the file, with the problems found: written back out as a CSV to fix. */
const RowsToFix = z.object({
  fileName: z.string().min(1).max(260),
  headers: z.array(z.string().max(10_000)).max(2000),
  rows: z.array(FileRow).max(200_000),
  problems: z.array(RowProblem).max(1_000_000),
});
export type RowsToFix = z.infer<typeof RowsToFix>;

export const SavedFile = z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string() });

export const importContract = defineContract({
  'import.preview': { input: ImportFile.refine(oneTarget, ONE_TARGET), output: ImportPreview },
  /** Starts an import and answers at once; watch it with import.status (or import.wait). */
  'import.start': { input: ImportRun, output: ImportStatus },
  'import.status': { input: ImportRef, output: ImportStatus },
  /** Answers when the import has stopped, done or failed. */
  'import.wait': { input: ImportRef, output: ImportStatus },
  /** start + wait, answering with the result or failing with the import's error (the CLI). */
  'import.run': { input: ImportRun, output: ImportResult },
  /**
   * A CSV of the skipped rows to fix and import again: the file's own columns and cells (formula starts
   * neutralised), plus a "Problem" column saying what to fix on each.
   */
  'import.rowsToFix': { input: RowsToFix, output: SavedFile },
});
