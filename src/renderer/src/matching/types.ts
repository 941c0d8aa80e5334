import type { MethodOutput } from '../api/client';
import type { MatchSettings } from '../../../core/matching/settings';
import type { Adjustments, MatchingEdit } from '../../../core/edits/contract';

export type Run = MethodOutput<'runs.get'>;
export type RunSummary = MethodOutput<'runs.list'>[number];
export type Assignment = Run['result']['assignments'][number];
export type Unmatched = Run['result']['unmatched'][number];
export type RunStatus = MethodOutput<'runs.status'>;
export type Member = MethodOutput<'members.list'>[number];
export type Settings = MatchSettings;
export type PairRef = { menteeId: string; mentorId: string };
export type { Adjustments, MatchingEdit };
