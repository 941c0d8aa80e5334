import type { AvailabilityWindow, Role } from '../domain/participant';
import { unsafeNameCharacter } from '../domain/program';
import type { ColumnMapping, ImportField } from './fields';
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

const optionalText = (value: string): string | null => (value.trim() === '' ? null : value.trim().replace(/\s+/g, ' '));

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

  table.rows.forEach((cells, index) => {
    const line = index + 2; // line 1 is the header
    if (cells.every((c) => c.trim() === '')) return;
    totalRows += 1;
    const rowProblems: RowProblem[] = [];
    const cell = (field: ImportField): string => {
      const column = columnOf.get(field);
      return column === undefined ? '' : (cells[column] ?? '');
    };
    const report = (field: ImportField, message: string) => {
      const column = columnOf.get(field);
      rowProblems.push({ line, column: column === undefined ? field : table.headers[column]!, value: cell(field), message });
    };

    const fullName =
      optionalText(cell('fullName')) ?? optionalText([cell('firstName'), cell('lastName')].filter((s) => s.trim()).join(' '));
    if (!fullName) report(columnOf.has('fullName') ? 'fullName' : 'firstName', 'name is required');
    // Line breaks and tabs in a name cell were read as spaces above; other control and text-direction characters are refused.
    const unsafeName = fullName ? unsafeNameCharacter(fullName) : null;
    if (unsafeName) report((['fullName', 'firstName', 'lastName'] as const).find((f) => unsafeNameCharacter(optionalText(cell(f)) ?? '')) ?? 'fullName', `name ${unsafeName}`);

    const email = normaliseEmail(cell('email'));
    if (!email.ok) report('email', email.error);
    else {
      const earlier = firstLineOfEmail.get(email.value);
      if (earlier !== undefined) report('email', `duplicate of line ${earlier}`);
      else firstLineOfEmail.set(email.value, line);
    }

    const role = normaliseRole(cell('role'));
    if (!role.ok) report('role', role.error);

    const capacity = parseNumber(cell('capacity'), { integer: true, min: 0, max: 50 });
    if (!capacity.ok) report('capacity', capacity.error);

    let timezone: string | null = null;
    if (cell('timezone').trim() !== '') {
      const tz = normaliseTimeZone(cell('timezone'));
      if (tz.ok) timezone = tz.value;
      else report('timezone', tz.error);
    }

    const seniority = parseNumber(cell('seniorityYears'), { min: 0, max: 80 });
    if (!seniority.ok) report('seniorityYears', seniority.error);

    let managerEmail: string | null = null;
    if (cell('managerEmail').trim() !== '') {
      const manager = normaliseEmail(cell('managerEmail'));
      if (manager.ok) managerEmail = manager.value;
      else report('managerEmail', manager.error);
    }

    const availability = parseAvailability(cell('availability'));
    if (!availability.ok) report('availability', availability.error);

    if (rowProblems.length > 0 || !email.ok || !role.ok || !capacity.ok || !seniority.ok || !availability.ok || !fullName) {
      problems.push(...rowProblems);
      invalid.add(line);
      return;
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
      department: optionalText(cell('department')),
      team: optionalText(cell('team')),
      managerEmail,
      languages: parseList(cell('languages')),
      interests: parseList(cell('interests')),
      expertise: parseList(cell('expertise')),
      goals: cell('goals').trim(),
      bio: cell('bio').trim(),
      availability: availability.value,
    });
  });
  return { valid, problems, invalidLines: [...invalid].sort((a, b) => a - b), totalRows };
}
