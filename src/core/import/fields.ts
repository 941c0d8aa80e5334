import { z } from 'zod';

/** Fields a registration-form column can feed. `firstName`/`lastName` combine into the full name. */
export const IMPORT_FIELDS = [
  'fullName', 'firstName', 'lastName', 'email', 'role', 'timezone', 'capacity', 'seniorityYears',
  'department', 'team', 'managerEmail', 'languages', 'interests', 'expertise', 'goals', 'bio', 'availability',
] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;

export const FIELD_LABELS: Record<ImportField, string> = {
  fullName: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  role: 'Role (mentor/mentee)',
  timezone: 'Time zone',
  capacity: 'Max mentees',
  seniorityYears: 'Years of experience',
  department: 'Department',
  team: 'Team',
  managerEmail: 'Manager email',
  languages: 'Languages',
  interests: 'Interests',
  expertise: 'Expertise',
  goals: 'Goals',
  bio: 'Bio',
  availability: 'Weekly availability',
};

/** Column -> field (or null: ignore the column). Order follows the file's columns. */
export const ColumnMapping = z.array(z.object({ column: z.string(), field: ImportField.nullable() }));
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** Header phrases seen on real registration forms, normalised (lower case, letters and digits). */
const SYNONYMS: Record<ImportField, string[]> = {
  fullName: ['full name', 'name', 'your name', 'participant name', 'full name first and last'],
  firstName: ['first name', 'given name', 'forename'],
  lastName: ['last name', 'surname', 'family name'],
  email: ['email address', 'email', 'e mail', 'work email', 'your email', 'e mail address'],
  role: ['i want to be a', 'role', 'participating as', 'mentor or mentee', 'i am signing up as', 'sign up as'],
  timezone: ['time zone', 'timezone', 'tz', 'your time zone', 'time zone you work in'],
  capacity: ['max mentees', 'maximum mentees', 'capacity', 'how many mentees', 'mentee capacity', 'number of mentees'],
  seniorityYears: ['years of experience', 'seniority', 'experience years', 'years experience', 'seniority years', 'years in industry'],
  department: ['department', 'dept', 'division', 'function'],
  team: ['team', 'team name'],
  managerEmail: ['manager email', 'manager', 'reports to', 'line manager', 'manager s email'],
  languages: ['languages', 'language', 'languages spoken', 'languages you speak'],
  interests: ['interests', 'topics of interest', 'what do you want to learn', 'areas of interest', 'topics'],
  expertise: ['expertise', 'areas of expertise', 'skills', 'what can you teach', 'expertise areas'],
  goals: ['goals', 'your goals', 'what are your goals', 'mentoring goals', 'what do you hope to get out of mentoring'],
  bio: ['bio', 'about you', 'short bio', 'about me', 'biography'],
  availability: ['availability', 'weekly availability', 'when are you available', 'available times'],
};

export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * Guesses the mapping from headers: exact phrase first, then "starts with a phrase" (forms append
 * hints like "Interests (choose all that apply)"). Each field is taken by at most one column.
 */
export function detectMapping(headers: readonly string[]): ColumnMapping {
  const taken = new Set<ImportField>();
  const result: ColumnMapping = headers.map((column) => ({ column, field: null }));
  const passes: ((header: string, phrase: string) => boolean)[] = [
    (header, phrase) => header === phrase,
    (header, phrase) => phrase.length >= 4 && header.startsWith(`${phrase} `),
  ];
  for (const matches of passes) {
    result.forEach((entry, index) => {
      if (entry.field) return;
      const header = normaliseHeader(headers[index]!);
      for (const field of IMPORT_FIELDS) {
        if (!taken.has(field) && SYNONYMS[field].some((phrase) => matches(header, phrase))) {
          entry.field = field;
          taken.add(field);
          return;
        }
      }
    });
  }
  return result;
}

/**
 * Applies "Header A=field,Header B=field" overrides (the CLI's --map) on top of a detected mapping.
 * Headers compare case- and punctuation-insensitively; field "ignore" drops a column.
 */
export function applyMappingOverrides(mapping: ColumnMapping, spec: string): ColumnMapping {
  const next = mapping.map((entry) => ({ ...entry }));
  for (const pair of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0) throw new Error(`--map entry "${pair}" is not like "Header=field"`);
    const header = pair.slice(0, eq).trim();
    const fieldName = pair.slice(eq + 1).trim();
    const field = fieldName.toLowerCase() === 'ignore' ? null : IMPORT_FIELDS.find((f) => f.toLowerCase() === fieldName.toLowerCase());
    if (field === undefined) throw new Error(`--map: unknown field "${fieldName}"; fields are ${IMPORT_FIELDS.join(', ')}, ignore`);
    const entry = next.find((e) => normaliseHeader(e.column) === normaliseHeader(header));
    if (!entry) throw new Error(`--map: the file has no column "${header}"`);
    if (field) for (const other of next) if (other.field === field) other.field = null;
    entry.field = field;
  }
  return next;
}
