import type { Store } from '../db/store';
import type { Member } from '../domain/participant';
import { NotFoundError, UserError } from '../errors';
import { computeInsights, matchCohortAsync, MatchSettings, type MatchOptions, type MatchResult, type MatchSettingsInput } from '../matching';
import { listMembers } from '../participants/members';
import { getCohort, getProgram } from '../programs/programs';
import type { RunInsights } from '../matching';
import type { Run, RunSummary } from './contract';
import { learnedScore } from '../learning/apply';

/**
 * The settings a run really uses: the coordinator's choices, the cohort's start date when none was
 * given (offsets and DST are taken in that week), and the program's mentor-approval rule.
 */
export function effectiveSettings(store: Store, cohortId: string, input: MatchSettingsInput): MatchSettings {
  const cohort = getCohort(store, cohortId);
  const program = getProgram(store, cohort.programId);
  const settings = MatchSettings.parse(input);
  return {
    ...settings,
    score: learnedScore(store, cohort.programId, settings.score),
    startDate: settings.startDate ?? cohort.startDate,
    rules: { ...settings.rules, requireApprovedMentors: settings.rules.requireApprovedMentors || program.settings.requireMentorApproval },
  };
}

function runSummary(row: {
  id: string; cohort_id: string; name: string; status: 'draft' | 'published'; matched: number; unmatched: number; total_score: number; optimal: number; created_at: string;
}): RunSummary {
  return {
    id: row.id,
    cohortId: row.cohort_id,
    name: row.name,
    status: row.status,
    matched: row.matched,
    unmatched: row.unmatched,
    totalScore: row.total_score,
    optimal: row.optimal === 1,
    createdAt: row.created_at,
  };
}

/** What a run needs, checked before any work starts: the cohort's members and the effective settings. */
export function prepareRun(store: Store, input: { cohortId: string; settings: MatchSettingsInput }): { members: Member[]; settings: MatchSettings } {
  const settings = effectiveSettings(store, input.cohortId, input.settings);
  const members = listMembers(store, input.cohortId);
  if (!members.some((m) => m.role === 'mentee')) throw new UserError('This cohort has no mentees to match: import participants first');
  if (!members.some((m) => m.role === 'mentor')) throw new UserError('This cohort has no mentors: import participants first');
  return { members, settings };
}

/** Saves a finished run as a draft run. */
export function saveRun(
  store: Store,
  input: { id?: string; cohortId: string; settings: MatchSettings; result: MatchResult; insights: RunInsights; name?: string },
): Run {
  const existing = store.first(
    store.q.selectFrom('match_runs').select((eb) => eb.fn.countAll<number>().as('n')).where('cohort_id', '=', input.cohortId),
  );
  const id = store.transact((w) =>
    w.insert('match_runs', {
      id: input.id,
      cohort_id: input.cohortId,
      name: input.name?.trim() || `Run ${(existing?.n ?? 0) + 1}`,
      status: 'draft',
      settings: JSON.stringify(input.settings),
      result: JSON.stringify(input.result),
      matched: input.result.matched,
      unmatched: input.result.unmatched.length,
      total_score: input.result.totalScore,
      optimal: input.result.status === 'optimal' ? 1 : 0,
      insights: JSON.stringify(input.insights),
    }),
  );
  return getRun(store, id);
}

/** Runs the engine on a cohort's current members in this thread and saves the run (CLI, tests). */
export async function runMatchNow(
  store: Store,
  input: { cohortId: string; settings: MatchSettingsInput; name?: string },
  options: MatchOptions = {},
): Promise<Run> {
  const { members, settings } = prepareRun(store, input);
  const result = await matchCohortAsync(members, settings, options);
  const insights = await computeInsights(members, settings, result);
  return saveRun(store, { cohortId: input.cohortId, settings, result, insights, name: input.name });
}

export function listRuns(store: Store, cohortId: string): RunSummary[] {
  return store
    .all(
      store.q
        .selectFrom('match_runs')
        .select(['id', 'cohort_id', 'name', 'status', 'matched', 'unmatched', 'total_score', 'optimal', 'created_at'])
        .where('cohort_id', '=', cohortId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id'),
    )
    .map(runSummary);
}

export function getRun(store: Store, id: string): Run {
  const row = store.first(store.q.selectFrom('match_runs').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No matching run with id ${id}`);
  return {
    ...runSummary(row),
    settings: MatchSettings.parse(JSON.parse(row.settings)),
    result: JSON.parse(row.result) as MatchResult,
    insights: JSON.parse(row.insights) as RunInsights,
  };
}
