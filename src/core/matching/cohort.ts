import { dataCoverageWarnings } from './data-coverage';
import type { Member } from '../domain/participant';
import { buildFeatures, type CohortFeatures } from './features';
import { clampCapacityToDegree, lexicographicUnmatchedCost, type AssignmentProblem } from './problem';
import { PairRules, ruleNames } from './rules';
import { buildPairTable, type PairTable, type ScoreOptions } from './pair-table';
import { criteriaFrom, slotCost, type Criteria } from './scoring';
import type { MatchSettings } from './settings';

/** Why a member takes no part in matching at all (before any pair is considered). */
export type MemberExclusion = 'rejected' | 'not-approved' | 'no-capacity';

export interface Lock {
  readonly mentee: number;
  readonly mentor: number;
  /** Hard rules (and member-level conditions) the coordinator overrode with this lock. */
  readonly violations: string[];
}

/** A cohort turned into indices, features, rules and the scored pair table. */
export interface PreparedCohort {
  readonly settings: MatchSettings;
  readonly crit: Criteria;
  readonly features: CohortFeatures;
  readonly rules: PairRules;
  readonly mentees: readonly Member[];
  readonly mentors: readonly Member[];
  readonly menteeIndex: ReadonlyMap<string, number>;
  readonly mentorIndex: ReadonlyMap<string, number>;
  readonly menteeExclusion: readonly (MemberExclusion | null)[];
  readonly mentorExclusion: readonly (MemberExclusion | null)[];
  /** Total capacity per mentor after overrides. */
  readonly capacity: Int32Array;
  readonly locks: readonly Lock[];
  /** Mentor index a mentee is locked to, or −1. */
  readonly lockedTo: Int32Array;
  readonly lockedCount: Int32Array;
  readonly table: PairTable;
  readonly warnings: string[];
  readonly scoringMs: number;
}

const byId = (a: Member, b: Member) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function exclusionOf(m: Member, requireApproved: boolean, excludeRejected: boolean): MemberExclusion | null {
  if (excludeRejected && m.approval === 'rejected') return 'rejected';
  if (requireApproved && m.approval !== 'approved') return 'not-approved';
  return null;
}

export function prepareCohort(members: readonly Member[], settings: MatchSettings, opts: ScoreOptions = {}): PreparedCohort {
  const t0 = performance.now();
  const warnings: string[] = [];
  // Sorting by id makes every later tie-break (and so the whole result) independent of input order.
  const mentees = members.filter((m) => m.role === 'mentee').sort(byId);
  const mentors = members.filter((m) => m.role === 'mentor').sort(byId);
  for (const list of [mentees, mentors]) {
    for (let k = 1; k < list.length; k++) {
      if (list[k]!.id === list[k - 1]!.id) throw new Error(`duplicate member id "${list[k]!.id}"`);
    }
  }
  if (!settings.startDate) warnings.push('No cohort start date set: time zones evaluated for the week of 2025-01-06.');
  warnings.push(...dataCoverageWarnings([...mentees, ...mentors], settings));
  const menteeIndex = new Map(mentees.map((m, i) => [m.id, i]));
  const mentorIndex = new Map(mentors.map((m, j) => [m.id, j]));
  const r = settings.rules;
  const capacity = Int32Array.from(mentors, (m) => settings.capacityOverrides[m.id] ?? m.capacity);
  for (const id of Object.keys(settings.capacityOverrides)) {
    if (!mentorIndex.has(id)) warnings.push(`Capacity override for unknown mentor "${id}" ignored.`);
  }
  const menteeExclusion = mentees.map((m) => exclusionOf(m, r.requireApprovedMentees, r.excludeRejected));
  const mentorExclusion = mentors.map((m, j) => exclusionOf(m, r.requireApprovedMentors, r.excludeRejected) ?? (capacity[j]! <= 0 ? 'no-capacity' : null));

  const features = buildFeatures(mentees, mentors, settings);
  const rules = new PairRules(features, settings, menteeIndex, mentorIndex);
  const crit = criteriaFrom(settings);

  const lockedTo = new Int32Array(mentees.length).fill(-1);
  const lockedCount = new Int32Array(mentors.length);
  const locks: Lock[] = [];
  const sortedLocks = [...settings.lockedPairs].sort((a, b) =>
    a.menteeId === b.menteeId ? (a.mentorId < b.mentorId ? -1 : 1) : a.menteeId < b.menteeId ? -1 : 1,
  );
  for (const l of sortedLocks) {
    const i = menteeIndex.get(l.menteeId);
    const j = mentorIndex.get(l.mentorId);
    if (i === undefined || j === undefined) {
      warnings.push(`Locked pair (${l.menteeId}, ${l.mentorId}) ignored: ${i === undefined ? 'mentee' : 'mentor'} not in this cohort.`);
      continue;
    }
    if (lockedTo[i]! >= 0) {
      warnings.push(`Locked pair (${l.menteeId}, ${l.mentorId}) ignored: the mentee is already locked to another mentor.`);
      continue;
    }
    const violations: string[] = ruleNames(rules.mask(i, j));
    const me = menteeExclusion[i];
    const mo = mentorExclusion[j];
    if (me && me !== 'no-capacity') violations.push(`mentee ${me}`);
    if (mo && mo !== 'no-capacity') violations.push(`mentor ${mo}`);
    if (lockedCount[j]! >= capacity[j]!) violations.push('over capacity');
    lockedTo[i] = j;
    lockedCount[j]! += 1;
    locks.push({ mentee: i, mentor: j, violations });
  }

  const menteeUsable = Uint8Array.from(mentees, (_, i) => (menteeExclusion[i] === null && lockedTo[i]! < 0 ? 1 : 0));
  const mentorUsable = Uint8Array.from(mentors, (_, j) => (mentorExclusion[j] === null && capacity[j]! > lockedCount[j]! ? 1 : 0));
  const table = buildPairTable(features, rules, crit, menteeUsable, mentorUsable, opts);
  return {
    settings,
    crit,
    features,
    rules,
    mentees,
    mentors,
    menteeIndex,
    mentorIndex,
    menteeExclusion,
    mentorExclusion,
    capacity,
    locks,
    lockedTo,
    lockedCount,
    table,
    warnings,
    scoringMs: performance.now() - t0,
  };
}

/** The optimisation problem over the mentees that are still free, with locked slots used up. */
export function buildProblem(c: PreparedCohort): AssignmentProblem {
  const m = c.mentors.length;
  const free = new Int32Array(m);
  for (let j = 0; j < m; j++) free[j] = c.mentorExclusion[j] === null ? Math.max(0, c.capacity[j]! - c.lockedCount[j]!) : 0;
  const base = { nMentees: c.table.nMentees, nMentors: m, rowStart: c.table.rowStart, mentor: c.table.mentor, cost: c.table.cost };
  const capacity = clampCapacityToDegree(base, free);
  let slotCosts: Float64Array | null = null;
  if (c.crit.loadBonus > 0) {
    const parts: number[] = [];
    for (let j = 0; j < m; j++) {
      for (let k = 0; k < capacity[j]!; k++) parts.push(slotCost(c.crit, c.capacity[j]!, c.lockedCount[j]! + k));
    }
    slotCosts = Float64Array.from(parts);
  }
  const present = Uint8Array.from(c.mentees, (_, i) => (c.menteeExclusion[i] === null && c.lockedTo[i]! < 0 ? 1 : 0));
  const p: AssignmentProblem = { ...base, capacity, slotCost: slotCosts, present, unmatchedCost: 0 };
  return c.settings.mode === 'max-matched-then-score' ? { ...p, unmatchedCost: lexicographicUnmatchedCost(p) } : p;
}
