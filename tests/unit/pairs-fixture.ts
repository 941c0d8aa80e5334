import { expect } from 'vitest';
import { activePairs, publishRun } from '../../src/core/pairs/publish';
import { addMember } from '../../src/core/participants/roster';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { runMatchNow } from '../../src/core/runs/runs';
import { tempStore } from './temp';

export const START = '2027-03-01T09:00:00.000Z';
/** The instant `n` days (and `hours`) after START. */
export const day = (n: number, hours = 0) => new Date(Date.parse(START) + n * 86_400_000 + hours * 3_600_000);

/** A cohort with `n` mentors and `n` mentees in Berlin, published at START: n active pairs. */
export async function cohortOfPairs(n: number) {
  const store = await tempStore();
  const cohort = ensureProgramAndCohort(store, 'Mentoring', 'Spring');
  for (let i = 0; i < n; i += 1) {
    addMember(store, cohort.id, { fullName: `Mentor ${i}`, email: `mentor${i}@example.org`, role: 'Mentor', capacity: 2, timezone: 'Europe/Berlin' });
    addMember(store, cohort.id, { fullName: `Mentee ${i}`, email: `mentee${i}@example.org`, role: 'Mentee', timezone: 'Europe/Berlin' });
  }
  const run = await runMatchNow(store, { cohortId: cohort.id, settings: { rules: { timezone: { kind: 'none' } } } });
  publishRun(store, run.id, new Date(START));
  const pairs = activePairs(store, cohort.id);
  expect(pairs).toHaveLength(n);
  return { store, cohort, pairs };
}
