import type { Member } from '../domain/participant';
import { greedyMatch } from './greedy';
import { matchCohort, type MatchOptions, type MatchResult } from './match-cohort';
import type { MatchSettings } from './settings';

export { explainUnmatched, type UnmatchedExplanation, type UnmatchedCode } from './explain-unmatched';

export interface AssignmentChange {
  readonly menteeId: string;
  /** Mentor before the change, null if unmatched. */
  readonly from: string | null;
  readonly to: string | null;
}

function changes(before: MatchResult, after: MatchResult, skip?: string): AssignmentChange[] {
  const a = new Map(before.assignments.map((x) => [x.menteeId, x.mentorId]));
  const b = new Map(after.assignments.map((x) => [x.menteeId, x.mentorId]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: AssignmentChange[] = [];
  for (const id of ids) {
    if (id === skip) continue;
    const from = a.get(id) ?? null;
    const to = b.get(id) ?? null;
    if (from !== to) out.push({ menteeId: id, from, to });
  }
  return out;
}

export interface ForcedPairExplanation {
  readonly menteeId: string;
  readonly mentorId: string;
  readonly baseObjective: number;
  readonly forcedObjective: number;
  /** forced − base: ≤ 0 because the base is optimal (0 when the pair is already in an optimum). */
  readonly delta: number;
  readonly baseMatched: number;
  readonly forcedMatched: number;
  /** Hard rules the forced pair would override. */
  readonly brokenRules: readonly string[];
  /** Everyone else whose mentor changes (displaced or moved). */
  readonly displaced: readonly AssignmentChange[];
}

/** What forcing (mentee, mentor) would cost: re-solves optimally with that pair locked. */
export function explainForcedPair(
  members: readonly Member[],
  settings: MatchSettings,
  menteeId: string,
  mentorId: string,
  opts: MatchOptions & { base?: MatchResult } = {},
): ForcedPairExplanation {
  const base = opts.base ?? matchCohort(members, settings, opts);
  const forcedSettings: MatchSettings = {
    ...settings,
    lockedPairs: [...settings.lockedPairs.filter((l) => l.menteeId !== menteeId), { menteeId, mentorId }],
  };
  const forced = matchCohort(members, forcedSettings, opts);
  const pair = forced.assignments.find((a) => a.menteeId === menteeId && a.mentorId === mentorId);
  if (!pair) throw new Error(`cannot force (${menteeId}, ${mentorId}): not a mentee and mentor of this cohort`);
  return {
    menteeId,
    mentorId,
    baseObjective: base.objective,
    forcedObjective: forced.objective,
    delta: forced.objective - base.objective,
    baseMatched: base.matched,
    forcedMatched: forced.matched,
    brokenRules: pair.lockViolations,
    displaced: changes(base, forced, menteeId),
  };
}

export interface ExtraSlotExplanation {
  readonly mentorId: string;
  readonly objectiveDelta: number;
  readonly matchedDelta: number;
  readonly changes: readonly AssignmentChange[];
}

/** What one more slot for `mentorId` would gain (re-solved optimally). */
export function explainExtraSlot(
  members: readonly Member[],
  settings: MatchSettings,
  mentorId: string,
  opts: MatchOptions & { base?: MatchResult } = {},
): ExtraSlotExplanation {
  const mentor = members.find((m) => m.id === mentorId && m.role === 'mentor');
  if (!mentor) throw new Error(`unknown mentor "${mentorId}"`);
  const base = opts.base ?? matchCohort(members, settings, opts);
  const current = settings.capacityOverrides[mentorId] ?? mentor.capacity;
  const more = matchCohort(members, { ...settings, capacityOverrides: { ...settings.capacityOverrides, [mentorId]: current + 1 } }, opts);
  return {
    mentorId,
    objectiveDelta: more.objective - base.objective,
    matchedDelta: more.matched - base.matched,
    changes: changes(base, more),
  };
}

export interface GreedyComparison {
  readonly optimal: number;
  readonly greedy: number;
  readonly gain: number;
  readonly optimalMatched: number;
  readonly greedyMatched: number;
}

/** "Gain over greedy": how much the optimiser adds over best-pair-first matching on the same rules. */
export function gainOverGreedy(
  members: readonly Member[],
  settings: MatchSettings,
  opts: MatchOptions & { base?: MatchResult } = {},
): GreedyComparison {
  const base = opts.base ?? matchCohort(members, settings, opts);
  const g = greedyMatch(members, settings);
  return {
    optimal: base.objective,
    greedy: g.objective,
    gain: base.objective - g.objective,
    optimalMatched: base.matched,
    greedyMatched: g.matched,
  };
}
