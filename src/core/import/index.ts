import type { Store } from '../db/store';
import { getCohort } from '../programs/programs';
import { UserError } from '../errors';
import { commitImport, type ImportSummary } from './commit';
import { detectMapping, type ColumnMapping } from './fields';
import { readTable } from './read-table';
import { missingRequiredFields, validateTable, type RowProblem, type ValidatedTable } from './validate';

export { commitImport, ImportRejectedError, type ImportSummary } from './commit';
export { applyMappingOverrides, detectMapping, FIELD_LABELS, IMPORT_FIELDS, type ColumnMapping } from './fields';
export { formatProblem, type RowProblem } from './validate';

/** How many raw rows the preview sends back for the grid; problems are always complete. */
const PREVIEW_ROWS = 200;

export interface ImportPreview {
  headers: string[];
  mapping: ColumnMapping;
  missingFields: string[];
  rows: { line: number; cells: string[] }[];
  totalRows: number;
  validRows: number;
  invalidLines: number[];
  problems: RowProblem[];
  /** Valid rows whose email the program already has: they will update those people. */
  updates: number;
}

function assertMappingFits(headers: string[], mapping: ColumnMapping): void {
  if (mapping.length !== headers.length || mapping.some((m, i) => m.column !== headers[i])) {
    throw new UserError('The column mapping does not match the file’s columns: load the file again');
  }
  const missing = missingRequiredFields(mapping);
  if (missing.length > 0) throw new UserError(`Map a column to each required field: ${missing.join(', ')}`);
}

export async function previewImport(
  store: Store,
  input: { cohortId: string; fileName: string; bytes: Uint8Array; mapping?: ColumnMapping },
): Promise<ImportPreview> {
  const cohort = getCohort(store, input.cohortId);
  const table = await readTable(input.fileName, input.bytes);
  const mapping = input.mapping ?? detectMapping(table.headers);
  const missingFields = missingRequiredFields(mapping);
  const validated = missingFields.length === 0 ? validateTable(table, mapping) : undefined;
  let updates = 0;
  if (validated) {
    const known = new Set(
      store
        .all(store.q.selectFrom('people').select('email').where('program_id', '=', cohort.programId).where('deleted_at', 'is', null))
        .map((p) => p.email),
    );
    updates = validated.valid.filter((p) => known.has(p.email)).length;
  }
  return {
    headers: table.headers,
    mapping,
    missingFields,
    rows: table.rows
      .map((cells, i) => ({ line: i + 2, cells }))
      .filter((row) => row.cells.some((c) => c.trim() !== ''))
      .slice(0, PREVIEW_ROWS),
    totalRows: validated?.totalRows ?? table.rows.filter((r) => r.some((c) => c.trim() !== '')).length,
    validRows: validated?.valid.length ?? 0,
    invalidLines: validated?.invalidLines ?? [],
    problems: validated?.problems ?? [],
    updates,
  };
}

/** Reads and validates a file without touching the database. */
export async function prepareImport(input: { fileName: string; bytes: Uint8Array; mapping?: ColumnMapping }): Promise<ValidatedTable> {
  const table = await readTable(input.fileName, input.bytes);
  const mapping = input.mapping ?? detectMapping(table.headers);
  assertMappingFits(table.headers, mapping);
  return validateTable(table, mapping);
}

export async function runImport(
  store: Store,
  input: { cohortId: string; fileName: string; bytes: Uint8Array; mapping?: ColumnMapping; skipInvalid: boolean },
): Promise<ImportSummary> {
  return commitImport(store, input.cohortId, await prepareImport(input), { skipInvalid: input.skipInvalid });
}
