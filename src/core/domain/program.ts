import { z } from 'zod';

export const ProgramSettings = z.object({
  /** When on, only approved mentors are matched; off by default so imported mentors are eligible at once. */
  requireMentorApproval: z.boolean().default(false),
  /**
   * How the coordinator last mapped each header of an imported file: normalised header (as
   * src/core/import/fields.ts normaliseHeader) -> import field, or null for a column they ignore. The
   * import preview applies these before guessing; written when a mapping is confirmed.
   */
  importColumns: z.record(z.string(), z.string().nullable()).default({}),
  /** A pair whose latest rating of the match (either side's) is below this is at risk (feedback/pair-ratings.ts). */
  lowRatingThreshold: z.number().int('The threshold is a whole number').min(1, 'The threshold is 1 to 5').max(5, 'The threshold is 1 to 5').default(3),
  /** Days a pair is expected to go between sessions, unless the pair has its own (pairs.setCadence). */
  sessionCadenceDays: z.number().int('Cadence is a whole number of days').min(1, 'Cadence is at least 1 day').max(365, 'Cadence is at most 365 days').default(14),
  /** Days without a progress change after which an open goal is stuck (and shows in health and the due list). */
  goalStuckDays: z.number().int('Days are a whole number').min(1, 'At least 1 day').max(365, 'At most 365 days').default(21),
  /** Days after a pair's start by which its first session is due (the due list). */
  firstSessionDays: z.number().int('Days are a whole number').min(1, 'At least 1 day').max(365, 'At most 365 days').default(14),
});
export type ProgramSettings = z.infer<typeof ProgramSettings>;

export const Program = z.object({
  id: z.string(),
  name: z.string(),
  settings: ProgramSettings,
  archived: z.boolean(),
  createdAt: z.string(),
});
export type Program = z.infer<typeof Program>;

export const Cohort = z.object({
  id: z.string(),
  programId: z.string(),
  name: z.string(),
  startDate: z.string().nullable(),
  archived: z.boolean(),
  mentorCount: z.number().int(),
  menteeCount: z.number().int(),
  createdAt: z.string(),
});
export type Cohort = z.infer<typeof Cohort>;

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a name cannot be kept as written, or null when it can. Names end up in email headers, file names,
 * spreadsheets and the screen, so they refuse control characters (line breaks, tabs, escapes: U+0000–U+001F,
 * U+007F–U+009F), the line and paragraph separators U+2028/U+2029, and the bidirectional overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) that make text display in another order than it is stored.
 * Pure: the contract, the import and the renderer use the same rule.
 */
export function unsafeNameCharacter(name: string): string | null {
  const found = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.exec(name)?.[0];
  if (found === undefined) return null;
  if (found === '\r' || found === '\n' || found === '\u2028' || found === '\u2029') return `contains a line break (${hex(found)})`;
  if (found === '\t') return 'contains a tab (U+0009)';
  if (found >= '\u202a') return `contains a text-direction control character (${hex(found)}) that can disguise how it reads`;
  return `contains a control character (${hex(found)})`;
}

/** The zod check of unsafeNameCharacter, for any name field: "Name contains a line break (U+000A)". */
export const safeName = (value: string, ctx: z.RefinementCtx<string>) => {
  const problem = unsafeNameCharacter(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `Name ${problem}` });
};

/** Names are what coordinators type and search by: trimmed, non-empty, reasonably short, no control characters. */
export const EntityName = z.string().trim().min(1, 'Name is required').max(120, 'Name is longer than 120 characters').superRefine(safeName);
