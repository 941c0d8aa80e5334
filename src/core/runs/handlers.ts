import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import { plannedSettings } from '../edits/edits';
import { UserError } from '../errors';
import { parseMailbox, type Mailbox } from '../files/eml';
import { explainExtraSlot, loadHighs } from '../matching';
import { hasSideConstraints } from '../matching/settings';
import { listMembers } from '../participants/members';
import { getCohort, getProgram } from '../programs/programs';
import { explainPairInRun, moveCandidates } from './adjust';
import { compareRuns } from './compare';
import type { runsContract } from './contract';
import { exportCsv, exportEmlZip, exportXlsx, introEmails } from './export';
import { RunJobs } from './jobs';
import { rematchSettings } from './rematch';
import { getRun, listRuns, prepareRun } from './runs';

export function runsHandlers({ store, matchRunner, now }: CoreContext): SliceHandlers<typeof runsContract> {
  const jobs = new RunJobs(store, matchRunner, now);
  /** A run with its cohort's members, and the MIP solver when its settings have cohort-wide constraints. */
  const runAndMembers = async (runId: string) => {
    const run = getRun(store, runId);
    const highs = hasSideConstraints(run.settings) ? await loadHighs() : undefined;
    return { run, members: listMembers(store, run.cohortId), highs };
  };
  const runContext = (runId: string) => {
    const run = getRun(store, runId);
    const members = listMembers(store, run.cohortId);
    const cohort = getCohort(store, run.cohortId);
    return { run, members, cohort, program: getProgram(store, cohort.programId) };
  };
  /** The sender the coordinator typed, parsed; Pairwise never makes one up. */
  const sender = (from: string | undefined) => parseMailbox(from ?? '', 'From');
  const start = (cohortId: string, settings: Parameters<typeof prepareRun>[1]['settings'], name?: string) => {
    const prepared = prepareRun(store, { cohortId, settings });
    return jobs.start({ cohortId, ...prepared, name });
  };
  return {
    'runs.list': (input) => listRuns(store, input.cohortId),
    'runs.get': (input) => getRun(store, input.runId),
    'runs.start': (input) => start(input.cohortId, input.settings ?? plannedSettings(store, input.cohortId), input.name),
    'runs.rematch': (input) =>
      start(input.cohortId, rematchSettings(store, input.cohortId), input.name ?? `Re-match ${now().toISOString().slice(0, 10)}`),
    'runs.status': (input) => jobs.status(input.runId),
    'runs.wait': (input) => jobs.wait(input.runId),
    'runs.cancel': (input) => jobs.cancel(input.runId),
    'runs.explainPair': async (input) => {
      const { run, members, highs } = await runAndMembers(input.runId);
      return explainPairInRun(run, members, input.menteeId, input.mentorId, highs);
    },
    'runs.moveCandidates': async (input) => {
      const { run, members, highs } = await runAndMembers(input.runId);
      return moveCandidates(run, members, input.menteeId, highs);
    },
    'runs.extraSlot': async (input) => {
      const { run, members, highs } = await runAndMembers(input.runId);
      if (!members.some((m) => m.id === input.mentorId && m.role === 'mentor')) throw new UserError('That person is not a mentor of this cohort');
      return explainExtraSlot(members, run.settings, input.mentorId, { base: run.result, highs });
    },
    'runs.compare': (input) => compareRuns(getRun(store, input.a), getRun(store, input.b)),
    'runs.export': async (input) => {
      const { run, cohort, program, members } = runContext(input.runId);
      const file =
        input.format === 'csv'
          ? exportCsv(run, members, cohort.name)
          : input.format === 'xlsx'
            ? await exportXlsx(run, members, cohort.name)
            : await exportEmlZip(run, members, { from: await sender(input.from), programName: program.name, cohortName: cohort.name, note: input.note });
      return { fileName: file.fileName, mimeType: file.mimeType, dataBase64: Buffer.from(file.bytes).toString('base64') };
    },
    'runs.introPreview': async (input) => {
      const { run, program, members } = runContext(input.runId);
      let from: Mailbox | null = null;
      let fromProblem: string | null = null;
      try {
        from = await sender(input.from);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        fromProblem = error.message;
      }
      const emails = introEmails(run, members, { from, programName: program.name, note: input.note });
      const index = Math.min(Math.max(input.index ?? 0, 0), Math.max(emails.length - 1, 0));
      const email = emails[index] ?? null;
      return { count: emails.length, index, email, fromProblem };
    },
  };
}
