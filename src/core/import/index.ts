import type { Store } from '../db/store';
import { InvalidInputError, UserError } from '../errors';
import { commitImport } from './commit';
import type { ImportPreview, ImportSummary } from './contract';
import { applyMappingOverrides, detectMapping, type ColumnMapping } from './fields';
import { readTable, type Table } from './read-table';
import { missingRequiredFields, validateTable, type ValidatedTable } from './validate';

export { commitImport, ImportRejectedError } from './commit';
export type { ImportPreview, ImportSummary } from './contract';
export { applyMappingOverrides, detectMapping, FIELD_LABELS, IMPORT_FIELDS, type ColumnMapping } from './fields';
export { formatProblem, type RowProblem } from './validate';

/** How many raw rows the preview sends back for the grid; problems are always complete. */
const PREVIEW_ROWS = 200;

function assertMappingFits(headers: string[], mapping: ColumnMapping): void {
  if (mapping.length !== headers.length || mapping.some((m, i) => m.column !== headers[i])) {
    throw new UserError('The column mapping does not match the file’s columns: load the file again');
  }
  const missing = missingRequiredFields(mapping);
  if (missing.length > 0) throw new UserError(`Map a column to each required field: ${missing.join(', ')}`);
}

export interface FileToImport {
  fileName: string;
  bytes: Uint8Array;
  mapping?: ColumnMapping;
  /** "Header=field, …" applied to the given or detected mapping (the CLI's --map). */
  mappingOverrides?: string;
}

function mappingFor(table: Table, input: FileToImport): ColumnMapping {
  const mapping = input.mapping ?? detectMapping(table.headers);
  if (input.mappingOverrides === undefined) return mapping;
  try {
    return applyMappingOverrides(mapping, input.mappingOverrides);
  } catch (error) {
    throw new InvalidInputError((error as Error).message);
  }
}

/** Reads and checks a file for the wizard; `programId` (null for a program not created yet) counts the updates. */
export async function previewImport(store: Store, input: FileToImport & { programId: string | null }): Promise<ImportPreview> {
  const table = await readTable(input.fileName, input.bytes);
  const mapping = mappingFor(table, input);
  const missingFields = missingRequiredFields(mapping);
  const validated = missingFields.length === 0 ? validateTable(table, mapping) : undefined;
  let updates = 0;
  if (validated && input.programId !== null) {
    const known = new Set(
      store
        .all(store.q.selectFrom('people').select('email').where('program_id', '=', input.programId).where('deleted_at', 'is', null))
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
export async function prepareImport(input: FileToImport): Promise<ValidatedTable> {
  const table = await readTable(input.fileName, input.bytes);
  const mapping = mappingFor(table, input);
  assertMappingFits(table.headers, mapping);
  return validateTable(table, mapping);
}

export async function runImport(store: Store, input: FileToImport & { cohortId: string; skipInvalid: boolean }): Promise<ImportSummary> {
  return commitImport(store, input.cohortId, await prepareImport(input), { skipInvalid: input.skipInvalid });
}
