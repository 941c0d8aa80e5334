import type { Member } from './types';

/** A score difference with its sign always shown (−0.011, +0.539, 0.000): the same wherever a delta appears. */
export function signed(value: number, digits = 3): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return (0).toFixed(digits);
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(digits)}`;
}

/** A run's time with its date: runs of different days must not look alike in the list. */
export function runTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The cohort's members, plus a stand-in for each id a run names that is no longer in the cohort, so that
 * every view shows "(erased)" or "(removed)" instead of an internal id.
 */
export function withAbsent(members: Map<string, Member>, absent: readonly string[], erased: ReadonlySet<string>): Map<string, Member> {
  if (absent.length === 0) return members;
  const all = new Map(members);
  for (const id of absent) {
    if (all.has(id)) continue;
    all.set(id, {
      id, personId: id, cohortId: '', fullName: erased.has(id) ? '(erased)' : '(removed)', email: '', role: 'mentee', capacity: 0, timezone: null,
      interests: [], expertise: [], goals: '', bio: '', languages: [], department: null, team: null, managerEmail: null, seniorityYears: null,
      availability: [], approval: 'pending',
    });
  }
  return all;
}
