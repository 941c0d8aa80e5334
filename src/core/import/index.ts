import { foldKey } from '../db/fold';
import type { Store } from '../db/store';
import { InvalidInputError, UserError } from '../errors';
import { toCsvBytes } from '../files/csv';
import { fileNamePart } from '../files/names';
import { getProgram, listCohorts, updateProgram } from '../programs/programs';
import { commitImport, memberColumns } from './commit';
import type { ImportOutcome, ImportPreview, ImportSummary, RowsToFix } from './contract';
import { applyMappingOverrides, detectMapping, detectMappingWithNotes, normaliseHeader, rememberMapping, type ColumnMapping, type ImportField } from './fields';
import { normaliseEmail, normaliseRole, parseAvailability, parseNumber } from './normalise';
import { readTable, type Table } from './read-table';
import { normaliseTimeZone } from './timezones';
import { missingRequiredFields, validateTable, type ImportedPerson, type ValidatedTable } from './validate';

export { commitImport, ImportRejectedError } from './commit';
export type { ImportPreview, ImportSummary } from './contract';
export { applyMappingOverrides, detectMapping, FIELD_LABELS, IMPORT_FIELDS, type ColumnMapping } from './fields';
export { formatProblem, type RowProblem } from './validate';

/** How many raw rows the preview sends back for the grid; problems (and the rows that have them) are always complete. */
const PREVIEW_ROWS = 200;
/** Rows whose answers are read to check a keyword guess ("Are you available…?" answered "Yes" is no availability). */
const SAMPLE_ROWS = 50;

function assertMappingFits(headers: string[], mapping: ColumnMapping): void {
  assertSameColumns(headers, mapping);
  const missing = missingRequiredFields(mapping);
  if (missing.length > 0) throw new UserError(`Map a column to each required field: ${missing.join(', ')}`);
}

function assertSameColumns(headers: string[], mapping: ColumnMapping): void {
  if (mapping.length !== headers.length || mapping.some((m, i) => m.column !== headers[i])) {
    throw new UserError('The column mapping does not match the file’s columns: load the file again');
  }
}

export interface FileToImport {
  fileName: string;
  bytes: Uint8Array;
  mapping?: ColumnMapping;
  /** "Header=field, …" applied to the given or detected mapping (the CLI's --map). */
  mappingOverrides?: string;
}

const nonBlank = (cells: readonly string[]) => cells.some((c) => c.trim() !== '');

/**
 * A Qualtrics export: line 1 holds short names ("Q3", "RecipientEmail"), line 2 the question text, line 3
 * import ids ({"ImportId":"QID3"}). Lines 2 and 3 are read as rows like any other (and are rows with
 * problems); the question text is what the columns are recognised by.
 */
export function qualtricsQuestions(table: Table): string[] | null {
  const ids = table.rows[1] ?? [];
  const filled = ids.filter((c) => c.trim() !== '');
  if (filled.length === 0 || filled.filter((c) => /^\{\s*"ImportId"\s*:/.test(c.trim())).length * 2 < filled.length) return null;
  return table.headers.map((_, i) => table.rows[0]?.[i] ?? '');
}

/** Whether most answers in a column are ones the field takes, by the import's own checks. */
function answersFit(field: ImportField, values: readonly string[]): boolean {
  const check: ((value: string) => boolean) | undefined = {
    email: (v: string) => normaliseEmail(v).ok,
    managerEmail: (v: string) => normaliseEmail(v).ok,
    role: (v: string) => normaliseRole(v).ok,
    timezone: (v: string) => normaliseTimeZone(v).ok,
    capacity: (v: string) => parseNumber(v, { integer: true, min: 0, max: 50 }).ok,
    seniorityYears: (v: string) => parseNumber(v, { min: 0, max: 80 }).ok,
    availability: (v: string) => parseAvailability(v).ok,
  }[field as string];
  if (!check) return true;
  return values.filter(check).length * 2 >= values.length;
}

export interface TableMapping {
  mapping: ColumnMapping;
  /** Columns mapped as the program's last confirmed import mapped them. */
  rememberedColumns: number;
  /** What the coordinator should know about the mapping and the file's shape. */
  notes: string[];
}

/**
 * The mapping for a table, guessed: the program's remembered choices first, then header phrases and
 * question keywords checked against the first rows' answers; Qualtrics' question text when it has some.
 */
export function detectTableMapping(table: Table, remembered?: Readonly<Record<string, string | null>>): TableMapping {
  const questions = qualtricsQuestions(table);
  const sampleRows = table.rows.slice(questions ? 2 : 0).filter(nonBlank).slice(0, SAMPLE_ROWS);
  const samples = table.headers.map((_, i) => sampleRows.map((row) => row[i] ?? ''));
  const detected = detectMappingWithNotes(table.headers, { labels: questions ?? undefined, samples, fits: answersFit, remembered });
  const notes = [...detected.notes];
  if (questions) {
    notes.unshift('This is a Qualtrics export: lines 2 and 3 hold its question text and import ids, not people, so they are listed with the rows that have problems. Skip them, or delete them from the file.');
  }
  return { mapping: detected.mapping, rememberedColumns: detected.rememberedColumns, notes };
}

function withOverrides(mapping: ColumnMapping, overrides: string | undefined): ColumnMapping {
  if (overrides === undefined) return mapping;
  try {
    return applyMappingOverrides(mapping, overrides);
  } catch (error) {
    throw new InvalidInputError((error as Error).message);
  }
}

function mappingFor(table: Table, input: FileToImport): ColumnMapping {
  return withOverrides(input.mapping ?? detectMapping(table.headers), input.mappingOverrides);
}

/** The program's remembered header choices (programs.settings.importColumns), or none. */
export function rememberedColumns(store: Store, programId: string | null): Record<string, string | null> | undefined {
  return programId === null ? undefined : getProgram(store, programId).settings.importColumns;
}


/**
 * What importing `valid` into a cohort would do, counted as commitImport counts it: a person new to the
 * program is added; one the program knows (emails compared folded) is updated when their name or this
 * cohort's record of them would change, or when they would join the cohort; otherwise unchanged. A null
 * cohort is one not created yet. Reads only.
 */
export function countOutcome(store: Store, programId: string | null, cohortId: string | null, valid: readonly ImportedPerson[]): ImportOutcome {
  const people = new Map<string, { id: string; fullName: string }>();
  if (programId !== null) {
    const rows = store.all(
      store.q.selectFrom('people').select(['id', 'email_key', 'full_name']).where('program_id', '=', programId).where('deleted_at', 'is', null),
    );
    for (const p of rows) if (p.email_key !== null) people.set(p.email_key, { id: p.id, fullName: p.full_name });
  }
  const members = new Map<string, Record<string, unknown>>();
  if (cohortId !== null) {
    for (const m of store.all(store.q.selectFrom('cohort_members').selectAll().where('cohort_id', '=', cohortId).where('deleted_at', 'is', null))) {
      members.set(m.person_id, m as unknown as Record<string, unknown>);
    }
  }
  const outcome = { added: 0, updated: 0, unchanged: 0 };
  let nextId = 0;
  for (const person of valid) {
    const key = foldKey(person.email);
    const values = memberColumns(person);
    const existing = people.get(key);
    if (!existing) {
      // Later rows with the same folded email update this one, as they would after its insert.
      const id = `new:${nextId++}`;
      people.set(key, { id, fullName: person.fullName });
      members.set(id, values);
      outcome.added += 1;
      continue;
    }
    const member = members.get(existing.id);
    const changed = existing.fullName !== person.fullName || !member || Object.entries(values).some(([column, value]) => member[column] !== value);
    existing.fullName = person.fullName;
    members.set(existing.id, { ...member, ...values });
    if (changed) outcome.updated += 1;
    else outcome.unchanged += 1;
  }
  return outcome;
}

/** A cell as the preview grid shows it: at most PREVIEW_CELL characters. */
const PREVIEW_CELL = 500;
const shortCell = (cell: string) => (cell.length > PREVIEW_CELL ? `${cell.slice(0, PREVIEW_CELL)}…` : cell);

/**
 * Reads and checks a file for the wizard. `programId` (null for a program not created yet) gives the
 * remembered mapping and who is already there; the outcome (added, updated, unchanged) is counted for
 * `cohortId`, null for a cohort not created yet. Without a cohortId (the import worker's task passes the
 * program alone), it is counted for each of the program's cohorts too, in `outcomeByCohort`, for the
 * caller to pick the target's (see previewForTarget).
 */
export async function previewImport(
  store: Store,
  input: FileToImport & { programId: string | null; cohortId?: string | null },
): Promise<ImportPreview> {
  const table = await readTable(input.fileName, input.bytes);
  const detected: TableMapping = input.mapping
    ? { mapping: input.mapping, rememberedColumns: 0, notes: [] }
    : detectTableMapping(table, rememberedColumns(store, input.programId));
  if (input.mapping) assertSameColumns(table.headers, input.mapping);
  const mapping = withOverrides(detected.mapping, input.mappingOverrides);
  const missingFields = missingRequiredFields(mapping);
  const validated = missingFields.length === 0 ? validateTable(table, mapping) : undefined;
  const valid = validated?.valid ?? [];
  let updates = 0;
  if (validated && input.programId !== null) {
    const known = new Set(
      store
        .all(store.q.selectFrom('people').select('email_key').where('program_id', '=', input.programId).where('deleted_at', 'is', null))
        .map((p) => p.email_key),
    );
    updates = valid.filter((p) => known.has(foldKey(p.email))).length;
  }
  let outcomeByCohort: Record<string, ImportOutcome> | undefined;
  if (input.cohortId === undefined && input.programId !== null && validated) {
    outcomeByCohort = Object.fromEntries(
      listCohorts(store, input.programId).map((cohort) => [cohort.id, countOutcome(store, input.programId, cohort.id, valid)]),
    );
  }
  const invalid = new Set(validated?.invalidLines ?? []);
  const rows = table.rows.map((cells, i) => ({ line: i + 2, cells }));
  const preview: ImportPreview = {
    headers: table.headers,
    mapping,
    missingFields,
    rememberedColumns: detected.rememberedColumns,
    notes: detected.notes,
    // What the grid shows: long cells shortened, so an enormous cell (even in an ignored column) never travels whole.
    rows: rows.filter((row) => nonBlank(row.cells)).slice(0, PREVIEW_ROWS).map((row) => ({ line: row.line, cells: row.cells.map(shortCell) })),
    totalRows: validated?.totalRows ?? table.rows.filter(nonBlank).length,
    validRows: valid.length,
    invalidLines: validated?.invalidLines ?? [],
    invalidRows: rows.filter((row) => invalid.has(row.line)),
    problems: validated?.problems ?? [],
    updates,
    outcome: validated ? countOutcome(store, input.programId, input.cohortId ?? null, valid) : { added: 0, updated: 0, unchanged: 0 },
  };
  if (outcomeByCohort) preview.outcomeByCohort = outcomeByCohort;
  return preview;
}

/**
 * The preview for the cohort the coordinator imports into: its outcome picked from `outcomeByCohort`
 * (a cohort not created yet keeps the outcome counted for none), and that field dropped.
 */
export function previewForTarget(preview: ImportPreview, cohortId: string | null): ImportPreview {
  const { outcomeByCohort, ...rest } = preview;
  const outcome = cohortId !== null ? outcomeByCohort?.[cohortId] : undefined;
  return outcome ? { ...rest, outcome } : rest;
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

/**
 * Remembers the mapping the coordinator confirmed, for the program's next import: each header's field
 * (or "ignore") in the program's settings, through the change-recording writer. Nothing is written when
 * the program already remembers exactly this.
 */
export function rememberConfirmedMapping(store: Store, programId: string, mapping: ColumnMapping): void {
  const program = getProgram(store, programId);
  const importColumns = rememberMapping(program.settings.importColumns, mapping);
  if (JSON.stringify(importColumns) === JSON.stringify(program.settings.importColumns)) return;
  updateProgram(store, { id: programId, settings: { importColumns } });
}

/** The rows to fix as a CSV: the file's columns and cells, and a "Problem" column (replaced when the file already has one). */
export function rowsToFixCsv(input: RowsToFix): { fileName: string; mimeType: string; bytes: Uint8Array } {
  const problemColumn = input.headers.findIndex((h) => normaliseHeader(h) === 'problem');
  const width = problemColumn >= 0 ? input.headers.length : input.headers.length + 1;
  const at = problemColumn >= 0 ? problemColumn : input.headers.length;
  const header = [...input.headers];
  header[at] = 'Problem';
  const byLine = new Map<number, string[]>();
  for (const p of input.problems) {
    const list = byLine.get(p.line) ?? [];
    list.push(`${p.column}: ${p.message}`);
    byLine.set(p.line, list);
  }
  const rows = input.rows.map(({ line, cells }) => {
    const out = Array.from({ length: width }, (_, i) => cells[i] ?? '');
    out[at] = `line ${line}: ${(byLine.get(line) ?? ['skipped']).join('; ')}`;
    return out;
  });
  const base = fileNamePart(input.fileName.replace(/\.[^.]+$/, ''), 'import');
  return { fileName: `${base}-rows-to-fix.csv`, mimeType: 'text/csv', bytes: toCsvBytes([header, ...rows]) };
}
