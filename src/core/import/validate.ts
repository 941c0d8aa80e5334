import type { AvailabilityWindow, Role } from '../domain/participant';
import { unsafeNameCharacter } from '../domain/program';
import type { ColumnMapping, ImportField } from './fields';
import { CELL_LIMITS, formatCount, shorten } from './limits';
import { normaliseEmail, normaliseRole, parseAvailability, parseList, parseNumber } from './normalise';
import type { Table } from './read-table';
import { normaliseTimeZone } from './timezones';

import type { RowProblem } from './contract';

export type { RowProblem };

export function formatProblem(p: RowProblem): string {
  return `line ${p.line}, column "${p.column}", value "${p.value}": ${p.message}`;
}

export interface ImportedPerson {
  line: number;
  fullName: string;
  email: string;
  role: Role;
  capacity: number;
  timezone: string | null;
  seniorityYears: number | null;
  department: string | null;
  team: string | null;
  managerEmail: string | null;
  languages: string[];
  interests: string[];
  expertise: string[];
  goals: string;
  bio: string;
  availability: AvailabilityWindow[];
}

export interface ValidatedTable {
  /** Rows with no problem, in file order. */
  valid: ImportedPerson[];
  /** Every problem found; a line can have several. */
  problems: RowProblem[];
  /** Lines that have at least one problem (these are skipped with "skip invalid rows"). */
  invalidLines: number[];
  /** Data rows in the file, blank lines excluded. */
  totalRows: number;
}

const REQUIRED: ImportField[] = ['email', 'role'];

export function missingRequiredFields(mapping: ColumnMapping): string[] {
  const mapped = new Set(mapping.map((m) => m.field));
  const missing: string[] = REQUIRED.filter((f) => !mapped.has(f));
  if (!mapped.has('fullName') && !(mapped.has('firstName') || mapped.has('lastName'))) missing.unshift('fullName');
  return missing;
}

/**
 * A cell trimmed, with its runs of white space as one space; null when blank. The runs are replaced only when the
 * cell has some to collapse (another kind than a space, or two spaces), as parseList does: the replace made a new
 * string of every name, department and team (600 characters a row at the limits, kept for the write) though
 * forms' answers have single spaces.
 */
export function optionalText(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  return WHITE_SPACE_TO_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ') : text;
}
const WHITE_SPACE_TO_COLLAPSE = /[^\S ]| {2}/;

/** Normalises and checks every row. Pure: the same table and mapping always give the same answer. */
export function validateTable(table: Table, mapping: ColumnMapping): ValidatedTable {
  const columnOf = new Map<ImportField, number>();
  mapping.forEach((entry, index) => {
    if (entry.field) columnOf.set(entry.field, index);
  });
  const problems: RowProblem[] = [];
  const valid: ImportedPerson[] = [];
  const invalid = new Set<number>();
  const firstLineOfEmail = new Map<string, number>();
  let totalRows = 0;

  // The row being checked, and helpers over it made once (not per row: 10,000 rows, a dozen fields each).
  let cells: readonly string[] = [];
  let line = 0;
  let rowProblems: RowProblem[] = [];
  let tooLong: Set<ImportField> | undefined;
  const cell = (field: ImportField): string => {
    const column = columnOf.get(field);
    return column === undefined ? '' : (cells[column] ?? '');
  };
  const problem = (field: ImportField, message: string) => {
    const column = columnOf.get(field);
    // A problem quotes its value shortened: a cell of a megabyte is named, not repeated.
    rowProblems.push({ line, column: column === undefined ? field : table.headers[column]!, value: shorten(cell(field), 80), message });
  };
  const text = (field: ImportField): string => (tooLong?.has(field) ? '' : cell(field));
  const report = (field: ImportField, message: string) => {
    if (!tooLong?.has(field)) problem(field, message);
  };
  const blank = (c: string) => c.trim() === '';

  for (let index = 0; index < table.rows.length; index++) {
    cells = table.rows[index] ?? [];
    line = index + 2; // line 1 is the header
    if (cells.every(blank)) continue;
    totalRows += 1;
    rowProblems = [];
    // Every cell longer than its field takes is a problem of its own, and is not read any further (the
    // checks below see it as blank, and say nothing more about it): none of them sees more than a few
    // thousand characters, so none can stall on a huge cell.
    tooLong = undefined;
    for (const [field, column] of columnOf) {
      const length = (cells[column] ?? '').length;
      if (length > CELL_LIMITS[field]) {
        (tooLong ??= new Set()).add(field);
        problem(field, `longer than the limit of ${formatCount(CELL_LIMITS[field])} characters (it has ${formatCount(length)})`);
      }
    }

    const fullName =
      optionalText(text('fullName')) ?? optionalText([text('firstName'), text('lastName')].filter((s) => s.trim()).join(' '));
    if (!fullName) report(columnOf.has('fullName') ? 'fullName' : 'firstName', 'name is required');
    else if (fullName.length > CELL_LIMITS.fullName) {
      report(columnOf.has('firstName') ? 'firstName' : 'lastName', `first and last name together are longer than ${CELL_LIMITS.fullName} characters`);
    }
    // Line breaks and tabs in a name cell were read as spaces above; other control and text-direction characters are refused.
    const unsafeName = fullName ? unsafeNameCharacter(fullName) : null;
    if (unsafeName) report((['fullName', 'firstName', 'lastName'] as const).find((f) => unsafeNameCharacter(optionalText(text(f)) ?? '')) ?? 'fullName', `name ${unsafeName}`);

    const email = normaliseEmail(text('email'));
    if (!email.ok) report('email', email.error);
    else {
      const earlier = firstLineOfEmail.get(email.value);
      if (earlier !== undefined) report('email', `duplicate of line ${earlier}`);
      else firstLineOfEmail.set(email.value, line);
    }

    const role = normaliseRole(text('role'));
    if (!role.ok) report('role', role.error);

    const capacity = parseNumber(text('capacity'), { integer: true, min: 0, max: 50 });
    if (!capacity.ok) report('capacity', capacity.error);

    let timezone: string | null = null;
    if (text('timezone').trim() !== '') {
      const tz = normaliseTimeZone(text('timezone'));
      if (tz.ok) timezone = tz.value;
      else report('timezone', tz.error);
    }

    const seniority = parseNumber(text('seniorityYears'), { min: 0, max: 80 });
    if (!seniority.ok) report('seniorityYears', seniority.error);

    let managerEmail: string | null = null;
    if (text('managerEmail').trim() !== '') {
      const manager = normaliseEmail(text('managerEmail'));
      if (manager.ok) managerEmail = manager.value;
      else report('managerEmail', manager.error);
    }

    const availability = parseAvailability(text('availability'));
    if (!availability.ok) report('availability', availability.error);

    if (rowProblems.length > 0 || !email.ok || !role.ok || !capacity.ok || !seniority.ok || !availability.ok || !fullName) {
      problems.push(...rowProblems);
      invalid.add(line);
      continue;
    }
    valid.push({
      line,
      fullName,
      email: email.value,
      role: role.value,
      // Mentors without an answer take one mentee; a mentee's capacity means nothing.
      capacity: role.value === 'mentor' ? (capacity.value ?? 1) : 0,
      timezone,
      seniorityYears: seniority.value,
      department: optionalText(text('department')),
      team: optionalText(text('team')),
      managerEmail,
      languages: parseList(text('languages')),
      interests: parseList(text('interests')),
      expertise: parseList(text('expertise')),
      goals: text('goals').trim(),
      bio: text('bio').trim(),
      availability: availability.value,
    });
  }
  return { valid, problems, invalidLines: [...invalid].sort((a, b) => a - b), totalRows };
}
