import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import { runImport } from '../import';
import { createCohort, createProgram, findCohortByName, findProgramByName, getCohort } from '../programs/programs';
import { loadSampleHistory } from './history';
import { SAMPLE_COHORT, SAMPLE_PROGRAM, type sampleContract } from './contract';

export function sampleHandlers({ store, resourcesDir }: CoreContext): SliceHandlers<typeof sampleContract> {
  return {
    'sample.load': async () => {
      const program = findProgramByName(store, SAMPLE_PROGRAM) ?? createProgram(store, { name: SAMPLE_PROGRAM });
      const cohort =
        findCohortByName(store, program.id, SAMPLE_COHORT) ??
        createCohort(store, { programId: program.id, name: SAMPLE_COHORT, startDate: '2027-01-11' });
      const summary = await runImport(store, {
        cohortId: cohort.id,
        fileName: 'sample-cohort.csv',
        bytes: readFileSync(join(resourcesDir, 'sample-cohort.csv')),
        skipInvalid: false,
      });
      return { program, cohort: getCohort(store, cohort.id), summary };
    },
    'sample.loadHistory': () => loadSampleHistory(store),
  };
}
