import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Cohort, Program } from '../domain/program';
import { ImportSummary } from '../import/contract';

export const SAMPLE_PROGRAM = 'Sample program';
export const SAMPLE_COHORT = 'Sample cohort';

export const sampleContract = defineContract({
  /** Imports the bundled 84-person sample cohort (again: emails already there are updates). */
  'sample.load': { input: z.object({}), output: z.object({ program: Program, cohort: Cohort, summary: ImportSummary }) },
});
