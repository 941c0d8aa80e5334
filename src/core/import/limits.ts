import type { ImportField } from './fields';

/**
 * What one imported file may hold. A registration export of a large program is a few MB, 10,000 rows
 * and 10–60 columns; every limit here is far beyond that and far below what would exhaust the import
 * worker's memory (1 GB) or time (2 minutes). README "Limits and safety" lists them; docs/decisions.md
 * says why.
 */
export const IMPORT_LIMITS = {
  /** The file as sent (import.* refuses a larger one before it is read: its base64 is at most 80,000,000 characters). */
  fileBytes: 60_000_000,
  /** Data rows, the header not counted. */
  rows: 50_000,
  columns: 500,
  /** An .xlsx's parts as unpacked (sheet, shared strings, styles, workbook), counted while they unpack. */
  xlsxUnpackedBytes: 200_000_000,
} as const;

/**
 * The longest cell each field takes, in characters (UTF-16 code units). Longer is a row problem. Names
 * and the app's own edits: a name is at most 200 characters (MemberPatch), and no limit is above what
 * the member drawer accepts, so an imported person can always be edited and saved.
 */
export const CELL_LIMITS: Record<ImportField, number> = {
  fullName: 200,
  firstName: 200,
  lastName: 200,
  email: 320,
  managerEmail: 320,
  role: 100,
  timezone: 100,
  capacity: 20,
  seniorityYears: 20,
  department: 200,
  team: 200,
  languages: 500,
  interests: 500,
  expertise: 500,
  goals: 2000,
  bio: 2000,
  availability: 1000,
};

/** Time zone answers longer than this get no "did you mean" (edit distance costs length × every zone). */
export const TIMEZONE_SUGGESTION_MAX = 40;

export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** A cell's value as a problem quotes it: at most `max` characters, then "…". */
export function shorten(value: string, max = 60): string {
  if (value.length <= max) return value;
  // Do not cut a surrogate pair in two.
  const end = /[\uD800-\uDBFF]/.test(value[max - 1]!) ? max - 1 : max;
  return `${value.slice(0, end)}…`;
}
