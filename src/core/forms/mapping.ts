import { InvalidInputError } from '../errors';
import { headerWords, normaliseHeader } from '../import/fields';
import type { FormFields } from './fields';

/** Column -> field key (null: the column is ignored), in the file's column order. */
export interface FormMappingEntry {
  column: string;
  field: string | null;
}
export type FormMapping = FormMappingEntry[];

const phrase = (text: string) => normaliseHeader(headerWords(text));

/**
 * Guesses which column answers which field, each field taken by at most one column: first headers that
 * are exactly a field's label or keyword, then headers containing a keyword as whole words, longer
 * keywords first ("date of last meeting" before "meeting"), so "How many times did you meet?" and "Did
 * you meet?" each find their own field.
 */
export function detectFormMapping(headers: readonly string[], fields: FormFields): FormMapping {
  const mapping: FormMapping = headers.map((column) => ({ column, field: null }));
  const words = headers.map((h) => headerWords(h));
  const taken = new Set<string>();
  const ruledOut = (index: number, key: string) => (fields[key]!.unless ?? []).some((u) => words[index]!.includes(` ${phrase(u)} `));
  const assign = (index: number, key: string) => {
    mapping[index]!.field = key;
    taken.add(key);
  };
  for (const [key, field] of Object.entries(fields)) {
    const exact = new Set([field.label, ...field.keywords].map(phrase));
    const index = headers.findIndex((_, i) => mapping[i]!.field === null && exact.has(words[i]!.trim()) && !ruledOut(i, key));
    if (index >= 0) assign(index, key);
  }
  const keywords = Object.entries(fields)
    .flatMap(([key, field]) => field.keywords.map((k) => ({ key, words: ` ${phrase(k)} ` })))
    .sort((a, b) => b.words.length - a.words.length);
  for (const { key, words: keyword } of keywords) {
    if (taken.has(key)) continue;
    const index = headers.findIndex((_, i) => mapping[i]!.field === null && words[i]!.includes(keyword) && !ruledOut(i, key));
    if (index >= 0) assign(index, key);
  }
  return mapping;
}

/** Labels of the required fields no column feeds. */
export function missingFormFields(mapping: FormMapping, fields: FormFields): string[] {
  const mapped = new Set(mapping.map((m) => m.field));
  return Object.values(fields).filter((f) => f.required && !mapped.has(f.key)).map((f) => f.label);
}

/**
 * "Header A=field,Header B=field" (the CLI's --map) over a mapping: headers compare case- and
 * punctuation-blind; a field is named by its key or its label; "ignore" drops the column. A field moved
 * to a column leaves the column it had.
 */
export function applyFormOverrides(mapping: FormMapping, spec: string, fields: FormFields): FormMapping {
  const next = mapping.map((entry) => ({ ...entry }));
  const names = Object.values(fields).map((f) => `${f.key}`).join(', ');
  for (const pair of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0) throw new InvalidInputError(`--map entry "${pair}" is not like "Header=field"`);
    const header = pair.slice(0, eq).trim();
    const name = normaliseHeader(pair.slice(eq + 1));
    const field = name === 'ignore' ? null : Object.values(fields).find((f) => normaliseHeader(f.key) === name || normaliseHeader(f.label) === name);
    if (field === undefined) throw new InvalidInputError(`--map: unknown field "${pair.slice(eq + 1).trim()}"; fields are ${names}, ignore`);
    const entry = next.find((e) => normaliseHeader(e.column) === normaliseHeader(header));
    if (!entry) throw new InvalidInputError(`--map: the file has no column "${header}"`);
    if (field) for (const other of next) if (other.field === field.key) other.field = null;
    entry.field = field?.key ?? null;
  }
  return next;
}

/** A mapping sent back by the wizard must be for this file's columns and name only known fields. */
export function assertFormMapping(headers: readonly string[], mapping: FormMapping, fields: FormFields): void {
  if (mapping.length !== headers.length || mapping.some((m, i) => m.column !== headers[i])) {
    throw new InvalidInputError('The column mapping does not match the file’s columns: load the file again');
  }
  const seen = new Set<string>();
  for (const { field } of mapping) {
    if (field === null) continue;
    if (!Object.hasOwn(fields, field)) throw new InvalidInputError(`Unknown field "${field}" in the column mapping`);
    if (seen.has(field)) throw new InvalidInputError(`Two columns are mapped to ${fields[field]!.label}: map it to one column`);
    seen.add(field);
  }
}
