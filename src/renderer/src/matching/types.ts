import type { MethodOutput } from '../api/client';
import type { MatchSettings } from '../../../core/matching';

export type Round = MethodOutput<'rounds.get'>;
export type RoundSummary = MethodOutput<'rounds.list'>[number];
export type Assignment = Round['result']['assignments'][number];
export type Unmatched = Round['result']['unmatched'][number];
export type Job = MethodOutput<'rounds.job'>;
export type Member = MethodOutput<'members.list'>[number];
export type Settings = MatchSettings;
export type PairRef = { menteeId: string; mentorId: string };

/** The coordinator's edits on top of the rules: kept across runs, undoable. */
export interface Adjustments {
  locks: PairRef[];
  forbids: PairRef[];
  capacity: Record<string, number>;
}

export const EMPTY_ADJUSTMENTS: Adjustments = { locks: [], forbids: [], capacity: {} };
