import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';
import { Cohort, Program, ProgramSettings } from '../domain/program';

export const programsContract = defineContract({
  'programs.list': { input: z.object({}), output: z.array(Program) },
  'programs.create': { input: z.object({ name: z.string() }), output: Program },
  'programs.update': {
    input: z.object({ id: Id, name: z.string().optional(), archived: z.boolean().optional(), settings: ProgramSettings.partial().optional() }),
    output: Program,
  },
  'cohorts.list': { input: z.object({ programId: Id.optional() }), output: z.array(Cohort) },
  /** A cohort by its name (what the CLI and scripts know), optionally within a named program. */
  'cohorts.find': { input: z.object({ name: z.string().min(1).max(200), program: z.string().min(1).max(200).optional() }), output: Cohort },
  'cohorts.create': {
    input: z.object({ programId: Id, name: z.string(), startDate: z.string().nullable().optional() }),
    output: Cohort,
  },
  'cohorts.update': {
    input: z.object({ id: Id, name: z.string().optional(), archived: z.boolean().optional(), startDate: z.string().nullable().optional() }),
    output: Cohort,
  },
});
