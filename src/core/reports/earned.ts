import type { Store } from '../db/store';
import { badgesOf } from './badges';
import { heldRecords, type CohortData } from './cohort-data';
import type { Badge } from './contract';
import { goalReachers, topRatedMentors } from './facts';

/** The cohort's badges as of a moment: held sessions, reached goals and the feedback work's mentor averages. */
export function cohortBadges(store: Store, data: CohortData, asOf: Date, held = heldRecords(store, data, asOf)): Badge[] {
  return badgesOf(data, held, { goalReached: goalReachers(store, data.cohort.id, asOf), topRated: topRatedMentors(store, data.cohort.id) });
}
