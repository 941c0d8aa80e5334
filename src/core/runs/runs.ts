import type { Store } from '../db/store';
import type { Member } from '../domain/participant';
import { NotFoundError, UserError } from '../errors';
import { greedyMatch, matchCohortAsync, MatchSettings, type MatchOptions, type MatchResult, type MatchSettingsInput } from '../matching';
import { listMembers } from '../participants/members';
import { getCohort, getProgram } from '../programs/programs';

export interface RoundSummary {
  id: string;
  cohortId: string;
  name: string;
  status: 'draft' | 'published';
  matched: number;
  unmatched: number;
  totalScore: number;
  optimal: boolean;
  createdAt: string;
}

export interface RoundInsights {
  /** The same rules matched best-pair-first, for "what optimisation bought". */
  greedy?: { objective: number; totalScore: number; matched: number };
  /** The optimum without the coordinator's locks and forbids, when there are any: what the edits cost. */
  unconstrained?: { objective: number; totalScore: number; matched: number };
}

export interface Round extends RoundSummary {
  settings: MatchSettings;
  result: MatchResult;
  insights: RoundInsights;
}

/** Everything a run computes besides the optimum itself; runs in the worker with it. */
export async function computeInsights(members: readonly Member[], settings: MatchSettings, result: MatchResult): Promise<RoundInsights> {
  const greedy = greedyMatch(members, settings);
  const insights: RoundInsights = { greedy: { objective: greedy.objective, totalScore: greedy.totalScore, matched: greedy.matched } };
  if (settings.lockedPairs.length > 0 || settings.forbiddenPairs.length > 0) {
    const free = await matchCohortAsync(members, { ...settings, lockedPairs: [], forbiddenPairs: [] });
    insights.unconstrained = { objective: free.objective, totalScore: free.totalScore, matched: free.matched };
  }
  void result;
  return insights;
}

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
    startDate: settings.startDate ?? cohort.startDate,
    rules: { ...settings.rules, requireApprovedMentors: settings.rules.requireApprovedMentors || program.settings.requireMentorApproval },
  };
}

function roundSummary(row: {
  id: string; cohort_id: string; name: string; status: 'draft' | 'published'; matched: number; unmatched: number; total_score: number; optimal: number; created_at: string;
}): RoundSummary {
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
export function prepareRound(store: Store, input: { cohortId: string; settings: MatchSettingsInput }): { members: Member[]; settings: MatchSettings } {
  const settings = effectiveSettings(store, input.cohortId, input.settings);
  const members = listMembers(store, input.cohortId);
  if (!members.some((m) => m.role === 'mentee')) throw new UserError('This cohort has no mentees to match: import participants first');
  if (!members.some((m) => m.role === 'mentor')) throw new UserError('This cohort has no mentors: import participants first');
  return { members, settings };
}

/** Saves a finished run as a draft round. */
export function saveRound(
  store: Store,
  input: { cohortId: string; settings: MatchSettings; result: MatchResult; insights: RoundInsights; name?: string },
): Round {
  const existing = store.first(
    store.q.selectFrom('match_rounds').select((eb) => eb.fn.countAll<number>().as('n')).where('cohort_id', '=', input.cohortId),
  );
  const id = store.transact((w) =>
    w.insert('match_rounds', {
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
  return getRound(store, id);
}

/** Runs the engine on a cohort's current members in this thread and saves the run (CLI, tests). */
export async function runMatchRound(
  store: Store,
  input: { cohortId: string; settings: MatchSettingsInput; name?: string },
  options: MatchOptions = {},
): Promise<Round> {
  const { members, settings } = prepareRound(store, input);
  const result = await matchCohortAsync(members, settings, options);
  const insights = await computeInsights(members, settings, result);
  return saveRound(store, { cohortId: input.cohortId, settings, result, insights, name: input.name });
}

export function listRounds(store: Store, cohortId: string): RoundSummary[] {
  return store
    .all(
      store.q
        .selectFrom('match_rounds')
        .select(['id', 'cohort_id', 'name', 'status', 'matched', 'unmatched', 'total_score', 'optimal', 'created_at'])
        .where('cohort_id', '=', cohortId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id'),
    )
    .map(roundSummary);
}

export function getRound(store: Store, id: string): Round {
  const row = store.first(store.q.selectFrom('match_rounds').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No matching round with id ${id}`);
  return {
    ...roundSummary(row),
    settings: MatchSettings.parse(JSON.parse(row.settings)),
    result: JSON.parse(row.result) as MatchResult,
    insights: JSON.parse(row.insights) as RoundInsights,
  };
}
