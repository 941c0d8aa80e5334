import type { FormPreview } from './contract';
import type { FormFields } from './fields';
import type { FormRead } from './read';

/** Rows the preview grid shows; problems are always complete. */
const PREVIEW_ROWS = 200;
const PREVIEW_CELL = 500;
const shortCell = (cell: string) => (cell.length > PREVIEW_CELL ? `${cell.slice(0, PREVIEW_CELL)}…` : cell);

/** A read as the wizard shows it: the fields, the mapping, the first rows and every problem. */
export function formPreview(read: FormRead<FormFields>, fields: FormFields): FormPreview {
  const rows: FormPreview['rows'] = [];
  for (let i = 0; i < read.table.rows.length && rows.length < PREVIEW_ROWS; i++) {
    const cells = read.table.rows[i]!;
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: i + 2, cells: cells.map(shortCell) });
  }
  return {
    fields: Object.values(fields).map((f) => ({ key: f.key, label: f.label, required: f.required })),
    headers: read.table.headers,
    mapping: read.mapping,
    missingFields: read.missingFields,
    rows,
    totalRows: read.totalRows,
    validRows: read.rows.length,
    invalidLines: read.invalidLines,
    problems: read.problems,
  };
}

export const decodeBase64 = (data: string): Uint8Array => new Uint8Array(Buffer.from(data, 'base64'));
