import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';
import { FormFileInput, FormPreview } from '../forms/contract';
import { RowProblem } from '../import/contract';

const ForCohort = FormFileInput.extend({ cohortId: Id });

export const CheckinPreview = FormPreview.extend({
  /** Active pairs the valid answers cover. */
  pairsCovered: z.number().int(),
});
export type CheckinPreview = z.infer<typeof CheckinPreview>;

export const CheckinImportResult = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  pairsCovered: z.number().int(),
  /** Problems of the skipped lines. */
  problems: z.array(RowProblem),
});
export type CheckinImportResult = z.infer<typeof CheckinImportResult>;

export const Checkin = z.object({
  id: z.string(),
  pairId: z.string(),
  cohortId: z.string(),
  respondent: z.object({ memberId: z.string(), name: z.string(), role: z.enum(['mentor', 'mentee']) }),
  met: z.boolean().nullable(),
  timesMet: z.number().int().nullable(),
  /** YYYY-MM-DD. */
  lastMetOn: z.string().nullable(),
  goalProgress: z.string().nullable(),
  comments: z.string(),
  submittedAt: z.string().nullable(),
  fileName: z.string(),
  fileLine: z.number().int(),
  importedAt: z.string(),
});
export type Checkin = z.infer<typeof Checkin>;

export const checkinsContract = defineContract({
  /** Reads a check-in export against the cohort's active pairs and says what importing it would do; writes nothing. */
  'checkins.preview': { input: ForCohort, output: CheckinPreview },
  /**
   * Imports the answers in one transaction: all of them, or none when a row has a problem, unless
   * skipInvalid (then the valid ones, and the others' problems are returned).
   */
  'checkins.import': { input: ForCohort.extend({ skipInvalid: z.boolean().default(false) }), output: CheckinImportResult },
  /** A cohort's check-ins, or one pair's: the latest reported meeting first (answers without a date last). */
  'checkins.list': {
    input: z.object({ cohortId: Id.optional(), pairId: Id.optional() }).refine((v) => (v.cohortId === undefined) !== (v.pairId === undefined), 'Give either cohortId or pairId'),
    output: z.array(Checkin),
  },
  /** Removes one imported answer (a tombstone). */
  'checkins.remove': { input: z.object({ id: Id }), output: z.object({ id: z.string() }) },
});
