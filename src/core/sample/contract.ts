import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Cohort, Program } from '../domain/program';
import { ImportSummary } from '../import/contract';

export const SAMPLE_PROGRAM = 'Sample program';
export const SAMPLE_COHORT = 'Sample cohort';

export const sampleContract = defineContract({
  /** Imports the bundled 84-person sample cohort (again: emails already there are updates). */
  'sample.load': { input: z.object({}), output: z.object({ program: Program, cohort: Cohort, summary: ImportSummary }) },
  /**
   * Adds two finished past cohorts to the sample program (matched, met, rated and closed), once: what the
   * learned match score and multi-cohort reports need to show something on a first run.
   */
  'sample.loadHistory': { input: z.object({}), output: z.object({ cohorts: z.array(Cohort), ratedPairs: z.number().int(), added: z.boolean() }) },
});
