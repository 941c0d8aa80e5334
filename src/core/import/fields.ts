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
 * A header as the keyword rules read it: accents dropped ("Département"), camelCase split (Qualtrics'
 * "RecipientEmail"), lower case, words separated by one space, with a space at each end so that every
 * rule can match whole words with spaces.
 */
export function headerWords(header: string): string {
  const text = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return ` ${text} `;
}

interface KeywordRule {
  field: ImportField;
  /** Any of these, matched against headerWords (spaces at both ends). */
  when: RegExp;
  /** Unless this matches too. */
  unless?: RegExp;
}

/**
 * How question-style headers (Google Forms, Microsoft Forms, Typeform, Qualtrics) name each field, by
 * keywords rather than exact phrases. The first rule that matches a header, for a field no other column
 * has taken, wins: more specific rules come first ("How many mentees can you take on?" is the capacity
 * before the mention of mentees could make it a role; "What would you like help with?" is an interest
 * before "help with" could make it expertise).
 */
const KEYWORD_RULES: readonly KeywordRule[] = [
  {
    field: 'managerEmail',
    when: / (manager|manager s|managers|supervisor|supervisor s|boss|line manager) | reports? to | report to /,
    unless: / are you (a )?(people )?manager | people manager | manager s name | manager name | name of (your )?manager | reports? to you | direct reports | how many | (approv\w*|aware|know|knows|consent|permission|agree\w*|support\w*|informed|sign off) /,
  },
  {
    field: 'capacity',
    when: / mentees? .*(how many|max|maximum|number|capacity|up to|limit|at once|at a time|at one time|take on)|(how many|max|maximum|number of|capacity|up to) .*mentees? | how many (people|persons|individuals) (can|could|would) you (mentor|take|support|coach|guide) | capacity /,
    unless: / years? /,
  },
  {
    field: 'seniorityYears',
    when: / (years?|yrs) .*(experience|exp|industry|working|worked|career|professional|profession|field) | experience .*(years?|yrs) | how long have you (been )?(work|worked|working|been in) | seniority /,
  },
  { field: 'timezone', when: / time ?zones? | tz | (utc|gmt) offset / },
  {
    field: 'role',
    when: / mentor (or |and )?(a |an |to )?(be )?(mentee|mentored) | mentee (or |and )?(a |an )?mentor | (joining|join|signing up|sign up|registering|register|participating|participate|applying|apply|taking part|enrolling|enrol|enroll) as | (program|programme|mentoring|mentorship) role | role in (the |this )?(program|programme|mentoring|mentorship|scheme) /,
  },
  { field: 'email', when: / e ?mail | email address /, unless: / (mentor|mentee|mentor s|mentee s) e ?mail | (receive|send|subscribe|newsletter|updates) / },
  { field: 'fullName', when: / (full|your|complete|participant|participant s) name | first and last name | name (first and last|and surname) / },
  { field: 'firstName', when: / (first|given|fore) ?name /, unless: / recipient first name / },
  { field: 'lastName', when: / (last|family|sur) ?name /, unless: / recipient last name / },
  {
    field: 'fullName',
    when: / name /,
    unless: / (first|last|given|family|middle|manager|team|company|organi[sz]ation|department|mentor|mentee|user|file|preferred|nick|pronouns?|recipient|event|program|programme) /,
  },
  {
    field: 'languages',
    when: / languages? | speak /,
    unless: / (programming|coding|user|survey|form|query|scripting|love) languages? | body language /,
  },
  {
    field: 'availability',
    when: / availab(le|ility) | when .*(free|meet|available) | (free|best|preferred|good|convenient|usual) (meeting )?(times?|slots?|days?|hours?) | (times?|days?|hours?|slots?) .*(meet|meeting|free|work best|suit) | schedule /,
  },
  {
    field: 'department',
    when: / (department|departments|dept|division|business unit|business area|practice area|function) /,
    unless: / (prefer\w*|same|different|another|outside|other) (department|dept|division|function|team)/,
  },
  { field: 'team', when: / team /, unless: / (prefer\w*|same|different|another|outside|other) team | team size | how many /},
  {
    field: 'goals',
    when: / goals? | objectives? | (hope|hoping|expect|expecting|like|want|wish) to (get|gain|achieve|take away) | get out of | take away from | why (do )?you want | why are you (joining|interested|applying|signing up) | motivation | success look like /,
  },
  {
    field: 'interests',
    when: / (like|want|hope|hoping|looking|wish|need|wanting|keen|would like) to (learn|develop|improve|grow|build|gain|work on|get better|strengthen|explore|focus on) | (like|want|need|looking for|get|seeking|ask for|wanting) (some )?(help|support|guidance|advice|mentoring) | (to be|be) mentored | mentored (on|in|about) | (development|growth|improvement) areas? | areas? (for|of|to) (development|growth|improvement|focus|improve|develop) | learn(ing)? /,
  },
  {
    field: 'expertise',
    when: / (can|could|would) you (help|teach|mentor|offer|share|support|coach|advise|guide) | expert | expertise | strengths? | (comfortable|happy|able|confident) (mentoring|advising|coaching|helping|to help|to mentor|to advise|to coach|teaching) | skills? | (topics?|areas?|subjects?) (you )?(can|could) | specialt(y|ies) | specialis(m|ation)s? /,
  },
  { field: 'bio', when: / bio | biography | about (yourself|you|me) | (introduce|describe) yourself | introduction | background /, unless: / linkedin | url | link / },
  { field: 'interests', when: / interests? | interested in | topics? | focus areas? | themes? / },
];

export interface DetectOptions {
  /**
   * What each column asks when the file says it apart from the header row: Qualtrics puts short ids in
   * line 1 ("Q3") and the question in line 2 ("Which time zone are you in?"). Read instead of the header.
   */
  labels?: readonly (string | undefined)[];
  /** Some answers of each column (samples[column] is a list of cells): columns with answers are preferred. */
  samples?: readonly (readonly string[])[];
  /** Whether a column's answers can feed a field, by the import's own checks: a keyword guess they cannot feed is dropped. */
  fits?: (field: ImportField, values: readonly string[]) => boolean;
  /** A program's remembered choices (normalised header -> field, or null for "ignore"), applied before any guess. */
  remembered?: Readonly<Record<string, string | null>>;
}

export interface Detection {
  mapping: ColumnMapping;
  /** Columns whose field came from the remembered choices. */
  rememberedColumns: number;
  /** Guesses left out, in the coordinator's words ('Column "Manager?" reads like …, but its answers …'). */
  notes: string[];
}

const isImportField = (value: unknown): value is ImportField => (IMPORT_FIELDS as readonly unknown[]).includes(value);

/**
 * Guesses the mapping from headers. In this order, each field taken by at most one column:
 * 1. the program's remembered choice for a header (what the coordinator confirmed last time);
 * 2. a known header phrase, exactly ("Email Address");
 * 3. question-style keywords ("Which time zone are you in?"), checked against the column's answers
 *    when there are some: a guess whose answers the field cannot take ("Yes" for availability) is dropped;
 * 4. a known phrase at the start ("Interests (choose all that apply)").
 * Within 3 and 4, columns that have answers come before blank ones (Qualtrics' empty "Recipient Email").
 */
export function detectMappingWithNotes(headers: readonly string[], options: DetectOptions = {}): Detection {
  const taken = new Set<ImportField>();
  const result: ColumnMapping = headers.map((column) => ({ column, field: null }));
  const decided = new Set<number>();
  const notes: string[] = [];
  const text = (index: number) => options.labels?.[index]?.trim() || headers[index]!;
  const values = (index: number) => options.samples?.[index] ?? [];
  const hasAnswers = (index: number) => options.samples === undefined || values(index).some((v) => v.trim() !== '');
  const assign = (index: number, field: ImportField | null) => {
    result[index]!.field = field;
    decided.add(index);
    if (field) taken.add(field);
  };

  let rememberedColumns = 0;
  if (options.remembered) {
    headers.forEach((header, index) => {
      const key = normaliseHeader(header);
      if (!Object.hasOwn(options.remembered!, key)) return;
      const field = options.remembered![key];
      if (field === null) assign(index, null);
      else if (isImportField(field) && !taken.has(field)) assign(index, field);
      else return;
      rememberedColumns += 1;
    });
  }

  const open = () => headers.map((_, index) => index).filter((index) => !decided.has(index));
  // Columns with answers first, then blank ones.
  const byAnswers = (indexes: number[]) => [...indexes.filter(hasAnswers), ...indexes.filter((i) => !hasAnswers(i))];

  for (const index of open()) {
    const header = normaliseHeader(text(index));
    const field = IMPORT_FIELDS.find((f) => !taken.has(f) && SYNONYMS[f].includes(header));
    if (field) assign(index, field);
  }

  for (const index of byAnswers(open())) {
    const words = headerWords(text(index));
    for (const rule of KEYWORD_RULES) {
      if (taken.has(rule.field) || !rule.when.test(words) || rule.unless?.test(words)) continue;
      const answers = values(index).filter((v) => v.trim() !== '');
      if (options.fits && answers.length > 0 && !options.fits(rule.field, answers)) {
        const shown = [...new Set(answers.map((a) => a.trim()))].slice(0, 2).map((a) => `"${a.length > 30 ? `${a.slice(0, 29)}…` : a}"`);
        notes.push(`Column "${headers[index]}" reads like ${FIELD_LABELS[rule.field]}, but its answers (${shown.join(', ')}) are not: left unmapped.`);
        assign(index, null);
        break;
      }
      assign(index, rule.field);
      break;
    }
  }

  for (const index of byAnswers(open())) {
    const header = normaliseHeader(text(index));
    const field = IMPORT_FIELDS.find((f) => !taken.has(f) && SYNONYMS[f].some((phrase) => phrase.length >= 4 && header.startsWith(`${phrase} `)));
    if (field) assign(index, field);
  }
  return { mapping: result, rememberedColumns, notes };
}

/** detectMappingWithNotes's mapping alone. */
export function detectMapping(headers: readonly string[], options: DetectOptions = {}): ColumnMapping {
  return detectMappingWithNotes(headers, options).mapping;
}

/** The most header choices a program remembers; the oldest are forgotten first. */
export const REMEMBERED_HEADERS_LIMIT = 300;

/**
 * A program's remembered choices after the coordinator confirmed `mapping`: each of its headers (normalised)
 * with its field or null, newest last, older headers kept (another form's columns) up to the limit.
 */
export function rememberMapping(previous: Readonly<Record<string, string | null>>, mapping: ColumnMapping): Record<string, string | null> {
  const confirmed = new Map<string, string | null>();
  for (const { column, field } of mapping) {
    const key = normaliseHeader(column);
    if (key !== '') confirmed.set(key, field);
  }
  const entries = [...Object.entries(previous).filter(([key]) => !confirmed.has(key)), ...confirmed];
  return Object.fromEntries(entries.slice(Math.max(0, entries.length - REMEMBERED_HEADERS_LIMIT)));
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
