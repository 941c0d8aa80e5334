/**
 * What a matching run computes besides the optimum itself: the greedy baseline ("what optimisation
 * bought") and, when the coordinator locked or forbade pairs, the optimum without those edits
 * ("what the edits cost"). It lives in the engine, not with the stored runs, because the matching
 * worker computes it right after the solve and must not pull the database in with it.
 */
import type { Member } from '../domain/participant';
import { greedyMatch } from './greedy';
import { matchCohortAsync, type MatchResult } from './match-cohort';
import type { MatchSettings } from './settings';

export interface RunInsights {
  /** The same rules matched best-pair-first, for "what optimisation bought". */
  greedy?: { objective: number; totalScore: number; matched: number };
  /** The optimum without the coordinator's locks and forbids, when there are any: what the edits cost. */
  unconstrained?: { objective: number; totalScore: number; matched: number };
}

/** Everything a run computes besides the optimum itself; runs in the worker with it. */
export async function computeInsights(members: readonly Member[], settings: MatchSettings, result: MatchResult): Promise<RunInsights> {
  const greedy = greedyMatch(members, settings);
  const insights: RunInsights = { greedy: { objective: greedy.objective, totalScore: greedy.totalScore, matched: greedy.matched } };
  if (settings.lockedPairs.length > 0 || settings.forbiddenPairs.length > 0) {
    const free = await matchCohortAsync(members, { ...settings, lockedPairs: [], forbiddenPairs: [] });
    insights.unconstrained = { objective: free.objective, totalScore: free.totalScore, matched: free.matched };
  }
  void result;
  return insights;
}
