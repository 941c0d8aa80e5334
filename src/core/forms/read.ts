import type { RowProblem } from '../import/contract';
import { formatCount, IMPORT_LIMITS, shorten } from '../import/limits';
import { readTable, type ImportLimits, type Table } from '../import/read-table';
import type { FormFields, FormValues } from './fields';
import { applyFormOverrides, assertFormMapping, detectFormMapping, missingFormFields, type FormMapping } from './mapping';

export interface FormFile {
  fileName: string;
  bytes: Uint8Array;
  /** The wizard's mapping, as the coordinator left it; detected from the headers when absent. */
  mapping?: FormMapping;
  /** "Header=field, …" over the given or detected mapping (the CLI's --map). */
  mappingOverrides?: string;
}

export interface FormRow<F extends FormFields> {
  /** The row's line in the file (line 1 is the header). */
  line: number;
  values: FormValues<F>;
}

export interface FormRead<F extends FormFields> {
  table: Table;
  mapping: FormMapping;
  /** Labels of required fields no column feeds: no row is read until there are none. */
  missingFields: string[];
  /** Rows without a problem, in file order. */
  rows: FormRow<F>[];
  problems: RowProblem[];
  /** Lines with at least one problem. */
  invalidLines: number[];
  /** Data rows, blank lines not counted. */
  totalRows: number;
}

const blank = (cell: string) => cell.trim() === '';

/**
 * Reads a form tool's answers file (CSV, TSV or .xlsx) with the cohort import's reader and limits, maps
 * its columns to `fields`, and reads every row: each cell by its field, every problem named by line,
 * column and value in the cohort import's words. A cell longer than its field takes is one problem and
 * is not parsed, so no parse ever sees more than `maxLength` characters.
 */
export async function readForm<F extends FormFields>(input: FormFile, fields: F, limits: ImportLimits = IMPORT_LIMITS): Promise<FormRead<F>> {
  const table = await readTable(input.fileName, input.bytes, limits);
  if (input.mapping) assertFormMapping(table.headers, input.mapping, fields);
  let mapping = input.mapping ?? detectFormMapping(table.headers, fields);
  if (input.mappingOverrides !== undefined) mapping = applyFormOverrides(mapping, input.mappingOverrides, fields);
  const missingFields = missingFormFields(mapping, fields);
  const totalRows = table.rows.filter((r) => !r.every(blank)).length;
  if (missingFields.length > 0) return { table, mapping, missingFields, rows: [], problems: [], invalidLines: [], totalRows };

  const columns = mapping.flatMap((m, index) => (m.field === null ? [] : [{ index, header: table.headers[index]!, field: fields[m.field]! }]));
  const unmapped = Object.values(fields).filter((f) => !mapping.some((m) => m.field === f.key));
  const rows: FormRow<F>[] = [];
  const problems: RowProblem[] = [];
  const invalidLines: number[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    if (cells.every(blank)) continue;
    const line = i + 2;
    const values: Record<string, unknown> = {};
    let failed = false;
    for (const { index, header, field } of columns) {
      const cell = cells[index] ?? '';
      // The cell's problem, if any (no closure made per cell: a 20,000-row file has 140,000 of them).
      let problem: string | null = null;
      if (cell.length > field.maxLength) problem = `longer than the limit of ${formatCount(field.maxLength)} characters (it has ${formatCount(cell.length)})`;
      else if (blank(cell)) {
        if (field.required) problem = `${field.label} is required`;
        else values[field.key] = null;
      } else {
        const parsed = field.parse(cell);
        if (parsed.ok) values[field.key] = parsed.value;
        else problem = parsed.reason;
      }
      if (problem !== null) {
        problems.push({ line, column: header, value: shorten(cell, 80), message: problem });
        failed = true;
      }
    }
    for (const field of unmapped) values[field.key] = null;
    if (failed) invalidLines.push(line);
    else rows.push({ line, values: values as FormValues<F> });
  }
  return { table, mapping, missingFields, rows, problems, invalidLines, totalRows };
}

/**
 * A read with more problems found by the caller (an answer from someone not in the cohort, a
 * duplicate): their lines leave the valid rows and join the invalid ones. Problems stay in line order.
 */
export function withRowProblems<F extends FormFields>(read: FormRead<F>, extra: readonly RowProblem[]): FormRead<F> {
  if (extra.length === 0) return read;
  const bad = new Set([...read.invalidLines, ...extra.map((p) => p.line)]);
  const problems = [...read.problems, ...extra].sort((a, b) => a.line - b.line);
  return { ...read, rows: read.rows.filter((r) => !bad.has(r.line)), problems, invalidLines: [...bad].sort((a, b) => a - b) };
}

/** The column a field is read from, by its header, for a problem the caller finds (the field's label when unmapped). */
export function columnOfField(read: FormRead<FormFields>, fields: FormFields, key: string): string {
  const index = read.mapping.findIndex((m) => m.field === key);
  return index >= 0 ? read.table.headers[index]! : (fields[key]?.label ?? key);
}
