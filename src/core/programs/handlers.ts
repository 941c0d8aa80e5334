import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { programsContract } from './contract';
import { createCohort, createProgram, listCohorts, listPrograms, resolveCohortByName, updateCohort, updateProgram } from './programs';

export function programsHandlers({ store }: CoreContext): SliceHandlers<typeof programsContract> {
  return {
    'programs.list': () => listPrograms(store),
    'programs.create': (input) => createProgram(store, input),
    'programs.update': (input) => updateProgram(store, input),
    'cohorts.list': (input) => listCohorts(store, input.programId),
    'cohorts.find': (input) => resolveCohortByName(store, input.name, input.program),
    'cohorts.create': (input) => createCohort(store, input),
    'cohorts.update': (input) => updateCohort(store, input),
  };
}
