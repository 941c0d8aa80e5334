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
  getCohort,
  getProgram,
  listCohorts,
  listPrograms,
  updateCohort,
  updateProgram,
} from '../programs/programs';
import { inlineRunner, MatchJobs, type MatchRunner } from '../jobs/match-jobs';
import { explainExtraSlot } from '../matching';
import { explainPairInRound, moveCandidates } from '../rounds/adjust';
import { compareRounds } from '../rounds/compare';
import { exportCsv, exportEmlZip, exportXlsx, introEmails } from '../rounds/export';
import { activePairs, dissolvedPairs, dissolvePair, listPublications, publishRound } from '../rounds/publish';
import { getRound, listRounds } from '../rounds/rounds';
import type { Contract, MethodName } from './contract';
import type { z } from 'zod';

export interface HandlerContext {
  store: Store;
  /** Folder with the bundled resources (the sample cohort). */
  resourcesDir: string;
  /** How matching runs execute: a worker thread in the app and the web bridge. */
  matchRunner?: MatchRunner;
}

export type Handlers = {
  [M in MethodName]: (input: z.output<Contract[M]['input']>) => Promise<z.input<Contract[M]['output']>> | z.input<Contract[M]['output']>;
};

const decode = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export const SAMPLE_PROGRAM = 'Sample program';
export const SAMPLE_COHORT = 'Sample cohort';

export function createHandlers({ store, resourcesDir, matchRunner = inlineRunner() }: HandlerContext): Handlers {
  const jobs = new MatchJobs(store, matchRunner);
  const roundContext = (roundId: string) => {
    const round = getRound(store, roundId);
    const cohort = getCohort(store, round.cohortId);
    return { round, cohort, program: getProgram(store, cohort.programId), members: listMembers(store, cohort.id) };
  };
  const sender = (from: string | undefined, programName: string) => from?.trim() || `${programName} <mentoring@example.org>`;
  const exportRound = async (input: { roundId: string; format: 'csv' | 'xlsx' | 'eml'; from?: string; note?: string }) => {
    const { round, cohort, program, members } = roundContext(input.roundId);
    const file =
      input.format === 'csv'
        ? exportCsv(round, members, cohort.name)
        : input.format === 'xlsx'
          ? await exportXlsx(round, members, cohort.name)
          : await exportEmlZip(round, members, { from: sender(input.from, program.name), programName: program.name, cohortName: cohort.name, note: input.note });
    return { fileName: file.fileName, mimeType: file.mimeType, dataBase64: Buffer.from(file.bytes).toString('base64') };
  };
  const roundAndMembers = (roundId: string) => {
    const round = getRound(store, roundId);
    return { round, members: listMembers(store, round.cohortId) };
  };
  return {
    'rounds.list': (input) => listRounds(store, input.cohortId),
    'rounds.get': (input) => getRound(store, input.id),
    'rounds.start': (input) => jobs.start(input),
    'rounds.job': (input) => jobs.get(input.jobId),
    'rounds.cancel': (input) => jobs.cancel(input.jobId),
    'rounds.explainPair': (input) => {
      const { round, members } = roundAndMembers(input.roundId);
      return explainPairInRound(round, members, input.menteeId, input.mentorId);
    },
    'rounds.moveCandidates': (input) => {
      const { round, members } = roundAndMembers(input.roundId);
      return moveCandidates(round, members, input.menteeId);
    },
    'rounds.extraSlot': (input) => {
      const { round, members } = roundAndMembers(input.roundId);
      return explainExtraSlot(members, round.settings, input.mentorId, { base: round.result });
    },
    'rounds.compare': (input) => compareRounds(getRound(store, input.a), getRound(store, input.b)),
    'rounds.publish': (input) => publishRound(store, input.roundId),
    'rounds.publications': (input) => listPublications(store, input.cohortId),
    'pairs.active': (input) => activePairs(store, input.cohortId),
    'pairs.dissolve': (input) => dissolvePair(store, input.pairId),
    'pairs.dissolved': (input) => dissolvedPairs(store, input.cohortId),
    'rounds.export': exportRound,
    'rounds.introPreview': (input) => {
      const { round, program, members } = roundContext(input.roundId);
      const emails = introEmails(round, members, { from: sender(input.from, program.name), programName: program.name, note: input.note });
      return { count: emails.length, first: emails[0] ?? null };
    },
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
