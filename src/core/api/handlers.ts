import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../db/store';
import { previewImport, runImport } from '../import';
import { getMember, listMembers, removeMember, updateMember } from '../participants/members';
import {
  createCohort,
  createProgram,
  findCohortByName,
  findProgramByName,
  listCohorts,
  listPrograms,
  updateCohort,
  updateProgram,
} from '../programs/programs';
import type { Contract, MethodName } from './contract';
import type { z } from 'zod';

export interface HandlerContext {
  store: Store;
  /** Folder with the bundled resources (the sample cohort). */
  resourcesDir: string;
}

export type Handlers = {
  [M in MethodName]: (input: z.output<Contract[M]['input']>) => Promise<z.input<Contract[M]['output']>> | z.input<Contract[M]['output']>;
};

const decode = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export const SAMPLE_PROGRAM = 'Sample program';
export const SAMPLE_COHORT = 'Sample cohort';

export function createHandlers({ store, resourcesDir }: HandlerContext): Handlers {
  return {
    'workspace.info': () => ({
      path: store.path,
      schemaVersion: store.sqlite.pragma('user_version', { simple: true }) as number,
      changeCount: (store.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n,
    }),
    'programs.list': () => listPrograms(store),
    'programs.create': (input) => createProgram(store, input),
    'programs.update': (input) => updateProgram(store, input),
    'cohorts.list': (input) => listCohorts(store, input.programId),
    'cohorts.create': (input) => createCohort(store, input),
    'cohorts.update': (input) => updateCohort(store, input),
    'members.list': (input) => listMembers(store, input.cohortId),
    'members.update': (input) => updateMember(store, input.id, input.patch),
    'members.remove': (input) => {
      getMember(store, input.id);
      removeMember(store, input.id);
      return { removed: true as const };
    },
    'import.preview': (input) =>
      previewImport(store, { cohortId: input.cohortId, fileName: input.fileName, bytes: decode(input.dataBase64), mapping: input.mapping }),
    'import.run': (input) =>
      runImport(store, {
        cohortId: input.cohortId,
        fileName: input.fileName,
        bytes: decode(input.dataBase64),
        mapping: input.mapping,
        skipInvalid: input.skipInvalid,
      }),
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
      return { program, cohort: listCohorts(store, program.id).find((c) => c.id === cohort.id)!, summary };
    },
  };
}
